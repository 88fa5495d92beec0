import { zodResolver } from '@hookform/resolvers/zod';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { WithdrawConsentInput, type ConsentView } from '../../../../shared/schemas/account';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { accountKey } from './queries';

const Form = WithdrawConsentInput.omit({ consentId: true });
type FormValues = z.input<typeof Form>;

export interface WithdrawConsentDialogProps {
  accountId: number;
  consent: ConsentView;
  onClose: () => void;
  onWithdrawn: () => void;
}

export function WithdrawConsentDialog(props: WithdrawConsentDialogProps) {
  const { accountId, consent, onClose, onWithdrawn } = props;
  const { t } = useTranslation('clerk');
  const { t: tc } = useTranslation('common');
  const qc = useQueryClient();
  const { register, handleSubmit, formState } = useForm<FormValues>({
    resolver: zodResolver(Form),
    defaultValues: { reason: '' },
  });
  const withdraw = useMutation({
    mutationFn: ({ reason }: FormValues) =>
      call('consent.withdraw', { consentId: consent.id, reason }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: accountKey(accountId) });
      onWithdrawn();
    },
  });
  return (
    <Dialog open onClose={onClose} aria-labelledby="withdraw-title" fullWidth maxWidth="sm">
      <form noValidate onSubmit={(e) => void handleSubmit((v) => withdraw.mutate(v))(e)}>
        <DialogTitle id="withdraw-title">{t('account.consents.withdrawTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            {consent.residentName}. {t('account.consents.withdrawText')}
          </DialogContentText>
          <TextField
            autoFocus
            label={t('account.consents.reason')}
            error={!!formState.errors.reason}
            helperText={formState.errors.reason?.message}
            {...register('reason')}
          />
          <ErrorAlert error={withdraw.error} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{tc('actions.cancel')}</Button>
          <Button type="submit" color="error" variant="contained" loading={withdraw.isPending}>
            {t('account.consents.withdrawSubmit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
