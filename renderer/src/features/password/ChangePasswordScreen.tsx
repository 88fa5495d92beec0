import { zodResolver } from '@hookform/resolvers/zod';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ChangePasswordInput, type ClerkSummary } from '../../../../shared/schemas/session';
import { call } from '../../api/client';
import { keys } from '../../api/queries';
import { CenteredCard } from '../../components/CenteredCard';
import { ErrorAlert } from '../../components/ErrorAlert';

const ChangeForm = ChangePasswordInput.extend({ repeat: z.string() }).refine(
  (v) => v.next === v.repeat,
  { path: ['repeat'] },
);
type Form = z.input<typeof ChangeForm>;

export interface ChangePasswordScreenProps {
  clerk: ClerkSummary;
}

/** Shown instead of the workspace while the clerk still has a password someone else chose. */
export function ChangePasswordScreen({ clerk }: ChangePasswordScreenProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { register, handleSubmit, formState } = useForm<Form>({
    resolver: zodResolver(ChangeForm),
    defaultValues: { current: '', next: '', repeat: '' },
  });
  const change = useMutation({
    mutationFn: ({ current, next }: Form) => call('session.changePassword', { current, next }),
    onSuccess: (state) => qc.setQueryData(keys.session, state),
  });
  const err = (name: keyof Form) => {
    const e = formState.errors[name];
    if (!e) return {};
    return { error: true, helperText: name === 'repeat' ? t('password.mismatch') : e.message };
  };

  return (
    <CenteredCard
      title={t('password.title')}
      subtitle={t('password.forcedIntro', { name: clerk.fullName })}
    >
      <form noValidate onSubmit={(e) => void handleSubmit((v) => change.mutate(v))(e)}>
        <Stack spacing={2}>
          <input
            type="text"
            name="username"
            autoComplete="username"
            value={clerk.login}
            readOnly
            hidden
          />
          <TextField
            label={t('password.current')}
            type="password"
            autoComplete="current-password"
            autoFocus
            {...err('current')}
            {...register('current')}
          />
          <TextField
            label={t('password.next')}
            type="password"
            autoComplete="new-password"
            {...err('next')}
            {...register('next')}
          />
          <TextField
            label={t('password.repeat')}
            type="password"
            autoComplete="new-password"
            {...err('repeat')}
            {...register('repeat')}
          />
          <Button type="submit" variant="contained" size="large" loading={change.isPending}>
            {t('password.submit')}
          </Button>
        </Stack>
      </form>
      <ErrorAlert error={change.error} />
    </CenteredCard>
  );
}
