import { zodResolver } from '@hookform/resolvers/zod';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SetupInput } from '../../../../shared/schemas/session';
import { call } from '../../api/client';
import { keys } from '../../api/queries';
import { CenteredCard } from '../../components/CenteredCard';
import { ErrorAlert } from '../../components/ErrorAlert';

const SetupForm = SetupInput.extend({ repeat: z.string() }).refine((v) => v.password === v.repeat, {
  path: ['repeat'],
  params: { mismatch: true },
});
type Form = z.input<typeof SetupForm>;

export interface SetupScreenProps {
  officeName: string;
}

export function SetupScreen({ officeName }: SetupScreenProps) {
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
    <CenteredCard title={t('setup.title')} subtitle={t('setup.intro')}>
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
