import Paper from '@mui/material/Paper';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidentSummary } from '../../../../shared/schemas/registry';
import type { Issued, VisitState } from '../../../../shared/schemas/visit';
import { call } from '../../api/client';
import { onAnyError } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PrinterWarning, printerStatusKey, useSystemDialog } from '../../components/PrinterWarning';
import { useKey } from '../../components/useKey';
import { startTypeAhead, takeTypeAhead } from '../../lib/typeAhead';
import type { SearchState } from '../workspace/views';
import { ActivationNotice } from './ActivationNotice';
import { ApprovalStep } from './ApprovalStep';
import { ConsentStep } from './ConsentStep';
import { EndVisitDialog } from './EndVisitDialog';
import { IssueStep } from './IssueStep';
import { PassportStep } from './PassportStep';
import { emptyForm, fromMrz, residentOf, toCheckInput, type CheckFormValues } from './passportForm';
import { PersonStep } from './PersonStep';
import { SheetStep } from './SheetStep';
import { SubjectReport } from './SubjectReport';
import { VisitHeader, type StepName } from './VisitHeader';

export interface VisitScreenProps {
  initial: VisitState;
  /** A passport scanned into the search field, to fill the form with. */
  mrz: SearchState['mrz'];
  /** The account's residents the clerk's search matched (shown in bold there). */
  matchedIds: readonly number[];
  /** The visit is closed; `issued` when a sheet went to the resident. */
  onClosed: (message: string, issued: boolean) => void;
}

interface Pick {
  resident: ResidentSummary | null;
}

/** The first resident, in the person step's order (owners first), that the search matched. */
function firstMatched(residents: ResidentSummary[], matchedIds: readonly number[]): number | null {
  const matched = residents.filter((r) => matchedIds.includes(r.id));
  return (matched.find((r) => r.relation === 'owner') ?? matched[0])?.id ?? null;
}

/**
 * One visit at the counter, step by step. The visit's state comes from the core after every
 * step; the temporary password is the one thing kept here, in this component's state only,
 * and it goes when the visit closes.
 */
export function VisitScreen({ initial, mrz, matchedIds, onClosed }: VisitScreenProps) {
  const { t } = useTranslation('clerk');
  const qc = useQueryClient();
  const visitId = initial.visitId;
  const residents = initial.account.residents;
  const scannedResident = mrz ? residentOf(mrz.passport, residents) : null;

  const state = useQuery({
    queryKey: ['visit.state', visitId],
    queryFn: () => call('visit.state', { visitId }),
    initialData: initial,
    staleTime: Infinity,
  });
  const v = state.data;
  const refresh = () => state.refetch();

  const [pick, setPick] = useState<Pick | null>(
    scannedResident ? { resident: scannedResident } : null,
  );
  const [form, setForm] = useState<CheckFormValues | null>(
    mrz && scannedResident ? fromMrz(mrz.passport, '') : null,
  );
  // Who was picked last, kept when the clerk goes back from the passport form, so the same
  // person has the focus again rather than the owner.
  const [lastPickedId, setLastPickedId] = useState<number | null>(null);
  const [checkedValues, setCheckedValues] = useState<CheckFormValues | null>(null);
  const [secret, setSecret] = useState<Issued | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [issueError, setIssueError] = useState<unknown>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  // Back to the passport after it passed (a typo seen on the printed consent): the form comes
  // back with what was checked, and a consent printed before the new check no longer counts.
  const [reopened, setReopened] = useState(false);
  const [consentPrintsBefore, setConsentPrintsBefore] = useState(0);

  const check = useMutation({
    mutationFn: ({ values, source }: { values: CheckFormValues; source: 'typed' | 'mrz' }) =>
      call('visit.check', {
        visitId,
        residentId: pick?.resident?.id ?? null,
        ...toCheckInput(values),
        source,
      }),
    onSuccess: async (_r, { values }) => {
      setCheckedValues(values);
      setReopened(false);
      setConsentPrintsBefore(v.prints.filter((p) => p.kind === 'consent').length);
      await refresh();
    },
  });
  const dialog = useSystemDialog();
  const printSheet = useMutation({
    mutationFn: (viaDialog: boolean) => call('visit.printSheet', { visitId, viaDialog }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: printerStatusKey });
      return refresh();
    },
  });
  const close = useMutation({
    mutationFn: () => call('visit.close', { visitId }),
    // The search screen takes over what was typed meanwhile; a failed close keeps the visit.
    onMutate: () => {
      if (v.issued) startTypeAhead();
    },
    onError: () => void takeTypeAhead(),
    onSuccess: () => {
      const printed = v.prints.find((p) => p.kind === 'info' && p.result === 'printed');
      setSecret(null);
      onClosed(
        printed ? t('visit.closed', { serial: printed.serial }) : t('visit.closedNoSheet'),
        v.issued !== null,
      );
    },
  });

  // Not a useMutation: its result (the password) must not sit in the mutation cache.
  const issue = async (consentSigned: boolean) => {
    setIssuing(true);
    setIssueError(null);
    try {
      const issued = await call('visit.issue', { visitId, consentSigned, representative: null });
      setSecret(issued);
      await refresh();
      printSheet.mutate(false);
    } catch (e) {
      onAnyError(e);
      setIssueError(e);
      await refresh();
    } finally {
      setIssuing(false);
    }
  };

  const c = v.check;
  const pending = v.approvalsNeeded.filter((k) => !v.approvalsGranted.includes(k));
  let step: StepName | 'sheet';
  if (v.issued) step = 'sheet';
  else if (!c || !c.ok || reopened) step = pick ? 'passport' : 'person';
  else if (pending.length > 0) step = 'approval';
  else if (!v.consent.existingConsentId) step = 'consent';
  else step = 'issue';

  const steps: StepName[] = ['person', 'passport'];
  if (v.approvalsNeeded.length > 0) steps.push('approval');
  if (!v.consent.existingConsentId || v.prints.some((p) => p.kind === 'consent'))
    steps.push('consent');
  steps.push('issue');

  const infoPrints = v.prints.filter((p) => p.kind === 'info');
  const sheetPrinted = infoPrints.some((p) => p.result === 'printed');
  // Before a password exists, the way back to the passport is offered beside ending the visit.
  const canGoBack = step === 'approval' || step === 'consent' || step === 'issue';
  const end = () => {
    if (step === 'person' || (step === 'sheet' && sheetPrinted)) close.mutate();
    else setConfirmEnd(true);
  };
  // Esc: on the passport form it goes back a step (handled there); elsewhere it ends the visit.
  useKey('Escape', end, step !== 'passport' && !confirmEnd);

  let body;
  switch (step) {
    case 'person':
      body = (
        <PersonStep
          residents={residents}
          preferredId={
            pick?.resident?.id ??
            lastPickedId ??
            scannedResident?.id ??
            firstMatched(residents, matchedIds)
          }
          scannedId={scannedResident?.id ?? null}
          matchedIds={matchedIds}
          onPick={(resident) => {
            setLastPickedId(resident?.id ?? null);
            if (resident?.id !== pick?.resident?.id) {
              setForm((f) => (f ? { ...f, person: emptyForm(resident).person } : null));
            }
            setPick({ resident });
          }}
        />
      );
      break;
    case 'passport':
      body = (
        <PassportStep
          residents={residents}
          resident={pick?.resident ?? null}
          initial={(reopened ? checkedValues : null) ?? form ?? emptyForm(pick?.resident ?? null)}
          scanned={form !== null && mrz !== null && checkedValues === null}
          check={c}
          checkedValues={checkedValues}
          busy={check.isPending}
          error={check.error}
          onCheck={(values, source) => {
            setForm(values);
            check.mutate({ values, source });
          }}
          onResident={(resident) => setPick({ resident })}
          onBack={(values) => {
            setForm(values);
            setPick(null);
          }}
          onEnd={() => setConfirmEnd(true)}
        />
      );
      break;
    case 'approval':
      body = (
        <ApprovalStep
          visitId={visitId}
          pending={pending}
          check={c}
          onApproved={() => void refresh()}
          onEnd={() => setConfirmEnd(true)}
        />
      );
      break;
    case 'consent':
      body = (
        <ConsentStep
          visitId={visitId}
          prints={v.prints.filter((p) => p.kind === 'consent').slice(consentPrintsBefore)}
          issuing={issuing}
          issueError={issueError}
          onPrinted={() => {
            void qc.invalidateQueries({ queryKey: printerStatusKey });
            void refresh();
          }}
          onIssue={() => void issue(true)}
          onEnd={() => setConfirmEnd(true)}
        />
      );
      break;
    case 'issue':
      body = (
        <IssueStep
          kind={v.kind}
          existingConsent={v.consent.existingConsentId !== null}
          issuing={issuing}
          error={issueError}
          onIssue={() => void issue(false)}
          onEnd={() => setConfirmEnd(true)}
        />
      );
      break;
    case 'sheet':
      body = v.issued && (
        <SheetStep
          issued={v.issued}
          password={secret?.password ?? null}
          prints={infoPrints}
          printing={printSheet.isPending}
          printError={printSheet.error}
          closing={close.isPending}
          onPrint={() => printSheet.mutate(false)}
          onPrintDialog={dialog ? () => printSheet.mutate(true) : undefined}
          onDone={() => (sheetPrinted ? close.mutate() : setConfirmEnd(true))}
        />
      );
      break;
  }

  return (
    <>
      <VisitHeader visit={v} steps={steps} active={step === 'sheet' ? 'issue' : step} />
      {step !== 'sheet' && <PrinterWarning sx={{ mb: 2 }} />}
      {(step === 'consent' || step === 'issue' || step === 'sheet') && (
        <ActivationNotice printed={step === 'sheet' && sheetPrinted} sx={{ mb: 2 }} />
      )}
      <Paper variant="outlined" sx={{ p: 3 }}>
        {body}
      </Paper>
      {v.check?.ok && v.check.residentId !== null && !v.closedAt && (
        <SubjectReport visitId={v.visitId} />
      )}
      <ErrorAlert error={close.error} />
      {confirmEnd && (
        <EndVisitDialog
          issued={v.issued !== null}
          unprinted={v.issued !== null && !sheetPrinted}
          onBack={
            canGoBack
              ? () => {
                  setConfirmEnd(false);
                  setReopened(true);
                }
              : undefined
          }
          ending={close.isPending}
          onKeep={() => setConfirmEnd(false)}
          onEnd={() => close.mutate()}
        />
      )}
    </>
  );
}
