import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { supervisorKeys } from '../queries';

export interface ClientKeyFormProps {
  keySet: boolean;
}

/**
 * A certificate login's private key: the core asks for the file, checks it, and keeps it
 * only sealed by the system keyring (never shown, never read back).
 */
export function ClientKeyForm({ keySet }: ClientKeyFormProps) {
  const { t } = useTranslation('supervisor');
  const qc = useQueryClient();
  const install = useMutation({
    mutationFn: () => call('settings.installClientKey', {}),
    onSuccess: (view) => qc.setQueryData(supervisorKeys.settings, view),
  });
  const set = install.data?.clientKeySet ?? keySet;
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Alert severity={set ? 'success' : 'info'}>
        {set ? t('settings.central.clientKeySet') : t('settings.central.clientKeyNotSet')}
      </Alert>
      <Button
        variant="outlined"
        sx={{ alignSelf: 'flex-start' }}
        loading={install.isPending}
        onClick={() => install.mutate()}
      >
        {t('settings.central.installClientKey')}
      </Button>
      <ErrorAlert error={install.error} />
    </Stack>
  );
}
