import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintRecord } from '../../../../shared/schemas/visit';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSystemDialog } from '../../components/PrinterWarning';
import { SYSTEM_DIALOG } from '../../../../shared/domain/printing';
import { PrintFailureText } from './PrintFailureText';

export interface ConsentStepProps {
  visitId: string;
  /** The consent forms printed in this visit so far. */
  prints: PrintRecord[];
  issuing: boolean;
  issueError: unknown;
  onPrinted: () => void;
  onIssue: () => void;
  onEnd: () => void;
}

/**
 * Print the pre-filled consent form, confirm the resident signed both copies, issue. Focus
 * follows: print button → the "signed" box → the issue button.
 */
export function ConsentStep(props: ConsentStepProps) {
  const { visitId, prints, issuing, issueError } = props;
  const { t } = useTranslation('clerk');
  const [signed, setSigned] = useState(false);
  const [missingSign, setMissingSign] = useState(false);
  const issueRef = useRef<HTMLButtonElement>(null);
  const print = useMutation({
    mutationFn: (viaDialog: boolean) =>
      call('visit.printConsent', { visitId, representative: null, viaDialog }),
    onSettled: props.onPrinted,
  });
  const last = prints.at(-1) ?? null;
  const printed = prints.some((p) => p.result === 'printed');
  const dialog = useSystemDialog();

  useEffect(() => {
    if (signed) issueRef.current?.focus();
  }, [signed]);
  // A refused print (no printer chosen) disabled the button while it ran: the focus comes back.
  const printRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (print.isError) printRef.current?.focus();
  }, [print.isError, print.failureCount]);

  return (
    <section aria-labelledby="consent-title">
      <Typography id="consent-title" variant="h2">
        {t('visit.consent.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mt: 0.5, mb: 2 }}>
        {t('visit.consent.intro')}
      </Typography>
      {last && (
        <Alert
          severity={last.result === 'printed' ? 'success' : 'error'}
          sx={{ mb: 2 }}
          role="status"
        >
          {last.result !== 'printed'
            ? t('visit.consent.printFailed', { serial: last.serial })
            : last.printer === SYSTEM_DIALOG
              ? t('visit.consent.printedDialog', { serial: last.serial })
              : t('visit.consent.printed', { serial: last.serial, printer: last.printer })}
          <PrintFailureText record={last} />
        </Alert>
      )}
      <ErrorAlert error={print.error} sx={{ mt: 0, mb: 2 }} />
      <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Button
          key={last ? `again-${last.serial}` : 'first'}
          ref={printRef}
          variant={printed ? 'outlined' : 'contained'}
          size="large"
          autoFocus={!printed}
          loading={print.isPending}
          onClick={() => print.mutate(false)}
        >
          {last ? t('visit.consent.printAgain') : t('visit.consent.print')}
        </Button>
        {dialog && last?.result === 'failed' && !printed && (
          <Button size="large" disabled={print.isPending} onClick={() => print.mutate(true)}>
            {t('visit.consent.printDialog')}
          </Button>
        )}
        {printed && (
          <FormControlLabel
            control={
              <Checkbox
                autoFocus
                checked={signed}
                onChange={(e) => {
                  setSigned(e.target.checked);
                  setMissingSign(false);
                }}
              />
            }
            label={t('visit.consent.signed')}
            slotProps={{ typography: { sx: { fontSize: '1.15rem' } } }}
          />
        )}
        {missingSign && <Alert severity="warning">{t('visit.consent.signFirst')}</Alert>}
        <ErrorAlert error={issueError} sx={{ mt: 0 }} />
        <Stack direction="row" spacing={2}>
          <Button
            ref={issueRef}
            variant="contained"
            size="large"
            loading={issuing}
            onClick={() => (signed ? props.onIssue() : setMissingSign(true))}
          >
            {t('visit.consent.issue')}
          </Button>
          <Button size="large" onClick={props.onEnd}>
            {t('visit.end')}
          </Button>
        </Stack>
      </Stack>
    </section>
  );
}
