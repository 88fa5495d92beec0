import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api/client';
import { DateField } from '../../../components/DateField';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { Section } from '../../../components/Section';
import { useFormat } from '../../../i18n/format';
import { displayToIso } from '../../../lib/dates';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Every supervisor approval: when, which account, what was approved, by whom and why. */
export function ApprovalsList() {
  const { t } = useTranslation('supervisor');
  const { t: tk } = useTranslation('clerk');
  const fmt = useFormat();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const list = useQuery({
    queryKey: ['approvals.list', range],
    queryFn: () => call('approvals.list', { ...range, limit: 200 }),
    staleTime: 0,
  });
  return (
    <Section title={t('approvals.title')}>
      <Stack
        component="form"
        direction="row"
        spacing={2}
        sx={{ alignItems: 'flex-start', mb: 2, maxWidth: 720 }}
        onSubmit={(e) => {
          e.preventDefault();
          const r: { from?: string; to?: string } = {};
          if (ISO.test(displayToIso(from))) r.from = displayToIso(from);
          if (ISO.test(displayToIso(to))) r.to = displayToIso(to);
          setRange(r);
        }}
      >
        <DateField
          label={t('approvals.from')}
          value={from}
          onChange={setFrom}
          helperText={tk('visit.passport.dateHint')}
        />
        <DateField
          label={t('approvals.to')}
          value={to}
          onChange={setTo}
          helperText={tk('visit.passport.dateHint')}
        />
        <Button type="submit" variant="contained" sx={{ mt: 1, flexShrink: 0 }}>
          {t('approvals.show')}
        </Button>
      </Stack>
      <ErrorAlert error={list.error} />
      {list.isPending && <Loading label={t('approvals.title')} />}
      {list.data?.length === 0 && <Typography>{t('approvals.empty')}</Typography>}
      {list.data && list.data.length > 0 && (
        <Table size="small" data-testid="approvals-table">
          <TableHead>
            <TableRow>
              <TableCell>{t('approvals.at')}</TableCell>
              <TableCell>{t('approvals.payerCode')}</TableCell>
              <TableCell>{t('approvals.kind')}</TableCell>
              <TableCell>{t('approvals.clerk')}</TableCell>
              <TableCell>{t('approvals.supervisor')}</TableCell>
              <TableCell>{t('approvals.reason')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {list.data.map((a) => (
              <TableRow key={a.id}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(a.at)}</TableCell>
                <TableCell>{a.payerCode}</TableCell>
                <TableCell>{tk(`visit.approvalKinds.${a.kind}`)}</TableCell>
                <TableCell>{a.clerkName}</TableCell>
                <TableCell>{a.supervisorName}</TableCell>
                <TableCell>{a.reason}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}
