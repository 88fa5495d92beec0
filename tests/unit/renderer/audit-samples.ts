// Audit entries as the core writes them: one (or more, where the core writes several shapes)
// for every action, each `data` copied from its call site in electron/core (named beside it),
// with the English `text` the core stores. `values` lists what the translated sentence must
// show, formatted for the reader's language.
import type { AuditAction } from '../../../shared/audit';
import type {
  AuditEntryLike,
  Formatters,
} from '../../../renderer/src/features/supervisor/audit/describe';

export interface AuditSample {
  name: string;
  entry: AuditEntryLike;
  values: (fmt: Formatters) => string[];
}

const visitId = '6f1d3a52-8c1e-4c55-9d0a-2b7f41e0c9a1';
const payerCode = '7701234567';
const serialC = 'MSK-001-2026-C000017';
const serialI = 'MSK-001-2026-I000042';
const opId = '0b5c3f9e-77aa-4d3b-9f10-5e2c8a1d6b44';

function sample(
  name: string,
  action: AuditAction,
  data: Record<string, unknown>,
  text: string,
  values: (fmt: Formatters) => string[] = () => [],
  subject: string | null = null,
): AuditSample {
  return { name, entry: { action, subject, data, text }, values };
}

export const SAMPLES: AuditSample[] = [
  // staff/service.ts setupFirstSupervisor
  sample(
    'setup',
    'staff.setup',
    { login: 'petrova', officeId: 'MSK-001' },
    'First supervisor petrova created for office MSK-001.',
    () => ['petrova', 'MSK-001'],
  ),
  // staff/service.ts signIn
  sample('sign-in', 'staff.signIn', { login: 'petrova' }, 'petrova signed in.', () => ['petrova']),
  // staff/service.ts authenticate, purpose 'sign-in': wrong password, locked out, disabled
  sample(
    'sign-in, wrong password',
    'staff.signInFailed',
    { login: 'ivanov', failures: 2, purpose: 'sign-in' },
    'Wrong password for ivanov.',
    () => ['ivanov', '2'],
  ),
  sample(
    'sign-in while locked out',
    'staff.signInFailed',
    { login: 'ivanov', reason: 'locked-out' },
    'Refused while locked out: ivanov.',
    () => ['ivanov'],
  ),
  sample(
    'sign-in, account disabled',
    'staff.signInFailed',
    { login: 'smirnova', reason: 'disabled' },
    'Disabled account smirnova was refused.',
    () => ['smirnova'],
  ),
  sample(
    'locked out',
    'staff.lockedOut',
    { login: 'ivanov', until: '2026-03-10T09:45:00.000Z' },
    'ivanov locked out until 2026-03-10T09:45:00.000Z.',
    (f) => ['ivanov', f.dateTime('2026-03-10T09:45:00.000Z')],
  ),
  // api/handlers/session.ts and staff.ts: no data
  sample('sign-out', 'staff.signOut', {}, 'petrova signed out.'),
  sample('screen lock', 'staff.lock', {}, 'Screen locked for petrova.'),
  // staff/admin.ts
  sample(
    'staff created',
    'staff.create',
    { login: 'smirnova', role: 'clerk' },
    'petrova created clerk smirnova.',
    () => ['smirnova'],
  ),
  sample(
    'staff disabled',
    'staff.update',
    { login: 'smirnova', disabledAt: '2026-03-10T09:30:00.000Z', unlocked: false },
    'petrova updated smirnova.',
    () => ['smirnova'],
  ),
  sample(
    'staff enabled',
    'staff.update',
    { login: 'smirnova', disabledAt: null, unlocked: false },
    'petrova updated smirnova.',
    () => ['smirnova'],
  ),
  sample(
    'staff unlocked',
    'staff.update',
    { login: 'smirnova', unlocked: true },
    'petrova updated smirnova.',
    () => ['smirnova'],
  ),
  sample(
    'staff renamed and promoted',
    'staff.update',
    { login: 'smirnova', fullName: 'Смирнова Мария Петровна', role: 'supervisor', unlocked: false },
    'petrova updated smirnova.',
    () => ['smirnova', 'Смирнова Мария Петровна'],
  ),
  sample(
    'staff password reset',
    'staff.passwordReset',
    { login: 'smirnova' },
    'petrova reset the password of smirnova.',
    () => ['smirnova'],
  ),
  sample('own password changed', 'staff.passwordChange', {}, 'smirnova changed their password.'),
  // api/handlers/visit.ts
  sample(
    'search by payer code',
    'registry.search',
    { kind: 'payerCode', query: payerCode, found: 1, truncated: false },
    'Search (payerCode): 1 account(s).',
    () => [payerCode, '1'],
  ),
  sample(
    'search by a scanned passport, too many',
    'registry.search',
    { kind: 'mrz', query: 'MRZ IVANOV 45** ****21', found: 50, truncated: true },
    'Search (mrz): 50 account(s).',
    () => ['IVANOV 45** ****21', '50'],
  ),
  sample(
    'account card',
    'registry.view',
    { accountId: 42 },
    'Account card opened.',
    () => [payerCode],
    payerCode,
  ),
  // visits/identity.ts startVisit
  sample(
    'visit start',
    'visit.start',
    { visitId, kind: 'reset' },
    'reset visit started.',
    () => [payerCode],
    payerCode,
  ),
  // visits/close.ts
  sample(
    'visit close',
    'visit.close',
    { visitId, outcome: 'refused' },
    'Visit closed: refused.',
    () => [],
    payerCode,
  ),
  // visits/identity.ts checkIdentity
  sample(
    'passport check, passed',
    'passport.check',
    {
      visitId,
      passport: '45** ****21',
      findings: [],
      matched: true,
      residentId: 7,
      source: 'typed',
      listDate: '2026-03-07',
    },
    'Passport 45** ****21 passed the check; matches a resident.',
    (f) => ['45** ****21', f.date('2026-03-07')],
    payerCode,
  ),
  sample(
    'passport check, a warning, scanned',
    'passport.check',
    {
      visitId,
      passport: '45** ****21',
      findings: ['SERIES_YEAR_MISMATCH'],
      matched: true,
      residentId: 7,
      source: 'mrz',
      listDate: '2026-03-07',
    },
    'Passport 45** ****21 passed the check; matches a resident.',
    (f) => ['45** ****21', f.date('2026-03-07'), 'MRZ'],
    payerCode,
  ),
  sample(
    'passport check, on the invalid list',
    'passport.check',
    {
      visitId,
      passport: '46** ****03',
      findings: ['INVALID_PASSPORT_LIST'],
      matched: false,
      residentId: null,
      source: 'typed',
      listDate: '2026-03-07',
    },
    'Passport 46** ****03 failed the check; does not match a resident.',
    () => ['46** ****03'],
    payerCode,
  ),
  // visits/approve.ts
  sample(
    'approval granted',
    'approval.granted',
    {
      visitId,
      approver: 'petrova',
      approverId: '1c0b3e0e-2f5a-4f1e-8a51-0f3b7f0b9a10',
      kinds: ['passport-warnings', 'repeat-reset'],
      reason: 'паспорт осмотрен, бланк подлинный',
      findings: [{ code: 'SERIES_YEAR_MISMATCH', severity: 'warning', field: 'series' }],
    },
    'petrova approved passport-warnings, repeat-reset: паспорт осмотрен, бланк подлинный',
    () => ['petrova', 'паспорт осмотрен, бланк подлинный'],
    payerCode,
  ),
  sample(
    'approval by someone not a supervisor',
    'approval.refused',
    { visitId, approver: 'ivanov', reason: 'not-supervisor' },
    'ivanov is not a supervisor and cannot approve.',
    () => ['ivanov'],
  ),
  // staff/service.ts authenticate, purpose 'approval'
  sample(
    'approval, wrong password',
    'approval.refused',
    { login: 'petrova', failures: 1, purpose: 'approval' },
    'Wrong password for petrova.',
    () => ['petrova', '1'],
  ),
  sample(
    'approval while locked out',
    'approval.refused',
    { login: 'petrova', reason: 'locked-out' },
    'Refused while locked out: petrova.',
    () => ['petrova'],
  ),
  // visits/print.ts record
  sample(
    'consent form printed',
    'consent.print',
    { visitId, serial: serialC, printer: 'AccessDeskE2E', result: 'printed', error: null },
    `Consent form ${serialC} sent to AccessDeskE2E.`,
    () => [serialC, 'AccessDeskE2E'],
    payerCode,
  ),
  sample(
    'consent form failed',
    'consent.print',
    {
      visitId,
      serial: serialC,
      printer: 'AccessDeskE2E',
      result: 'failed',
      error: 'printer is stopped',
    },
    `Consent form ${serialC} failed on AccessDeskE2E: printer is stopped.`,
    () => [serialC, 'AccessDeskE2E', 'printer is stopped'],
    payerCode,
  ),
  // visits/issue.ts
  sample(
    'consent signed',
    'consent.record',
    {
      visitId,
      consentId: 'a3f0c1d2-1111-4222-8333-944455556666',
      residentId: 7,
      textVersion: 'v1',
      representative: false,
    },
    'Consent v1 signed by resident 7 (passport 45** ****21).',
    () => ['v1'],
    payerCode,
  ),
  sample(
    'consent signed by a representative',
    'consent.record',
    {
      visitId,
      consentId: 'a3f0c1d2-1111-4222-8333-944455556666',
      residentId: 7,
      textVersion: 'v1',
      representative: true,
    },
    'Consent v1 signed by resident 7 (passport 45** ****21).',
    () => ['v1'],
    payerCode,
  ),
  // consent/withdraw.ts
  sample(
    'consent withdrawn',
    'consent.withdraw',
    {
      consentId: 'a3f0c1d2-1111-4222-8333-944455556666',
      reason: 'житель переезжает',
      revoked: ['c1'],
    },
    'Consent a3f0c1d2-1111-4222-8333-944455556666 withdrawn; 1 credential(s) revoked.',
    () => ['житель переезжает', '1'],
    payerCode,
  ),
  // personal-data/destroy.ts and records.ts
  sample(
    'personal data destroyed by the job',
    'personalData.destroy',
    {
      actId: 'b7e1d2c3-2222-4333-8444-955566667777',
      serial: 'MSK-001-2026-D000001',
      reason: 'withdrawn',
      trigger: 'job',
      consentId: 'a3f0c1d2-1111-4222-8333-944455556666',
      residentId: 12,
      categories: ['passport'],
      method: 'overwrite',
      persons: [],
      consentDestroyed: true,
      checks: ['k1', 'k2'],
      visits: [visitId],
    },
    'Personal data destroyed (withdrawn, job): consent a3f0c1d2-1111-4222-8333-944455556666, 2 passport check(s); act MSK-001-2026-D000001.',
    (fmt) => ['MSK-001-2026-D000001', fmt.number(2)],
    payerCode,
  ),
  sample(
    'act printed',
    'personalData.actPrint',
    {
      actId: 'b7e1d2c3-2222-4333-8444-955566667777',
      serial: 'MSK-001-2026-D000001',
      part: 'extract',
      printer: 'AccessDeskE2E',
      error: null,
    },
    'Log extract of act MSK-001-2026-D000001 sent to AccessDeskE2E.',
    () => ['MSK-001-2026-D000001', 'AccessDeskE2E'],
    payerCode,
  ),
  sample(
    'subject report printed',
    'subjectReport.print',
    {
      visitId,
      serial: 'MSK-001-2026-R000001',
      residentId: 12,
      printer: 'AccessDeskE2E',
      error: null,
    },
    'Subject report MSK-001-2026-R000001 for resident 12 sent to AccessDeskE2E.',
    () => ['MSK-001-2026-R000001', 'AccessDeskE2E'],
    payerCode,
  ),
  sample(
    'password issued',
    'credential.issue',
    {
      visitId,
      credentialId: 'c1',
      version: 1,
      sheetSerial: serialI,
      expiresAt: '2026-04-09T09:00:00.000Z',
      replaces: null,
    },
    `Temporary password v1 issued for ${payerCode}; sheet ${serialI}.`,
    (f) => [serialI, '1', f.date('2026-04-09T09:00:00.000Z')],
    payerCode,
  ),
  sample(
    'password reset',
    'credential.reset',
    {
      visitId,
      credentialId: 'c2',
      version: 2,
      sheetSerial: serialI,
      expiresAt: '2026-04-09T09:00:00.000Z',
      replaces: 'c1',
    },
    `Temporary password v2 issued for ${payerCode}; sheet ${serialI}.`,
    (f) => [serialI, '2', f.date('2026-04-09T09:00:00.000Z')],
    payerCode,
  ),
  sample(
    'access revoked by a reset',
    'credential.revoke',
    { visitId, credentialId: 'c1', version: 1, voidSheet: 'MSK-001-2026-I000041' },
    'Credential v1 revoked by a reset; its sheet MSK-001-2026-I000041 is void.',
    () => ['1', 'MSK-001-2026-I000041'],
    payerCode,
  ),
  sample(
    'sheet printed',
    'sheet.print',
    { visitId, serial: serialI, printer: 'AccessDeskE2E', result: 'printed', error: null },
    `Information sheet ${serialI} sent to AccessDeskE2E.`,
    () => [serialI, 'AccessDeskE2E'],
    payerCode,
  ),
  sample(
    'sheet printed through the system dialog',
    'sheet.print',
    { visitId, serial: serialI, printer: 'system-dialog', result: 'printed', error: null },
    `Information sheet ${serialI} sent to the system print dialog.`,
    () => [serialI],
    payerCode,
  ),
  sample(
    'sheet failed',
    'sheet.printFailed',
    {
      visitId,
      serial: serialI,
      printer: 'AccessDeskE2ENoSuchQueue',
      result: 'failed',
      error: 'lp: The printer or class does not exist.',
    },
    `Information sheet ${serialI} failed on AccessDeskE2ENoSuchQueue: lp: The printer or class does not exist..`,
    () => [serialI, 'AccessDeskE2ENoSuchQueue', 'lp: The printer or class does not exist.'],
    payerCode,
  ),
  // api/handlers/supervisor.ts settings.update and settings.setCentralPassword
  sample(
    'settings changed',
    'settings.change',
    { changed: ['idleLockMinutes', 'office', 'printer'] },
    'Settings changed: idleLockMinutes, office, printer.',
  ),
  sample(
    'central password changed',
    'settings.change',
    { changed: ['central.password'] },
    'Central database password changed.',
  ),
  sample(
    'settings saved unchanged',
    'settings.change',
    { changed: [] },
    'Settings changed: nothing.',
  ),
  // supervisor/passport-list.ts
  sample(
    'passport list installed',
    'passportList.replace',
    { listDate: '2026-03-07', entries: 154321, checksum: '9f2c' },
    'Invalid-passport list of 2026-03-07 installed (154321 entries).',
    (f) => [f.date('2026-03-07'), f.number(154321)],
  ),
  // sync/push.ts auditUnapplied
  sample(
    'operation rejected',
    'sync.rejected',
    {
      opId,
      kind: 'credential.issue',
      code: 'ACCOUNT_CLOSED',
      error: 'account is closed at the centre',
      accountId: 42,
      credentialId: 'c1',
      consentId: null,
    },
    `The centre rejected operation credential.issue (${opId}): account is closed at the centre`,
    () => [opId.slice(0, 8), 'account is closed at the centre'],
    payerCode,
  ),
  // sync/credential-feed.ts applyConflictImage
  sample(
    'conflict lost',
    'sync.conflict',
    {
      side: 'lost',
      rule: 'last-issued-wins',
      accountId: 42,
      loser: {
        credentialId: 'c1',
        issuedAt: '2026-03-10T07:05:00.000Z',
        officeId: 'MSK-001',
        workstationId: 'ws-1',
        kind: 'issue',
      },
      winner: {
        credentialId: 'c9',
        issuedAt: '2026-03-10T07:20:00.000Z',
        officeId: 'MSK-002',
        workstationId: 'ws-7',
        kind: 'reset',
      },
      detectedAt: '2026-03-10T07:21:00.000Z',
    },
    'The sheet printed at 10:05 in office MSK-001 was replaced by a reset at 10:20 in office MSK-002.',
    (f) => [
      f.dateTime('2026-03-10T07:05:00.000Z'),
      f.dateTime('2026-03-10T07:20:00.000Z'),
      'MSK-002',
    ],
    payerCode,
  ),
  sample(
    'conflict won',
    'sync.conflict',
    {
      side: 'won',
      rule: 'last-issued-wins',
      accountId: 42,
      loser: {
        credentialId: 'c1',
        issuedAt: '2026-03-10T07:05:00.000Z',
        officeId: 'MSK-002',
        workstationId: 'ws-7',
        kind: 'issue',
      },
      winner: {
        credentialId: 'c9',
        issuedAt: '2026-03-10T07:20:00.000Z',
        officeId: 'MSK-001',
        workstationId: 'ws-1',
        kind: 'issue',
      },
      detectedAt: '2026-03-10T07:21:00.000Z',
    },
    'The sheet printed at 10:05 in office MSK-002 was replaced by an issue at 10:20 in office MSK-001.',
    (f) => [
      f.dateTime('2026-03-10T07:05:00.000Z'),
      f.dateTime('2026-03-10T07:20:00.000Z'),
      'MSK-002',
    ],
    payerCode,
  ),
  // sync/dead-letters.ts retryDeadOp
  sample(
    'dead operation sent again',
    'sync.deadRetry',
    { opId, kind: 'consent.record' },
    `Operation consent.record (${opId}) sent to the centre again.`,
    () => [opId.slice(0, 8)],
  ),
  // sync/push.ts auditUnapplied (held)
  sample(
    'operation held',
    'sync.held',
    {
      opId,
      kind: 'credential.issue',
      code: 'HELD',
      error: 'over the clerk-ceiling: held for a supervisor of office MSK-001',
      accountId: 42,
      credentialId: 'c1',
      consentId: 'k1',
    },
    `The centre holds operation credential.issue (${opId}) for a supervisor: over the clerk-ceiling: held for a supervisor of office MSK-001`,
    () => [opId.slice(0, 8), 'over the clerk-ceiling'],
    payerCode,
  ),
  // sync/service.ts decideHeld
  sample(
    'held operations released',
    'sync.heldDecided',
    {
      decision: 'release',
      count: 2,
      decided: [
        { opId, status: 'released', code: null },
        { opId: 'b'.repeat(36), status: 'refused', code: 'CLERK_NOT_IN_OFFICE' },
      ],
    },
    'Released 2 held operation(s) at the centre.',
    (f) => [f.number(2)],
  ),
];
