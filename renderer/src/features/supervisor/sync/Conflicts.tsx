import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { Section } from '../../../components/Section';
import { useFormat } from '../../../i18n/format';
import { conflictText } from '../../account/conflictText';
import { supervisorKeys } from '../queries';

/** Passwords issued for the same account at two places at once, and which one stands. */
export function Conflicts() {
  const { t } = useTranslation('supervisor');
  const fmt = useFormat();
  const conflicts = useQuery({
    queryKey: supervisorKeys.conflicts,
    queryFn: () => call('sync.conflicts', {}),
    staleTime: 0,
  });
  return (
    <Section title={t('sync.conflicts')} level="h3">
      <ErrorAlert error={conflicts.error} sx={{ mt: 0, mb: 2 }} />
      {conflicts.isPending && <Loading label={t('sync.conflicts')} />}
      {conflicts.data?.length === 0 && <Typography>{t('sync.conflictsEmpty')}</Typography>}
      {conflicts.data && conflicts.data.length > 0 && (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('sync.detectedAt')}</TableCell>
              <TableCell>{t('sync.account')}</TableCell>
              <TableCell>{t('sync.side')}</TableCell>
              <TableCell>{t('sync.text')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {conflicts.data.map((c) => (
              <TableRow key={`${c.accountId}-${c.detectedAt}`}>
                <TableCell>{fmt.dateTime(c.detectedAt)}</TableCell>
                <TableCell>{c.payerCode ?? '—'}</TableCell>
                <TableCell>
                  {c.side === 'lost'
                    ? t('sync.sides.lost', { office: c.winnerOfficeId })
                    : t('sync.sides.won')}
                </TableCell>
                <TableCell>{conflictText(c, c.text, t, fmt.lang)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}
