import { zodResolver } from '@hookform/resolvers/zod';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { SignInInput } from '../../../../shared/schemas/session';
import { call } from '../../api/client';
import { keys } from '../../api/queries';
import { CenteredCard } from '../../components/CenteredCard';
import { ErrorAlert } from '../../components/ErrorAlert';

type Form = z.input<typeof SignInInput>;

export interface SignInScreenProps {
  officeName: string;
  /** Shown when the screen was locked: the same clerk signs back in. */
  lockedLogin?: string;
}

export function SignInScreen({ officeName, lockedLogin }: SignInScreenProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { register, handleSubmit, formState } = useForm<Form>({
    resolver: zodResolver(SignInInput),
    defaultValues: { login: lockedLogin ?? '', password: '' },
  });
  const signIn = useMutation({
    mutationFn: (v: Form) => call('session.signIn', v),
    onSuccess: (state) => qc.setQueryData(keys.session, state),
  });

  return (
    <CenteredCard title={t('signin.title')} subtitle={officeName}>
      <form noValidate onSubmit={(e) => void handleSubmit((v) => signIn.mutate(v))(e)}>
        <Stack spacing={2}>
          <TextField
            label={t('signin.login')}
            autoComplete="username"
            autoFocus={!lockedLogin}
            error={!!formState.errors.login}
            helperText={formState.errors.login?.message}
            {...register('login')}
          />
          <TextField
            label={t('signin.password')}
            type="password"
            autoComplete="current-password"
            autoFocus={!!lockedLogin}
            error={!!formState.errors.password}
            helperText={formState.errors.password?.message}
            {...register('password')}
          />
          <Button type="submit" variant="contained" size="large" loading={signIn.isPending}>
            {t('signin.submit')}
          </Button>
        </Stack>
      </form>
      <ErrorAlert error={signIn.error} />
    </CenteredCard>
  );
}
