import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SetupInput, type SetupMode } from '../../../../shared/schemas/session';
import { call } from '../../api/client';
import { keys } from '../../api/queries';
import { CenteredCard } from '../../components/CenteredCard';
import { CentreErrorText } from '../../components/CentreErrorText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';

const SetupForm = SetupInput.extend({ repeat: z.string() }).refine((v) => v.password === v.repeat, {
  path: ['repeat'],
  params: { mismatch: true },
});
type Form = z.input<typeof SetupForm>;

export interface SetupScreenProps {
  officeName: string;
  mode: SetupMode;
  centreError: string | null;
}

/**
 * First start. With a centre to ask, the workstation first learns from it which office it
 * belongs to: an office that has its staff there is joined (they sign in as they are), one
 * that has none yet is founded here by its first supervisor. Without a centre, the first
 * supervisor founds the office on this workstation.
 */
export function SetupScreen({ officeName, mode, centreError }: SetupScreenProps) {
  if (mode === 'waiting' || mode === 'join')
    return <JoiningOffice mode={mode} centreError={centreError} />;
  return <FirstSupervisor officeName={officeName} mode={mode} />;
}

/** While the centre has not answered, or the office's directory is on its way. */
function JoiningOffice({ mode, centreError }: { mode: SetupMode; centreError: string | null }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // app.info tells when the directory is here (needsSetup turns false) or the centre answers.
  useEffect(() => {
    const timer = setInterval(() => void qc.invalidateQueries({ queryKey: keys.appInfo }), 1_000);
    return () => clearInterval(timer);
  }, [qc]);
  return (
    <CenteredCard
      title={t(mode === 'join' ? 'setup.joinTitle' : 'setup.waitingTitle')}
      subtitle={t(mode === 'join' ? 'setup.joinIntro' : 'setup.waitingIntro')}
    >
      <Stack spacing={2}>
        <Typography>{t(mode === 'join' ? 'setup.joining' : 'setup.waiting')}</Typography>
        <Loading label={t(mode === 'join' ? 'setup.joining' : 'setup.waiting')} />
        {centreError && (
          <Alert severity="warning" role="status">
            {t('setup.centreSays')} <CentreErrorText text={centreError} />
          </Alert>
        )}
      </Stack>
    </CenteredCard>
  );
}

function FirstSupervisor({ officeName, mode }: { officeName: string; mode: SetupMode }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { register, handleSubmit, formState } = useForm<Form>({
    resolver: zodResolver(SetupForm),
    defaultValues: { officeName, login: '', fullName: '', password: '', repeat: '' },
  });
  const setup = useMutation({
    mutationFn: ({ repeat: _repeat, ...v }: Form) => call('session.setup', v),
    onSuccess: async (state) => {
      qc.setQueryData(keys.session, state);
      await qc.invalidateQueries({ queryKey: keys.appInfo });
    },
  });
  const err = (name: keyof Form) => {
    const e = formState.errors[name];
    if (!e) return {};
    return { error: true, helperText: name === 'repeat' ? t('setup.mismatch') : e.message };
  };

  return (
    <CenteredCard
      title={t('setup.title')}
      subtitle={mode === 'found' ? t('setup.foundIntro', { office: officeName }) : t('setup.intro')}
    >
      <form noValidate onSubmit={(e) => void handleSubmit((v) => setup.mutate(v))(e)}>
        <Stack spacing={2}>
          <TextField
            label={t('setup.officeName')}
            {...err('officeName')}
            {...register('officeName')}
          />
          <TextField
            label={t('setup.fullName')}
            autoFocus
            {...err('fullName')}
            {...register('fullName')}
          />
          <TextField
            label={t('setup.login')}
            autoComplete="username"
            {...err('login')}
            {...register('login')}
          />
          <TextField
            label={t('setup.password')}
            type="password"
            autoComplete="new-password"
            {...err('password')}
            {...register('password')}
          />
          <TextField
            label={t('setup.repeat')}
            type="password"
            autoComplete="new-password"
            {...err('repeat')}
            {...register('repeat')}
          />
          <Button type="submit" variant="contained" size="large" loading={setup.isPending}>
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
      <ErrorAlert error={setup.error} />
    </CenteredCard>
  );
}
