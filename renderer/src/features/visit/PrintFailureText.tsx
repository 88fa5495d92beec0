import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { SYSTEM_DIALOG } from '../../../../shared/domain/printing';
import type { PrintRecord } from '../../../../shared/schemas/visit';
import { useSession } from '../../api/queries';

/**
 * Why a print failed, in the clerk's language. The spooler's own words (English) show to a
 * supervisor, or to anyone when there is no better reason to give; the audit log keeps them.
 */
export function PrintFailureText({
  record,
}: {
  record: Pick<PrintRecord, 'result' | 'reason' | 'printer' | 'error'>;
}) {
  const { t } = useTranslation('common');
  const session = useSession();
  if (record.result !== 'failed' || !record.reason) return null;
  if (record.printer === SYSTEM_DIALOG)
    return (
      <>
        <Typography variant="body2">{t('print.dialogFailed')}</Typography>
        {record.error && (
          <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
            {t('print.detail', { detail: record.error })}
          </Typography>
        )}
      </>
    );
  const raw =
    record.error && (record.reason === 'other' || session.data?.clerk?.role === 'supervisor');
  return (
    <>
      <Typography variant="body2">
        {t(`print.reason.${record.reason}`, { printer: record.printer })}
      </Typography>
      {raw && (
        <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
          {t('print.detail', { detail: record.error })}
        </Typography>
      )}
    </>
  );
}
