import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { ResidentSummary } from '../../../../shared/schemas/registry';
import { Section } from '../../components/Section';
import { useFormat } from '../../i18n/format';
import { fullName } from '../../lib/names';

export interface ResidentsTableProps {
  residents: ResidentSummary[];
}

export function ResidentsTable({ residents }: ResidentsTableProps) {
  const { t } = useTranslation('clerk');
  const fmt = useFormat();
  const sorted = [...residents].sort(
    (a, b) => Number(a.relation !== 'owner') - Number(b.relation !== 'owner'),
  );
  return (
    <Section title={t('account.residents.title')}>
      {sorted.length === 0 ? (
        <Typography>{t('account.residents.none')}</Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('account.residents.name')}</TableCell>
              <TableCell>{t('account.residents.birthDate')}</TableCell>
              <TableCell>{t('account.residents.relation')}</TableCell>
              <TableCell>{t('account.residents.registered')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {sorted.map((r) => (
              <TableRow key={r.id}>
                <TableCell>{fullName(r)}</TableCell>
                <TableCell>{fmt.date(r.birthDate)}</TableCell>
                <TableCell>{t(`account.relation.${r.relation}`)}</TableCell>
                <TableCell>
                  {[
                    r.registeredFrom &&
                      t('account.residents.from', { date: fmt.date(r.registeredFrom) }),
                    r.registeredTo && t('account.residents.to', { date: fmt.date(r.registeredTo) }),
                  ]
                    .filter(Boolean)
                    .join(' ')}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}
