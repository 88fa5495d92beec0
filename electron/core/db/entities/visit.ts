import { EntitySchema } from 'typeorm';

export type VisitKind = 'issue' | 'reset';

export interface VisitRow {
  id: string;
  kind: VisitKind;
  accountId: number;
  payerCode: string;
  residentId: number | null;
  clerkId: string;
  officeId: string;
  startedAt: string;
  closedAt: string | null;
  outcome: string | null;
}

export const Visit = new EntitySchema<VisitRow>({
  name: 'Visit',
  tableName: 'visit',
  columns: {
    id: { type: 'text', primary: true },
    kind: { type: 'text' },
    accountId: { type: 'integer', name: 'account_id' },
    payerCode: { type: 'text', name: 'payer_code' },
    residentId: { type: 'integer', name: 'resident_id', nullable: true },
    clerkId: { type: 'text', name: 'clerk_id' },
    officeId: { type: 'text', name: 'office_id' },
    startedAt: { type: 'text', name: 'started_at' },
    closedAt: { type: 'text', name: 'closed_at', nullable: true },
    outcome: { type: 'text', nullable: true },
  },
});

export interface PassportCheckRow {
  id: string;
  visitId: string;
  residentId: number | null;
  surname: string;
  givenName: string;
  patronymic: string;
  birthDate: string;
  series: string;
  number: string;
  issueDate: string;
  departmentCode: string;
  issuedBy: string;
  source: 'typed' | 'mrz';
  findings: string;
  passed: boolean;
  matched: boolean;
  listVersion: string | null;
  checkedAt: string;
  clerkId: string;
  /** When the passport details were destroyed (personal-data/destroy.ts), and by which act. */
  destroyedAt: string | null;
  destroyActId: string | null;
}

export const PassportCheck = new EntitySchema<PassportCheckRow>({
  name: 'PassportCheck',
  tableName: 'passport_check',
  columns: {
    id: { type: 'text', primary: true },
    visitId: { type: 'text', name: 'visit_id' },
    residentId: { type: 'integer', name: 'resident_id', nullable: true },
    surname: { type: 'text' },
    givenName: { type: 'text', name: 'given_name' },
    patronymic: { type: 'text' },
    birthDate: { type: 'text', name: 'birth_date' },
    series: { type: 'text' },
    number: { type: 'text' },
    issueDate: { type: 'text', name: 'issue_date' },
    departmentCode: { type: 'text', name: 'department_code' },
    issuedBy: { type: 'text', name: 'issued_by' },
    source: { type: 'text' },
    findings: { type: 'text' },
    passed: { type: 'boolean' },
    matched: { type: 'boolean' },
    listVersion: { type: 'text', name: 'list_version', nullable: true },
    checkedAt: { type: 'text', name: 'checked_at' },
    clerkId: { type: 'text', name: 'clerk_id' },
    destroyedAt: { type: 'text', name: 'destroyed_at', nullable: true },
    destroyActId: { type: 'text', name: 'destroy_act_id', nullable: true },
  },
});

export interface ApprovalRow {
  id: string;
  visitId: string;
  kind: string;
  supervisorId: string;
  reason: string;
  approvedAt: string;
}

export const Approval = new EntitySchema<ApprovalRow>({
  name: 'Approval',
  tableName: 'approval',
  columns: {
    id: { type: 'text', primary: true },
    visitId: { type: 'text', name: 'visit_id' },
    kind: { type: 'text' },
    supervisorId: { type: 'text', name: 'supervisor_id' },
    reason: { type: 'text' },
    approvedAt: { type: 'text', name: 'approved_at' },
  },
});

export interface ConsentRow {
  id: string;
  accountId: number;
  residentId: number | null;
  visitId: string | null;
  textVersion: string;
  language: string;
  subject: string;
  representative: string | null;
  operator: string;
  signedAt: string;
  recordedBy: string;
  officeId: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawReason: string | null;
  /** When the passport details it covered were destroyed, and by which act. */
  destroyedAt: string | null;
  destroyActId: string | null;
}

export const Consent = new EntitySchema<ConsentRow>({
  name: 'Consent',
  tableName: 'consent',
  columns: {
    id: { type: 'text', primary: true },
    accountId: { type: 'integer', name: 'account_id' },
    residentId: { type: 'integer', name: 'resident_id', nullable: true },
    visitId: { type: 'text', name: 'visit_id', nullable: true },
    textVersion: { type: 'text', name: 'text_version' },
    language: { type: 'text' },
    subject: { type: 'text' },
    representative: { type: 'text', nullable: true },
    operator: { type: 'text' },
    signedAt: { type: 'text', name: 'signed_at' },
    recordedBy: { type: 'text', name: 'recorded_by' },
    officeId: { type: 'text', name: 'office_id' },
    withdrawnAt: { type: 'text', name: 'withdrawn_at', nullable: true },
    withdrawnBy: { type: 'text', name: 'withdrawn_by', nullable: true },
    withdrawReason: { type: 'text', name: 'withdraw_reason', nullable: true },
    destroyedAt: { type: 'text', name: 'destroyed_at', nullable: true },
    destroyActId: { type: 'text', name: 'destroy_act_id', nullable: true },
  },
});

export interface CredentialRow {
  id: string;
  accountId: number;
  login: string;
  passwordHash: string;
  status: 'active' | 'revoked';
  mustChange: boolean;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
  version: number;
  consentId: string;
  visitId: string | null;
  issuedBy: string;
  officeId: string;
  portalFirstLoginAt: string | null;
  portalPasswordChangedAt: string | null;
  portalLocked: boolean;
  supersededNote: string | null;
  /** The serial of the information sheet that carries this credential's password. */
  sheetSerial: string | null;
}

export const Credential = new EntitySchema<CredentialRow>({
  name: 'Credential',
  tableName: 'credential',
  columns: {
    id: { type: 'text', primary: true },
    accountId: { type: 'integer', name: 'account_id' },
    login: { type: 'text' },
    passwordHash: { type: 'text', name: 'password_hash' },
    status: { type: 'text' },
    mustChange: { type: 'boolean', name: 'must_change' },
    issuedAt: { type: 'text', name: 'issued_at' },
    expiresAt: { type: 'text', name: 'expires_at' },
    revokedAt: { type: 'text', name: 'revoked_at', nullable: true },
    revokeReason: { type: 'text', name: 'revoke_reason', nullable: true },
    version: { type: 'integer' },
    consentId: { type: 'text', name: 'consent_id' },
    visitId: { type: 'text', name: 'visit_id', nullable: true },
    issuedBy: { type: 'text', name: 'issued_by' },
    officeId: { type: 'text', name: 'office_id' },
    portalFirstLoginAt: { type: 'text', name: 'portal_first_login_at', nullable: true },
    portalPasswordChangedAt: { type: 'text', name: 'portal_password_changed_at', nullable: true },
    portalLocked: { type: 'boolean', name: 'portal_locked' },
    supersededNote: { type: 'text', name: 'superseded_note', nullable: true },
    sheetSerial: { type: 'text', name: 'sheet_serial', nullable: true },
  },
});

export interface PrintedSheetRow {
  id: string;
  serial: string;
  kind: 'info' | 'consent';
  visitId: string;
  accountId: number;
  credentialId: string | null;
  printer: string;
  result: 'printed' | 'failed';
  error: string | null;
  printedAt: string;
  clerkId: string;
}

export const PrintedSheet = new EntitySchema<PrintedSheetRow>({
  name: 'PrintedSheet',
  tableName: 'printed_sheet',
  columns: {
    id: { type: 'text', primary: true },
    serial: { type: 'text' },
    kind: { type: 'text' },
    visitId: { type: 'text', name: 'visit_id' },
    accountId: { type: 'integer', name: 'account_id' },
    credentialId: { type: 'text', name: 'credential_id', nullable: true },
    printer: { type: 'text' },
    result: { type: 'text' },
    error: { type: 'text', nullable: true },
    printedAt: { type: 'text', name: 'printed_at' },
    clerkId: { type: 'text', name: 'clerk_id' },
  },
});

export interface DestructionActRow {
  id: string;
  serial: string;
  createdAt: string;
  reason: 'withdrawn' | 'retention' | 'no-consent';
  /** The storage period the settings named on the day (the act's reason cites it). */
  retentionDays: number;
  trigger: 'job' | 'supervisor';
  accountId: number;
  payerCode: string;
  residentId: number | null;
  subjectName: string;
  consentId: string | null;
  /** JSON: the categories of personal data destroyed (codes, translated on the act). */
  categories: string;
  /** JSON: what was destroyed, one entry per record (ActRecord, personal-data/types.ts). */
  records: string;
  /** JSON: the persons who destroyed the data, with their positions. */
  persons: string;
  /** JSON: the operator's name and address as the settings said on the day. */
  operator: string;
  systemName: string;
  method: string;
  officeId: string;
  clerkId: string | null;
}

export const DestructionAct = new EntitySchema<DestructionActRow>({
  name: 'DestructionAct',
  tableName: 'destruction_act',
  columns: {
    id: { type: 'text', primary: true },
    serial: { type: 'text' },
    createdAt: { type: 'text', name: 'created_at' },
    reason: { type: 'text' },
    retentionDays: { type: 'integer', name: 'retention_days' },
    trigger: { type: 'text' },
    accountId: { type: 'integer', name: 'account_id' },
    payerCode: { type: 'text', name: 'payer_code' },
    residentId: { type: 'integer', name: 'resident_id', nullable: true },
    subjectName: { type: 'text', name: 'subject_name' },
    consentId: { type: 'text', name: 'consent_id', nullable: true },
    categories: { type: 'text' },
    records: { type: 'text' },
    persons: { type: 'text' },
    operator: { type: 'text' },
    systemName: { type: 'text', name: 'system_name' },
    method: { type: 'text' },
    officeId: { type: 'text', name: 'office_id' },
    clerkId: { type: 'text', name: 'clerk_id', nullable: true },
  },
});
