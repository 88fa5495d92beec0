import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '../../../../../shared/schemas/supervisor';
import { useFormat } from '../../../i18n/format';
import { describeAuditEntry, formattersFor, type Translate } from './describe';

export interface AuditTableProps {
  entries: AuditEntryView[];
  /** Show, under each description, the English text the core stored (collapsed by default). */
  showStored: boolean;
}

/**
 * The log's rows. Each entry is described in the reader's language from its action and data;
 * the text the core stored (English, part of the hash chain) is shown underneath, as recorded,
 * when the reader asks for it.
 */
export function AuditTable({ entries, showStored }: AuditTableProps) {
  const { t } = useTranslation(['supervisor', 'clerk', 'common']);
  const fmt = useFormat();
  const describe = useMemo(() => {
    const tr: Translate = (key, values) => t(key, values ?? {});
    const f = formattersFor(fmt.lang);
    return (e: AuditEntryView) => describeAuditEntry(e, tr, f);
  }, [t, fmt.lang]);
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
        {entries.map((e) => {
          const d = describe(e);
          return (
            <TableRow key={e.seq} data-action={e.action}>
              <TableCell>{e.seq}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(e.at)}</TableCell>
              <TableCell>{t(`audit.actions.${e.action}`)}</TableCell>
              <TableCell>{e.clerkName ?? t('audit.system')}</TableCell>
              <TableCell>{e.subject ?? '—'}</TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>
                {d.translated ? (
                  <>
                    <div data-testid="audit-description">{d.text}</div>
                    {showStored && (
                      <Typography
                        variant="caption"
                        component="div"
                        color="text.secondary"
                        data-testid="audit-stored-text"
                      >
                        {t('audit.storedText')}: <span lang="en">{e.text}</span>
                      </Typography>
                    )}
                  </>
                ) : (
                  // Nothing to translate it from: the record itself, as stored.
                  <div data-testid="audit-description" lang="en">
                    {e.text}
                  </div>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
