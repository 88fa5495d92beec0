import { zodResolver } from '@hookform/resolvers/zod';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
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
  /** Set when the screen was locked: the same clerk signs back in. */
  locked?: { login: string; fullName: string };
}

export function SignInScreen({ officeName, locked }: SignInScreenProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // On a locked screen another clerk may take over the workstation; the core then ends the
  // first clerk's session (and any visit of theirs) before signing the new one in.
  const [otherUser, setOtherUser] = useState(false);
  const sameClerk = locked !== undefined && !otherUser;
  const { register, handleSubmit, formState, setValue, setFocus } = useForm<Form>({
    resolver: zodResolver(SignInInput),
    defaultValues: { login: locked?.login ?? '', password: '' },
  });
  // Once the login field is editable again (after the render that drops readOnly), it takes the
  // focus: in an effect, not a timer, so a fast typist's first keys never land elsewhere.
  useEffect(() => {
    if (otherUser) setFocus('login');
  }, [otherUser, setFocus]);
  const signIn = useMutation({
    mutationFn: (v: Form) => {
      void import('../workspace/Workspace');
      return call('session.signIn', v);
    },
    onSuccess: (state) => qc.setQueryData(keys.session, state),
    onError: () => {
      setValue('password', '');
      setFocus('password');
    },
  });

  return (
    <CenteredCard
      title={sameClerk ? t('signin.lockedTitle') : t('signin.title')}
      subtitle={sameClerk ? t('signin.lockedIntro', { name: locked.fullName }) : officeName}
    >
      <form noValidate onSubmit={(e) => void handleSubmit((v) => signIn.mutate(v))(e)}>
        <Stack spacing={2}>
          <TextField
            label={t('signin.login')}
            autoComplete="username"
            autoFocus={!sameClerk}
            error={!!formState.errors.login}
            helperText={formState.errors.login?.message}
            slotProps={{ htmlInput: { readOnly: sameClerk } }}
            {...register('login')}
          />
          <TextField
            label={t('signin.password')}
            type="password"
            autoComplete="current-password"
            autoFocus={sameClerk}
            error={!!formState.errors.password}
            helperText={formState.errors.password?.message}
            {...register('password')}
          />
          <Button type="submit" variant="contained" size="large" loading={signIn.isPending}>
            {t('signin.submit')}
          </Button>
          {sameClerk && (
            <Button
              onClick={() => {
                setOtherUser(true);
                setValue('login', '');
                setValue('password', '');
              }}
            >
              {t('signin.switchUser')}
            </Button>
          )}
        </Stack>
      </form>
      <ErrorAlert error={signIn.error} />
    </CenteredCard>
  );
}
