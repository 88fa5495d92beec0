import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeldOperation, SecurityEvent } from '../../../../../shared/schemas/supervisor';
import { call } from '../../../api/client';
import { keys } from '../../../api/queries';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { Section } from '../../../components/Section';
import { VisuallyHidden } from '../../../components/VisuallyHidden';
import { useFormat } from '../../../i18n/format';
import { useSyncStatus } from '../../workspace/useSyncStatus';
import { enrolmentText } from '../../workspace/SyncDialog';
import { supervisorKeys } from '../queries';

/**
 * What the centre knows of this office, read live: what this workstation is enrolled for,
 * the operations it holds over a ceiling (released or refused here), and its security events.
 */
export function CentreReview() {
  const { t } = useTranslation('supervisor');
  const { t: tk } = useTranslation('clerk');
  const status = useSyncStatus();
  const review = useQuery({
    queryKey: supervisorKeys.review,
    queryFn: () => call('centre.review', {}),
    staleTime: 0,
    enabled: status.data !== undefined && status.data.state !== 'disabled',
  });
  return (
    <Section title={t('centre.title')} level="h3">
      <Typography sx={{ mb: 2 }} data-testid="enrolment">
        {status.data ? enrolmentText(status.data, tk) : tk('sync.enrolment.unknown')}
      </Typography>
      {status.data?.state === 'disabled' && <Typography>{t('centre.disabled')}</Typography>}
      <ErrorAlert error={review.error} sx={{ mt: 0, mb: 2 }} />
      {review.isFetching && !review.data && <Loading label={t('centre.title')} />}
      {review.data && (
        <Stack spacing={3}>
          <HeldOperations held={review.data.held} />
          <SecurityEvents events={review.data.events} />
        </Stack>
      )}
    </Section>
  );
}

function HeldOperations({ held }: { held: HeldOperation[] }) {
  const { t } = useTranslation('supervisor');
  const fmt = useFormat();
  const qc = useQueryClient();
  const decide = useMutation({
    mutationFn: (v: { opIds: string[]; release: boolean }) => call('centre.decideHeld', v),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: supervisorKeys.review });
      await qc.invalidateQueries({ queryKey: keys.sync });
    },
  });
  const decided = decide.data;
  // The row goes with the decision: the focus goes to what was decided instead of the page.
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (decided) outcome.current?.focus();
  }, [decided]);
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 700 }}>
        {t('centre.held')}
      </Typography>
      <Typography color="text.secondary">{t('centre.heldHint')}</Typography>
      <ErrorAlert error={decide.error} sx={{ mt: 0 }} />
      {decided && (
        <Alert severity="success" role="status" ref={outcome} tabIndex={-1}>
          {t('centre.decided', {
            released: decided.filter((d) => d.status === 'released').length,
            refused: decided.filter((d) => d.status === 'refused').length,
          })}
        </Alert>
      )}
      {held.length === 0 ? (
        <Typography>{t('centre.heldEmpty')}</Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('centre.heldAt')}</TableCell>
              <TableCell>{t('centre.what')}</TableCell>
              <TableCell>{t('sync.payerCode')}</TableCell>
              <TableCell>{t('centre.clerk')}</TableCell>
              <TableCell>{t('centre.reason')}</TableCell>
              <TableCell>
                <VisuallyHidden>{t('centre.decision')}</VisuallyHidden>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {held.map((h) => {
              const busy = decide.isPending && decide.variables.opIds.includes(h.opId);
              return (
                <TableRow key={h.opId}>
                  <TableCell>{fmt.dateTime(h.heldAt)}</TableCell>
                  <TableCell>
                    {t(`centre.kinds.${h.credentialKind === 'reset' ? 'reset' : 'issue'}`)}
                  </TableCell>
                  <TableCell>{h.payerCode ?? '—'}</TableCell>
                  <TableCell>{h.clerkName ?? h.clerkId ?? '—'}</TableCell>
                  <TableCell>{t(`centre.reasons.${h.reason}`)}</TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={1}>
                      <Button
                        size="small"
                        variant="contained"
                        loading={busy && decide.variables.release}
                        aria-label={t('centre.releaseLabel', { account: h.payerCode ?? '—' })}
                        onClick={() => decide.mutate({ opIds: [h.opId], release: true })}
                      >
                        {t('centre.release')}
                      </Button>
                      <Button
                        size="small"
                        variant="outlined"
                        color="error"
                        loading={busy && !decide.variables.release}
                        aria-label={t('centre.refuseLabel', { account: h.payerCode ?? '—' })}
                        onClick={() => decide.mutate({ opIds: [h.opId], release: false })}
                      >
                        {t('centre.refuse')}
                      </Button>
                    </Stack>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {held.length > 1 && (
        <Button
          variant="outlined"
          sx={{ alignSelf: 'flex-start' }}
          loading={decide.isPending && decide.variables.opIds.length > 1}
          onClick={() => decide.mutate({ opIds: held.map((h) => h.opId), release: true })}
        >
          {t('centre.releaseAll', { count: held.length })}
        </Button>
      )}
    </Stack>
  );
}

function SecurityEvents({ events }: { events: SecurityEvent[] }) {
  const { t } = useTranslation('supervisor');
  const { t: tc } = useTranslation('common');
  const fmt = useFormat();
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 700 }}>
        {t('centre.events')}
      </Typography>
      {events.length === 0 ? (
        <Typography>{t('centre.eventsEmpty')}</Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('centre.at')}</TableCell>
              <TableCell>{t('centre.event')}</TableCell>
              <TableCell>{t('sync.payerCode')}</TableCell>
              <TableCell>{t('centre.workstation')}</TableCell>
              <TableCell>{t('centre.detail')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {events.map((e) => (
              <TableRow key={e.id}>
                <TableCell>{fmt.dateTime(e.at)}</TableCell>
                <TableCell>
                  {t(`centre.eventKinds.${e.kind}`, { defaultValue: e.kind })}
                  {e.code && (
                    <Typography component="span" variant="body2" sx={{ display: 'block' }}>
                      {tc(`centre.codes.${e.code}`, { defaultValue: e.code })}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{e.payerCode ?? '—'}</TableCell>
                <TableCell sx={{ overflowWrap: 'anywhere' }}>
                  {e.workstationId ?? e.login}
                </TableCell>
                <TableCell sx={{ overflowWrap: 'anywhere' }}>
                  <Typography variant="body2" color="text.secondary">
                    {e.detail}
                  </Typography>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  );
}
