import { zodResolver } from '@hookform/resolvers/zod';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMutation } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CreateClerkInput, type ClerkSummary } from '../../../../../shared/schemas/session';
import { call } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';

type Form = z.input<typeof CreateClerkInput>;

export interface CreateStaffDialogProps {
  onCreated: (clerk: ClerkSummary) => void;
  onClose: () => void;
}

export function CreateStaffDialog({ onCreated, onClose }: CreateStaffDialogProps) {
  const { t } = useTranslation('supervisor');
  const { t: tc } = useTranslation('common');
  const { register, control, handleSubmit, formState } = useForm<Form>({
    resolver: zodResolver(CreateClerkInput),
    defaultValues: { login: '', fullName: '', role: 'clerk', password: '' },
  });
  const create = useMutation({
    mutationFn: (v: Form) => call('staff.create', v),
    onSuccess: onCreated,
  });
  const err = (name: keyof Form) => ({
    error: !!formState.errors[name],
    helperText: formState.errors[name]?.message,
  });
  return (
    <Dialog open onClose={onClose} aria-labelledby="create-staff-title" fullWidth maxWidth="sm">
      <form noValidate onSubmit={(e) => void handleSubmit((v) => create.mutate(v))(e)}>
        <DialogTitle id="create-staff-title">{t('staff.createTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t('staff.createIntro')}</DialogContentText>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              label={t('staff.fullName')}
              autoFocus
              {...err('fullName')}
              {...register('fullName')}
            />
            <TextField
              label={t('staff.loginField')}
              autoComplete="off"
              {...err('login')}
              {...register('login')}
            />
            <Controller
              control={control}
              name="role"
              render={({ field }) => (
                <TextField select label={t('staff.role')} {...field}>
                  <MenuItem value="clerk">{tc('roles.clerk')}</MenuItem>
                  <MenuItem value="supervisor">{tc('roles.supervisor')}</MenuItem>
                </TextField>
              )}
            />
            <TextField
              label={t('staff.password')}
              type="password"
              autoComplete="new-password"
              {...err('password')}
              {...register('password')}
            />
          </Stack>
          <ErrorAlert error={create.error} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{tc('actions.cancel')}</Button>
          <Button type="submit" variant="contained" loading={create.isPending}>
            {t('staff.create')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
