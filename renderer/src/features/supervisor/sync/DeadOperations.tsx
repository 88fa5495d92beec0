import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api/client';
import { keys } from '../../../api/queries';
import { CentreErrorText } from '../../../components/CentreErrorText';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { Section } from '../../../components/Section';
import { VisuallyHidden } from '../../../components/VisuallyHidden';
import { useFormat } from '../../../i18n/format';
import { supervisorKeys } from '../queries';

/** Operations the centre refused for good ("dead letters"), each with a retry. */
export function DeadOperations() {
  const { t } = useTranslation('supervisor');
  const fmt = useFormat();
  const qc = useQueryClient();
  const dead = useQuery({
    queryKey: supervisorKeys.dead,
    queryFn: () => call('sync.dead', {}),
    staleTime: 0,
  });
  const retry = useMutation({
    mutationFn: (opId: string) => call('sync.retryDead', { opId }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: supervisorKeys.dead });
      await qc.invalidateQueries({ queryKey: keys.sync });
    },
  });
  return (
    <Section title={t('sync.dead')} level="h3">
      <ErrorAlert error={dead.error ?? retry.error} sx={{ mt: 0, mb: 2 }} />
      {retry.isSuccess && (
        <Alert severity="success" role="status" sx={{ mb: 2 }}>
          {t('sync.retried')}
        </Alert>
      )}
      {dead.isPending && <Loading label={t('sync.dead')} />}
      {dead.data?.length === 0 && <Typography>{t('sync.deadEmpty')}</Typography>}
      {dead.data && dead.data.length > 0 && (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('sync.op')}</TableCell>
              <TableCell>{t('sync.kind')}</TableCell>
              <TableCell>{t('sync.payerCode')}</TableCell>
              <TableCell>{t('sync.createdAt')}</TableCell>
              <TableCell align="right">{t('sync.attempts')}</TableCell>
              <TableCell>{t('sync.error')}</TableCell>
              <TableCell>
                <VisuallyHidden>{t('sync.retry')}</VisuallyHidden>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {dead.data.map((op) => (
              <TableRow key={op.opId}>
                <TableCell sx={{ fontFamily: 'monospace' }}>{op.opId.slice(0, 8)}</TableCell>
                <TableCell>{op.kind}</TableCell>
                <TableCell>{op.payerCode ?? '—'}</TableCell>
                <TableCell>{fmt.dateTime(op.createdAt)}</TableCell>
                <TableCell align="right">{op.attempts}</TableCell>
                <TableCell sx={{ overflowWrap: 'anywhere' }}>
                  <CentreErrorText text={op.lastError} />
                </TableCell>
                <TableCell>
                  <Button
                    size="small"
                    variant="outlined"
                    loading={retry.isPending && retry.variables === op.opId}
                    aria-label={t('sync.retryLabel', { op: op.opId.slice(0, 8) })}
                    onClick={() => retry.mutate(op.opId)}
                  >
                    {t('sync.retry')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}
