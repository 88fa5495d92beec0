import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useTranslation } from 'react-i18next';
import type { DailyReport } from '../../../../../shared/schemas/supervisor';

type Counts = DailyReport['offices'][number];

export interface ReportTableProps {
  /** What the first column says for a row: the clerk's or the office's name. */
  label: string;
  rows: { key: string; name: string; counts: Counts }[];
}

const COLUMNS = [
  'visits',
  'issued',
  'reset',
  'refused',
  'abandoned',
  'sheetsPrinted',
  'sheetsSpoiled',
] as const;
const HEADINGS: Record<(typeof COLUMNS)[number], string> = {
  visits: 'report.visits',
  issued: 'report.issued',
  reset: 'report.reset',
  refused: 'report.refused',
  abandoned: 'report.abandoned',
  sheetsPrinted: 'report.printed',
  sheetsSpoiled: 'report.spoiled',
};

export function ReportTable({ label, rows }: ReportTableProps) {
  const { t } = useTranslation('supervisor');
  const duration = (s: number | null) =>
    s === null ? '—' : t('report.duration', { min: Math.floor(s / 60), sec: Math.round(s % 60) });
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{label}</TableCell>
          {COLUMNS.map((c) => (
            <TableCell key={c} align="right">
              {t(HEADINGS[c])}
            </TableCell>
          ))}
          <TableCell align="right">{t('report.median')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.key}>
            <TableCell component="th" scope="row">
              {r.name}
            </TableCell>
            {COLUMNS.map((c) => (
              <TableCell key={c} align="right">
                {r.counts[c]}
              </TableCell>
            ))}
            <TableCell align="right">{duration(r.counts.medianVisitSeconds)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
