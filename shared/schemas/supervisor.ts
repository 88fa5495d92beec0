import { PRINT_FAILURE_REASONS } from '../domain/printing';
import { z } from 'zod';
import { secret, text } from './text';
import { ConflictFacts } from './account';
import { AuditAction } from './audit';
import { Id, IsoDate } from './common';
import { Settings } from './settings';
import { ApprovalKind } from './visit';

export const AuditQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  action: AuditAction.optional(),
  clerkId: Id.optional(),
  /** A payer code: the account's whole history. */
  subject: text().trim().max(20).optional(),
  /** Page backwards from this sequence number (exclusive). */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const AuditEntryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  action: AuditAction,
  clerkId: z.string().nullable(),
  clerkName: z.string().nullable(),
  officeId: z.string(),
  workstationId: z.string(),
  subject: z.string().nullable(),
  text: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditPage = z.object({
  entries: z.array(AuditEntryView),
  nextBefore: z.number().int().nullable(),
});

const Counts = z.object({
  visits: z.number().int(),
  issued: z.number().int(),
  reset: z.number().int(),
  refused: z.number().int(),
  abandoned: z.number().int(),
  sheetsPrinted: z.number().int(),
  /** Failed prints: paper that did not reach the resident. */
  printsFailed: z.number().int(),
  medianVisitSeconds: z.number().nullable(),
});

export const DailyReportInput = z.object({ date: IsoDate });
export const DailyReport = z.object({
  date: IsoDate,
  rows: z.array(Counts.extend({ clerkId: Id, clerkName: z.string(), officeId: z.string() })),
  offices: z.array(Counts.extend({ officeId: z.string() })),
});
export type DailyReport = z.infer<typeof DailyReport>;

export const ApprovalsQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export const ApprovalView = z.object({
  id: Id,
  at: z.string(),
  visitId: Id,
  payerCode: z.string(),
  kind: ApprovalKind,
  clerkName: z.string(),
  supervisorName: z.string(),
  reason: z.string(),
});
export type ApprovalView = z.infer<typeof ApprovalView>;

export const PrinterInfo = z.object({
  name: z.string(),
  isDefault: z.boolean(),
  state: z.enum(['idle', 'printing', 'stopped', 'unknown']),
  description: z.string().optional(),
});

/** Whether the counter's printer can take a sheet now, asked before the clerk needs it. */
export const PrinterStatus = z.object({
  /** The printer chosen in the settings; null when none is. */
  printer: z.string().nullable(),
  state: z.enum(['ready', 'notConfigured', ...PRINT_FAILURE_REASONS]),
  /** The spooler's own words when it is not ready (English, for the supervisor and IT). */
  detail: z.string().nullable(),
  /** The system's own print dialog can be opened (the fallback when the silent path fails). */
  dialog: z.boolean(),
});
export type PrinterStatus = z.infer<typeof PrinterStatus>;

export const SettingsView = z.object({
  settings: Settings,
  centralPasswordSet: z.boolean(),
  /** A certificate login's private key is installed (sealed). */
  clientKeySet: z.boolean(),
  /** Setting paths the machine policy sets ("portalUrl", "office.code", "central"): read-only. */
  managed: z.array(z.string()),
});
export const CentralPasswordInput = z.object({ password: secret().min(1).max(500) });

export const PassportListStatus = z.object({
  loaded: z.boolean(),
  listDate: IsoDate.nullable(),
  entries: z.number().int().nullable(),
  ageDays: z.number().int().nullable(),
  /** Older than the configured number of days (settings.passportListMaxAgeDays). */
  stale: z.boolean(),
  maxAgeDays: z.number().int(),
});
export type PassportListStatus = z.infer<typeof PassportListStatus>;

/** Installing a list: the MVD list's date, used when the file chosen is a CSV (an index has its own). */
export const PassportListInstallInput = z.object({ listDate: IsoDate });

/** A list being imported from CSV: which step, and how many rows have been read. */
export const PassportListProgress = z.object({
  running: z.boolean(),
  phase: z.enum(['reading', 'sorting', 'writing', 'checking']).nullable(),
  rows: z.number().int(),
  /** The chosen file's name (not its folder). */
  file: z.string().nullable(),
});
export type PassportListProgress = z.infer<typeof PassportListProgress>;

export const SyncStatus = z.object({
  state: z.enum(['online', 'offline', 'syncing', 'disabled']),
  offlineSince: z.string().nullable(),
  /** Since when the workstation has been connected without a break; null while it is not. */
  onlineSince: z.string().nullable(),
  /** Operations waiting to be sent. */
  pending: z.number().int(),
  /** Operations the centre holds over a ceiling until a supervisor of the office decides. */
  held: z.number().int(),
  dead: z.number().int(),
  /**
   * What the centre said at the last hello: an enrolled login (its office and districts) or
   * the shared legacy login. Null before the first hello.
   */
  enrolment: z
    .object({
      mode: z.enum(['enrolled', 'shared']),
      login: z.string(),
      officeId: z.string().nullable(),
      districts: z.array(z.string()),
    })
    .nullable(),
  lastError: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  registryAt: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const DeadOperation = z.object({
  opId: z.string(),
  kind: z.string(),
  createdAt: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  payerCode: z.string().nullable(),
});
export const OperationRef = z.object({ opId: Id });

export const ConflictView = z.object({
  accountId: z.number().int(),
  /** Null when the account is no longer in this workstation's replica. */
  payerCode: z.string().nullable(),
  /** The English text recorded at the time (also in the audit log); the screens' fallback. */
  text: z.string(),
  detectedAt: z.string(),
  ...ConflictFacts.shape,
});

/** An operation the centre holds over a ceiling, as the office's supervisors review it. */
export const HeldOperation = z.object({
  opId: z.string(),
  kind: z.string(),
  /** issue or reset, for a credential. */
  credentialKind: z.string().nullable(),
  reason: z.enum(['clerk-ceiling', 'workstation-ceiling']),
  heldAt: z.string(),
  clerkId: z.string().nullable(),
  clerkName: z.string().nullable(),
  workstationId: z.string(),
  workstationName: z.string().nullable(),
  payerCode: z.string().nullable(),
});
export type HeldOperation = z.infer<typeof HeldOperation>;

/** What the centre recorded about this office's workstations: refusals, holds, decisions. */
export const SecurityEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.string(),
  code: z.string().nullable(),
  login: z.string(),
  workstationId: z.string().nullable(),
  opKind: z.string().nullable(),
  payerCode: z.string().nullable(),
  clerkId: z.string().nullable(),
  detail: z.string(),
});
export type SecurityEvent = z.infer<typeof SecurityEvent>;

export const OfficeReview = z.object({
  held: z.array(HeldOperation),
  events: z.array(SecurityEvent),
});
export type OfficeReview = z.infer<typeof OfficeReview>;

export const HeldDecisionInput = z.object({
  opIds: z.array(Id).min(1).max(500),
  release: z.boolean(),
});
export const HeldDecisions = z.array(
  z.object({
    opId: z.string(),
    status: z.enum(['released', 'refused']),
    code: z.string().nullable(),
  }),
);
