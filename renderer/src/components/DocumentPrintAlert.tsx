import Alert from '@mui/material/Alert';
import { useTranslation } from 'react-i18next';
import type { DocumentPrint } from '../../../shared/schemas/personal-data';
import { PrintFailureText } from '../features/visit/PrintFailureText';

/** Where a printed act, extract or subject report went, or why it did not. */
export function DocumentPrintAlert({ record, label }: { record: DocumentPrint; label: string }) {
  const { t } = useTranslation('common');
  if (record.result === 'printed')
    return (
      <Alert severity="success" role="status">
        {t('print.documentSent', { document: label, printer: record.printer })}
      </Alert>
    );
  return (
    <Alert severity="error" role="alert">
      {t('print.documentFailed', { document: label })}
      <PrintFailureText record={record} />
    </Alert>
  );
}
