import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '../../../../../shared/schemas/supervisor';
import { useFormat } from '../../../i18n/format';

export interface AuditTableProps {
  entries: AuditEntryView[];
}

export function AuditTable({ entries }: AuditTableProps) {
  const { t } = useTranslation('supervisor');
  const fmt = useFormat();
  return (
    <Table size="small" data-testid="audit-table">
      <TableHead>
        <TableRow>
          <TableCell>{t('audit.seq')}</TableCell>
          <TableCell>{t('audit.at')}</TableCell>
          <TableCell>{t('audit.action')}</TableCell>
          <TableCell>{t('audit.who')}</TableCell>
          <TableCell>{t('audit.subject')}</TableCell>
          <TableCell>{t('audit.text')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entries.map((e) => (
          <TableRow key={e.seq} data-action={e.action}>
            <TableCell>{e.seq}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(e.at)}</TableCell>
            <TableCell>{t(`audit.actions.${e.action}`)}</TableCell>
            <TableCell>{e.clerkName ?? t('audit.system')}</TableCell>
            <TableCell>{e.subject ?? '—'}</TableCell>
            <TableCell sx={{ overflowWrap: 'anywhere' }}>{e.text}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
