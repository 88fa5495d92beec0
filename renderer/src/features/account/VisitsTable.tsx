import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { VisitView } from '../../../../shared/schemas/account';
import { Section } from '../../components/Section';
import { useFormat } from '../../i18n/format';

export interface VisitsTableProps {
  visits: VisitView[];
}

export function VisitsTable({ visits }: VisitsTableProps) {
  const { t } = useTranslation('clerk');
  const fmt = useFormat();
  return (
    <Section title={t('account.visits.title')}>
      {visits.length === 0 ? (
        <Typography>{t('account.visits.none')}</Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('account.visits.startedAt')}</TableCell>
              <TableCell>{t('account.visits.kind')}</TableCell>
              <TableCell>{t('account.visits.clerk')}</TableCell>
              <TableCell>{t('account.visits.outcome')}</TableCell>
              <TableCell>{t('account.visits.sheets')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {visits.map((v) => (
              <TableRow key={v.id}>
                <TableCell>{fmt.dateTime(v.startedAt)}</TableCell>
                <TableCell>{t(`visitKind.${v.kind}`)}</TableCell>
                <TableCell>{v.clerkName}</TableCell>
                <TableCell>
                  {t(`outcome.${v.outcome ?? 'open'}`, { defaultValue: v.outcome ?? '' })}
                </TableCell>
                <TableCell>
                  {v.sheetsPrinted} / {v.sheetsFailed}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}
