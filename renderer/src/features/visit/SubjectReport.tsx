import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { DocumentPrintAlert } from '../../components/DocumentPrintAlert';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * A resident may ask what the operator holds about them (152-FZ art. 14). Once their passport
 * has passed this visit's check, the clerk prints the answer: about this resident only.
 */
export function SubjectReport({ visitId }: { visitId: string }) {
  const { t } = useTranslation('clerk');
  const print = useMutation({ mutationFn: () => call('visit.printSubjectReport', { visitId }) });
  return (
    <Stack spacing={1} sx={{ mt: 2, alignItems: 'flex-start' }}>
      <Typography color="text.secondary">{t('visit.subjectReport.hint')}</Typography>
      <Button variant="outlined" loading={print.isPending} onClick={() => print.mutate()}>
        {t('visit.subjectReport.print')}
      </Button>
      {print.data && (
        <DocumentPrintAlert
          record={print.data}
          label={t('visit.subjectReport.label', { serial: print.data.serial })}
        />
      )}
      <ErrorAlert error={print.error} />
    </Stack>
  );
}
