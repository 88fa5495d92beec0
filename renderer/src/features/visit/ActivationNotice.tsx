import Alert from '@mui/material/Alert';
import type { SxProps, Theme } from '@mui/material/styles';
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../workspace/useSyncStatus';

/**
 * Before the password and sheet: the centre is not connected, so access will not work until
 * the data reach it, and the sheet will say so. The clerk tells the resident before printing.
 */
export function ActivationNotice({ printed, sx }: { printed: boolean; sx?: SxProps<Theme> }) {
  const { t } = useTranslation('clerk');
  const sync = useSyncStatus();
  const state = sync.data?.state;
  if (state !== 'offline' && state !== 'disabled') return null;
  return (
    <Alert severity="warning" data-testid="activation-notice" sx={sx}>
      {printed ? t('visit.activation.printed') : t('visit.activation.beforePrint')}
    </Alert>
  );
}
