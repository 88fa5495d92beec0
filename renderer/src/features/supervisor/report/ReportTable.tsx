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
  /** `office`, when given, follows the name in brackets and is never broken at its hyphen. */
  rows: { key: string; name: string; office?: string; counts: Counts }[];
}

const COLUMNS = [
  'visits',
  'issued',
  'reset',
  'refused',
  'abandoned',
  'sheetsPrinted',
  'printsFailed',
] as const;
const HEADINGS: Record<(typeof COLUMNS)[number], string> = {
  visits: 'report.visits',
  issued: 'report.issued',
  reset: 'report.reset',
  refused: 'report.refused',
  abandoned: 'report.abandoned',
  sheetsPrinted: 'report.printed',
  printsFailed: 'report.printFailed',
};

export function ReportTable({ label, rows }: ReportTableProps) {
  const { t } = useTranslation('supervisor');
  const duration = (s: number | null) =>
    s === null ? '—' : t('report.duration', { min: Math.floor(s / 60), sec: Math.round(s % 60) });
  return (
    // Nine columns fit a 1024×700 screen at 125 % (819 CSS pixels): narrow cell padding, and
    // headings that wrap between words rather than widen the table.
    <Table
      size="small"
      sx={{
        '& .MuiTableCell-root': { px: 0.75, fontSize: '0.8125rem' },
        '& .MuiTableCell-root:first-of-type': { pl: 0, minWidth: '7.5rem' },
        '& .MuiTableCell-head': { lineHeight: 1.3, verticalAlign: 'bottom' },
      }}
    >
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
              {/* The space outside the span, so the line may break before the office. */}
              {r.office && ' '}
              {r.office && <span style={{ whiteSpace: 'nowrap' }}>({r.office})</span>}
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
