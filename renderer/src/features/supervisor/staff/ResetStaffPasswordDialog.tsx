import { zodResolver } from '@hookform/resolvers/zod';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ResetClerkPasswordInput, type ClerkRecord } from '../../../../../shared/schemas/session';
import { call } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';

const Form = ResetClerkPasswordInput.omit({ id: true });
type FormValues = z.input<typeof Form>;

export interface ResetStaffPasswordDialogProps {
  clerk: ClerkRecord;
  onDone: () => void;
  onClose: () => void;
}

export function ResetStaffPasswordDialog({
  clerk,
  onDone,
  onClose,
}: ResetStaffPasswordDialogProps) {
  const { t } = useTranslation('supervisor');
  const { t: tc } = useTranslation('common');
  const { register, handleSubmit, formState } = useForm<FormValues>({
    resolver: zodResolver(Form),
    defaultValues: { password: '' },
  });
  const reset = useMutation({
    mutationFn: ({ password }: FormValues) =>
      call('staff.resetPassword', { id: clerk.id, password }),
    onSuccess: onDone,
  });
  return (
    <Dialog open onClose={onClose} aria-labelledby="reset-staff-title" fullWidth maxWidth="sm">
      <form noValidate onSubmit={(e) => void handleSubmit((v) => reset.mutate(v))(e)}>
        <DialogTitle id="reset-staff-title">
          {t('staff.resetTitle', { name: clerk.fullName })}
        </DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t('staff.resetIntro')}</DialogContentText>
          <TextField
            label={t('staff.newPassword')}
            type="password"
            autoComplete="new-password"
            autoFocus
            error={!!formState.errors.password}
            helperText={formState.errors.password?.message}
            {...register('password')}
          />
          <ErrorAlert error={reset.error} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{tc('actions.cancel')}</Button>
          <Button type="submit" variant="contained" loading={reset.isPending}>
            {tc('actions.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
