import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CentralPasswordInput } from '../../../../../shared/schemas/supervisor';
import { call } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { supervisorKeys } from '../queries';

type Form = z.input<typeof CentralPasswordInput>;

export interface CentralPasswordFormProps {
  passwordSet: boolean;
}

/**
 * A form of its own (not part of the settings form): the password goes straight to the
 * core, which seals it, and is never read back.
 */
export function CentralPasswordForm({ passwordSet }: CentralPasswordFormProps) {
  const { t } = useTranslation('supervisor');
  const qc = useQueryClient();
  const { register, handleSubmit, formState, reset } = useForm<Form>({
    resolver: zodResolver(CentralPasswordInput),
    defaultValues: { password: '' },
  });
  const save = useMutation({
    mutationFn: (v: Form) => call('settings.setCentralPassword', v),
    onSuccess: async () => {
      reset({ password: '' });
      await qc.invalidateQueries({ queryKey: supervisorKeys.settings });
    },
  });
  return (
    <Stack
      component="form"
      noValidate
      spacing={2}
      sx={{ mt: 2 }}
      onSubmit={(e) => void handleSubmit((v) => save.mutate(v))(e)}
    >
      <Alert severity={passwordSet ? 'success' : 'info'}>
        {save.isSuccess
          ? t('settings.central.passwordSaved')
          : passwordSet
            ? t('settings.central.passwordSet')
            : t('settings.central.passwordNotSet')}
      </Alert>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <TextField
          label={t('settings.central.password')}
          type="password"
          autoComplete="new-password"
          error={!!formState.errors.password}
          helperText={formState.errors.password?.message}
          {...register('password')}
        />
        <Button
          type="submit"
          variant="outlined"
          sx={{ mt: 1, flexShrink: 0 }}
          loading={save.isPending}
        >
          {t('settings.central.setPassword')}
        </Button>
      </Stack>
      <ErrorAlert error={save.error} />
    </Stack>
  );
}
