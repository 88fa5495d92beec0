import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { StartOverInput } from '../../../../shared/schemas/session';
import { call } from '../../api/client';
import { CenteredCard } from '../../components/CenteredCard';
import { CentreErrorText } from '../../components/CentreErrorText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useFormat } from '../../i18n/format';

type Form = z.input<typeof StartOverInput>;

export interface KeyLostScreenProps {
  loss: 'unreadable' | 'missing';
}

/**
 * The store's key cannot be opened here (electron/core/recovery.ts). What happened, that
 * nothing was deleted, what the centre can confirm, and, only when it confirms that nothing
 * from here is waiting, a supervisor's "start again from the centre".
 */
export function KeyLostScreen({ loss }: KeyLostScreenProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const status = useQuery({
    queryKey: ['recovery.status'],
    queryFn: () => call('recovery.status', {}),
    staleTime: 0,
  });
  const { register, handleSubmit, formState } = useForm<Form>({
    resolver: zodResolver(StartOverInput),
    defaultValues: { login: '', password: '' },
  });
  const startOver = useMutation({ mutationFn: (v: Form) => call('recovery.startOver', v) });
  const c = status.data?.centre;
  const when = c?.lastReportAt ? fmt.dateTime(c.lastReportAt) : t('recovery.never');

  return (
    <CenteredCard title={t('recovery.title')} subtitle={t(`recovery.loss.${loss}`)}>
      <Stack spacing={2}>
        <Alert severity="info">{t('recovery.kept')}</Alert>
        {status.isPending && <Loading label={t('recovery.asking')} />}
        <ErrorAlert error={status.error} />
        {c && !c.configured && <Alert severity="warning">{t('recovery.noCentre')}</Alert>}
        {c?.configured && !c.reachable && (
          <Alert severity="warning">
            {t('recovery.unreachable')} <CentreErrorText text={c.error} />
          </Alert>
        )}
        {c?.reachable && !c.nothingPending && (
          <Alert severity="warning">{t('recovery.pending', { when, count: c.pending ?? 0 })}</Alert>
        )}
        {startOver.data ? (
          <Alert severity="success" role="status">
            {t('recovery.done', { folder: startOver.data.movedTo })}
          </Alert>
        ) : (
          c?.nothingPending && (
            <form noValidate onSubmit={(e) => void handleSubmit((v) => startOver.mutate(v))(e)}>
              <Stack spacing={2}>
                <Typography>{t('recovery.confirmed', { when })}</Typography>
                <TextField
                  label={t('recovery.login')}
                  autoComplete="username"
                  error={!!formState.errors.login}
                  helperText={formState.errors.login?.message}
                  {...register('login')}
                />
                <TextField
                  label={t('recovery.password')}
                  type="password"
                  autoComplete="current-password"
                  error={!!formState.errors.password}
                  helperText={formState.errors.password?.message}
                  {...register('password')}
                />
                <Button type="submit" variant="contained" loading={startOver.isPending}>
                  {t('recovery.startOver')}
                </Button>
                <ErrorAlert error={startOver.error} />
              </Stack>
            </form>
          )
        )}
        {!startOver.data && (
          <Button
            variant="outlined"
            onClick={() => void status.refetch()}
            loading={status.isFetching}
          >
            {t('recovery.askAgain')}
          </Button>
        )}
      </Stack>
    </CenteredCard>
  );
}
