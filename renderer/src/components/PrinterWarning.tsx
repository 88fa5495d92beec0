import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { SxProps, Theme } from '@mui/material/styles';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useSession } from '../api/queries';

export const printerStatusKey = ['printers.status'] as const;

/** The counter's printer, asked again at most every 15 s (and after every print). */
export function usePrinterStatus() {
  return useQuery({
    queryKey: printerStatusKey,
    queryFn: () => call('printers.status', {}),
    staleTime: 15_000,
  });
}

/** The system's own print dialog can be opened here (the fallback after a failed print). */
export function useSystemDialog(): boolean {
  return usePrinterStatus().data?.dialog === true;
}

/**
 * Says before a visit needs it that the counter's printer cannot take a sheet: at the search
 * screen and when a visit starts, not at the consent step after the whole passport is typed.
 * Nothing shows while the printer is ready. The spooler's own words are for supervisors.
 */
export function PrinterWarning({ sx }: { sx?: SxProps<Theme> }) {
  const { t } = useTranslation('common');
  const session = useSession();
  const status = usePrinterStatus();
  const s = status.data;
  if (!s || s.state === 'ready') return null;
  const supervisor = session.data?.clerk?.role === 'supervisor';
  return (
    <Alert
      severity="warning"
      data-testid="printer-warning"
      sx={sx}
      action={
        <Button color="inherit" loading={status.isFetching} onClick={() => void status.refetch()}>
          {t('print.recheck')}
        </Button>
      }
    >
      {t(`print.reason.${s.state}`, { printer: s.printer ?? '' })}
      {supervisor && s.detail && (
        <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
          {t('print.detail', { detail: s.detail })}
        </Typography>
      )}
    </Alert>
  );
}
