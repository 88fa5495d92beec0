import { zodResolver } from '@hookform/resolvers/zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  ApproveInput,
  type ApprovalKind,
  type CheckResult,
  type VisitState,
} from '../../../../shared/schemas/visit';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FindingsList } from './FindingsList';

const Form = ApproveInput.omit({ visitId: true });
type FormValues = z.input<typeof Form>;

export interface ApprovalStepProps {
  visitId: string;
  pending: ApprovalKind[];
  check: CheckResult | null;
  onApproved: (state: VisitState) => void;
  onEnd: () => void;
}

/** A supervisor approves on the clerk's screen, with their own login, password and a reason. */
export function ApprovalStep({ visitId, pending, check, onApproved, onEnd }: ApprovalStepProps) {
  const { t } = useTranslation('clerk');
  const { register, handleSubmit, formState, setValue, setFocus } = useForm<FormValues>({
    resolver: zodResolver(Form),
    defaultValues: { login: '', password: '', reason: '' },
  });
  const approve = useMutation({
    mutationFn: (v: FormValues) => call('visit.approve', { visitId, ...v }),
    onSuccess: onApproved,
    onError: () => {
      setValue('password', '');
      setFocus('password');
    },
  });
  const warnings = check?.findings.filter((f) => f.severity === 'warning') ?? [];
  return (
    <form
      noValidate
      aria-labelledby="approval-title"
      onSubmit={(e) => void handleSubmit((v) => approve.mutate(v))(e)}
    >
      <Typography id="approval-title" variant="h2">
        {t('visit.approval.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mt: 0.5, mb: 2 }}>
        {t('visit.approval.intro')}
      </Typography>
      <Typography variant="h3" component="h3">
        {t('visit.approval.needed')}
      </Typography>
      <Box component="ul" sx={{ mt: 1 }}>
        {pending.map((k) => (
          <li key={k}>{t(`visit.approvalKinds.${k}`)}</li>
        ))}
      </Box>
      {warnings.length > 0 && <FindingsList findings={warnings} />}
      <Stack spacing={2} sx={{ mt: 2, maxWidth: 560 }}>
        <TextField
          label={t('visit.approval.login')}
          autoFocus
          autoComplete="off"
          error={!!formState.errors.login}
          helperText={formState.errors.login?.message}
          {...register('login')}
        />
        <TextField
          label={t('visit.approval.password')}
          type="password"
          autoComplete="off"
          error={!!formState.errors.password}
          helperText={formState.errors.password?.message}
          {...register('password')}
        />
        <TextField
          label={t('visit.approval.reason')}
          autoComplete="off"
          error={!!formState.errors.reason}
          helperText={formState.errors.reason?.message ?? t('visit.approval.reasonHint')}
          {...register('reason')}
        />
      </Stack>
      <ErrorAlert error={approve.error} />
      <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
        <Button type="submit" variant="contained" size="large" loading={approve.isPending}>
          {t('visit.approval.submit')}
        </Button>
        <Button size="large" onClick={onEnd}>
          {t('visit.end')}
        </Button>
      </Stack>
    </form>
  );
}
