import { IDENTITY_FIELDS } from '../domain/identity';
import { PRINT_FAILURE_REASONS } from '../domain/printing';
import { z } from 'zod';
import { multilineText, secret, text } from './text';
import { PASSPORT_SEVERITY, type PassportFindingCode } from '../domain/passport';
import { AccountSummary } from './registry';
import { Id, IsoDate } from './common';

// Formats are NOT enforced here: a mistyped series must come back as a SERIES_FORMAT finding
// the clerk can act on, not as a refused call. Here only size and type are bounded.
const Text = (max: number) => text().trim().max(max);

export const PassportForm = z.object({
  series: Text(12),
  number: Text(12),
  issueDate: Text(10),
  departmentCode: Text(10),
  /** Issuing authority as printed ("ГУ МВД России по г. Москве"), for the consent form. */
  issuedBy: Text(300),
});
export type PassportForm = z.infer<typeof PassportForm>;

export const PersonForm = z.object({
  surname: Text(100).min(1),
  givenName: Text(100).min(1),
  patronymic: Text(100),
  birthDate: Text(10),
});
export type PersonForm = z.infer<typeof PersonForm>;

const codes = Object.keys(PASSPORT_SEVERITY) as [PassportFindingCode, ...PassportFindingCode[]];
export const PassportFinding = z.object({
  code: z.enum(codes),
  severity: z.enum(['error', 'warning']),
  field: z.enum(['series', 'number', 'departmentCode', 'birthDate', 'issueDate']).optional(),
});
export type PassportFindingView = z.infer<typeof PassportFinding>;

export const ApprovalKind = z.enum(['passport-warnings', 'repeat-reset', 'non-owner-reset']);
export type ApprovalKind = z.infer<typeof ApprovalKind>;

export const VisitKind = z.enum(['issue', 'reset']);

export const Representative = z.object({
  fullName: Text(200).min(1),
  address: Text(300).min(1),
  document: PassportForm,
  powerOfAttorney: z.object({ number: Text(50).min(1), date: IsoDate, issuedBy: Text(300).min(1) }),
});
export type Representative = z.infer<typeof Representative>;

export const CheckResult = z.object({
  checkId: Id,
  ok: z.boolean(),
  findings: z.array(PassportFinding),
  /** The account's resident the passport matched, or null (IDENTITY_MISMATCH). */
  residentId: z.number().int().nullable(),
  /**
   * When it matched no one: the parts that differ from the closest candidate (a typo to fix),
   * or null when none is close (someone else) or it matched.
   */
  mismatch: z.array(z.enum(IDENTITY_FIELDS)).nullable(),
  /** The invalid-passport list consulted, if one was loaded. */
  listDate: z.string().nullable(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const PrintRecord = z.object({
  serial: z.string(),
  kind: z.enum(['info', 'consent']),
  result: z.enum(['printed', 'failed']),
  printer: z.string(),
  /** What the spooler said, verbatim (English): for the supervisor and IT. */
  error: z.string().nullable(),
  /** Why it failed, for the clerk's own language; null when it printed. */
  reason: z.enum(PRINT_FAILURE_REASONS).nullable(),
  at: z.string(),
});
export type PrintRecord = z.infer<typeof PrintRecord>;

/** A visit as the renderer sees it. It never carries the password: that is answered once, by visit.issue. */
export const VisitState = z.object({
  visitId: Id,
  kind: VisitKind,
  account: AccountSummary,
  startedAt: z.string(),
  check: CheckResult.nullable(),
  approvalsNeeded: z.array(ApprovalKind),
  approvalsGranted: z.array(ApprovalKind),
  consent: z.object({
    /** A consent of this resident that is in force already (a reset needs no new one). */
    existingConsentId: z.string().nullable(),
    printedSerial: z.string().nullable(),
    textVersion: z.string(),
  }),
  issued: z
    .object({
      credentialId: Id,
      login: z.string(),
      expiresAt: z.string(),
      sheetSerial: z.string(),
      /** While the visit is open the sheet can be printed again; after it, never. */
      reprintable: z.boolean(),
    })
    .nullable(),
  prints: z.array(PrintRecord),
  closedAt: z.string().nullable(),
});
export type VisitState = z.infer<typeof VisitState>;

export const StartVisitInput = z.object({ accountId: z.number().int(), kind: VisitKind });
export const VisitRef = z.object({ visitId: Id });
export const CheckInput = z.object({
  visitId: Id,
  /** The resident the clerk picked, or null to match the passport against all of them. */
  residentId: z.number().int().nullable(),
  person: PersonForm,
  passport: PassportForm,
  source: z.enum(['typed', 'mrz']),
});
export const ApproveInput = z.object({
  visitId: Id,
  login: text().trim().min(1).max(64),
  password: secret().min(1).max(200),
  reason: multilineText().trim().max(500).min(3),
});
/** Through the system's print dialog instead of the chosen printer (the fallback). */
const ViaDialog = z.boolean().optional();
export const PrintConsentInput = z.object({
  visitId: Id,
  representative: Representative.nullable(),
  viaDialog: ViaDialog,
});
export const PrintSheetInput = z.object({ visitId: Id, viaDialog: ViaDialog });
export const IssueInput = z.object({
  visitId: Id,
  /** The clerk confirms the resident signed both copies of the consent form. */
  consentSigned: z.boolean(),
  representative: Representative.nullable(),
});
export const Issued = z.object({
  credentialId: Id,
  login: z.string(),
  /** The temporary password, grouped for reading. Answered once; never stored. */
  password: z.string(),
  expiresAt: z.string(),
  sheetSerial: z.string(),
});
export type Issued = z.infer<typeof Issued>;
export const CloseInput = z.object({ visitId: Id });
