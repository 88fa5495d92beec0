import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { KeyboardEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { IdentityField } from '../../../../shared/domain/identity';
import type { MrzPassport } from '../../../../shared/domain/mrz';
import type { ResidentSummary } from '../../../../shared/schemas/registry';
import type { CheckResult } from '../../../../shared/schemas/visit';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/format';
import { officeDate } from '../../../../shared/domain/office-time';
import { fullName } from '../../lib/names';
import { MrzField } from './MrzField';
import { PassportVerdict } from './PassportVerdict';
import { PassportFields, type FieldStatus } from './PassportFields';
import {
  CheckForm,
  FINDING_FIELD,
  fromMrz,
  liveFindings,
  looksComplete,
  residentOf,
  sentForm,
  type CheckFormValues,
  type FieldPath,
} from './passportForm';

export interface PassportStepProps {
  residents: ResidentSummary[];
  /** The resident the clerk picked, or null to match against all of them. */
  resident: ResidentSummary | null;
  initial: CheckFormValues;
  /** True when the form was filled from a scan already (in the search field). */
  scanned: boolean;
  /** The core's verdict on the values in `checkedValues`. */
  check: CheckResult | null;
  checkedValues: CheckFormValues | null;
  busy: boolean;
  error: unknown;
  onCheck: (values: CheckFormValues, source: 'typed' | 'mrz') => void;
  onResident: (resident: ResidentSummary) => void;
  onBack: (values: CheckFormValues) => void;
  onEnd: () => void;
}

/** The passport, typed or scanned, with the rules' findings shown as the clerk types. */
export function PassportStep(props: PassportStepProps) {
  const { residents, resident, initial, check, checkedValues, busy, error } = props;
  const { t } = useTranslation('clerk');
  const fmt = useFormat();
  const [source, setSource] = useState<'typed' | 'mrz'>(props.scanned ? 'mrz' : 'typed');
  const [mrzChecksOk, setMrzChecksOk] = useState(true);
  const endRef = useRef<HTMLButtonElement>(null);
  const form = useForm<CheckFormValues>({
    resolver: zodResolver(CheckForm),
    defaultValues: initial,
  });
  const { control, handleSubmit, setFocus, reset, getValues, formState } = form;
  const values = useWatch({ control }) as CheckFormValues;
  const today = officeDate();

  const current = checkedValues !== null && sentForm(checkedValues) === sentForm(values);
  const verdict = current ? check : null;
  const live = liveFindings(values, today);
  const findings = verdict ? verdict.findings : live;

  const status = (field: FieldPath): FieldStatus => {
    // A field the schema refused (an empty "issued by", say) says why, under it: the failed
    // submit puts the focus there, and an example text alone would say nothing.
    const refused = field
      .split('.')
      .reduce<unknown>(
        (o, k) => (o as Record<string, unknown> | undefined)?.[k],
        formState.errors,
      ) as { message?: string } | undefined;
    if (refused?.message) return { severity: 'error', text: refused.message };
    // The core found no resident: the parts that differ from the closest one, under each.
    const part = field.startsWith('person.') ? (field.slice(7) as IdentityField) : null;
    if (part && verdict?.mismatch?.includes(part)) {
      return { severity: 'error', text: t('visit.passport.fieldMismatch') };
    }
    const touched = field
      .split('.')
      .reduce<unknown>(
        (o, k) => (o as Record<string, unknown> | undefined)?.[k],
        formState.touchedFields,
      );
    const ready =
      verdict !== null || formState.isSubmitted || touched === true || looksComplete(field, values);
    const f = ready ? findings.find((x) => x.field && FINDING_FIELD[x.field] === field) : undefined;
    if (f) return { severity: f.severity, text: t(`findings.${f.code}`) };
    return { severity: null, text: HINTS[field] ? t(HINTS[field]) : '' };
  };

  // A passport scanned into the search filled everything but the issuing authority.
  useEffect(() => {
    if (props.scanned) setFocus('passport.issuedBy');
    // Only on the first render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // After the core's verdict, focus goes where the clerk has to act.
  const checkId = check?.checkId;
  useEffect(() => {
    if (!checkId || !verdict || verdict.ok) return;
    const firstError = verdict.findings.find((f) => f.severity === 'error');
    const differs = verdict.mismatch?.[0];
    if (firstError?.field) setFocus(FINDING_FIELD[firstError.field]);
    else if (!firstError && differs) setFocus(`person.${differs}`);
    else if (firstError) endRef.current?.focus();
    else setFocus('person.surname');
    // Only a new verdict moves the focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [checkId]);

  const onMrz = (p: MrzPassport, checksOk: boolean) => {
    reset(fromMrz(p, getValues('passport.issuedBy')), { keepDefaultValues: true });
    setSource('mrz');
    setMrzChecksOk(checksOk);
    const match = residentOf(p, residents);
    if (match && match.id !== resident?.id) props.onResident(match);
    setTimeout(() => setFocus('passport.issuedBy'), 0);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      props.onBack(getValues());
    }
  };

  const hasErrors = findings.some((f) => f.severity === 'error');
  return (
    <form
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(e) => void handleSubmit((v) => props.onCheck(v, source))(e)}
      aria-labelledby="passport-title"
    >
      <Typography id="passport-title" variant="h2">
        {t('visit.passport.title')}
      </Typography>
      <Typography sx={{ mt: 0.5, mb: 2 }} color="text.secondary">
        {resident
          ? t('visit.passport.for', { name: fullName(resident) })
          : t('visit.passport.manual')}
      </Typography>
      <MrzField onRead={onMrz} autoFocus={!props.scanned} />
      {source === 'mrz' && (
        <Alert severity={mrzChecksOk ? 'info' : 'warning'} sx={{ mt: 1 }}>
          {mrzChecksOk ? t('visit.passport.mrzRead') : t('visit.passport.mrzChecksFailed')}
        </Alert>
      )}
      <PassportFields control={control} status={status} />
      <PassportVerdict
        verdict={verdict}
        findings={findings}
        listDate={verdict?.listDate ? fmt.date(verdict.listDate) : null}
      />
      <ErrorAlert error={error} />
      <Stack direction="row" spacing={2} sx={{ mt: 2, alignItems: 'center' }}>
        <Button type="submit" variant="contained" size="large" loading={busy}>
          {t('visit.passport.check')}
        </Button>
        <Button
          ref={endRef}
          size="large"
          onClick={props.onEnd}
          color={hasErrors ? 'error' : 'primary'}
        >
          {t('visit.end')}
        </Button>
        <Typography color="text.secondary">{t('visit.passport.checkHint')}</Typography>
      </Stack>
    </form>
  );
}

const HINTS: Partial<Record<FieldPath, string>> = {
  'passport.series': 'visit.passport.seriesHint',
  'passport.number': 'visit.passport.numberHint',
  'passport.issueDate': 'visit.passport.dateHint',
  'passport.departmentCode': 'visit.passport.departmentHint',
  'passport.issuedBy': 'visit.passport.issuedByHint',
  'person.birthDate': 'visit.passport.dateHint',
};
