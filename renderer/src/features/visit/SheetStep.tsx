import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { SYSTEM_DIALOG } from '../../../../shared/domain/printing';
import type { PrintRecord, VisitState } from '../../../../shared/schemas/visit';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/format';
import { PasswordPreview } from './PasswordPreview';
import { PrintFailureText } from './PrintFailureText';

export interface SheetStepProps {
  issued: NonNullable<VisitState['issued']>;
  /** The plaintext, answered once by visit.issue; null if this screen did not receive it. */
  password: string | null;
  /** Information-sheet prints of this visit, oldest first. */
  prints: PrintRecord[];
  printing: boolean;
  printError: unknown;
  closing: boolean;
  onPrint: () => void;
  /** Print through the system's dialog; absent where there is none. */
  onPrintDialog?: () => void;
  onDone: () => void;
}

/**
 * The password preview and the sheet. A failed print is said plainly, with "print again"
 * focused; a printed sheet puts the focus on "done".
 */
export function SheetStep(props: SheetStepProps) {
  const { issued, password, prints, printing, printError, closing } = props;
  const { t } = useTranslation('clerk');
  const fmt = useFormat();
  const last = prints.at(-1) ?? null;
  const printed = prints.some((p) => p.result === 'printed');
  const failed = !printing && (printError !== null || last?.result === 'failed');
  return (
    <section aria-labelledby="sheet-title">
      <Typography id="sheet-title" variant="h2" sx={{ mb: 2 }}>
        {t('visit.sheet.title')}
      </Typography>
      <PasswordPreview
        login={issued.login}
        password={password}
        expires={t('visit.sheet.expires', { date: fmt.date(issued.expiresAt) })}
      />
      <Stack spacing={2} sx={{ mt: 2, alignItems: 'flex-start' }} aria-live="polite">
        {printing && (
          <Stack spacing={1} sx={{ width: '100%' }} role="status">
            <Typography>{t('visit.sheet.printing')}</Typography>
            <LinearProgress aria-label={t('visit.sheet.printing')} />
          </Stack>
        )}
        {!printing && last?.result === 'printed' && (
          <Alert
            severity="success"
            sx={{ width: '100%' }}
            data-testid="sheet-status"
            data-result="printed"
          >
            {last.printer === SYSTEM_DIALOG
              ? t('visit.sheet.printedDialog', { serial: last.serial })
              : t('visit.sheet.printed', { serial: last.serial, printer: last.printer })}
          </Alert>
        )}
        {!printing && last?.result === 'failed' && (
          <Alert
            severity="error"
            sx={{ width: '100%' }}
            data-testid="sheet-status"
            data-result="failed"
          >
            <Typography sx={{ fontWeight: 600 }}>
              {t('visit.sheet.failed', { serial: last.serial })}
            </Typography>
            <Typography>{t('visit.sheet.failedHint')}</Typography>
            <PrintFailureText record={last} />
          </Alert>
        )}
        <ErrorAlert error={printError} sx={{ mt: 0, width: '100%' }} />
        <Stack direction="row" spacing={2}>
          {failed ? (
            <Button
              key={`again-${prints.length}`}
              variant="contained"
              size="large"
              autoFocus
              onClick={props.onPrint}
            >
              {t('visit.sheet.printAgain')}
            </Button>
          ) : (
            <Button
              key={`done-${prints.length}`}
              variant="contained"
              size="large"
              autoFocus={printed}
              disabled={printing}
              loading={closing}
              onClick={props.onDone}
            >
              {t('visit.sheet.done')}
            </Button>
          )}
          {printed && !failed && (
            <Button size="large" disabled={printing} onClick={props.onPrint}>
              {t('visit.sheet.reprint')}
            </Button>
          )}
          {failed && props.onPrintDialog && (
            <Button size="large" onClick={props.onPrintDialog}>
              {t('visit.sheet.printDialog')}
            </Button>
          )}
          {failed && (
            <Button size="large" loading={closing} onClick={props.onDone}>
              {t('visit.end')}
            </Button>
          )}
        </Stack>
      </Stack>
    </section>
  );
}
