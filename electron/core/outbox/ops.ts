// Operations a workstation sends to the central account database. Each is written to the
// outbox in the same local transaction as the change it describes, carries a unique opId
// (the centre records it, so a replay has no second effect), and is applied centrally in
// outbox order. Plaintext passwords never appear here: only argon2id hashes.
import { z } from 'zod';

const Instant = z.string().datetime();

export const CredentialIssueOp = z.object({
  credentialId: z.string(),
  accountId: z.number().int(),
  login: z.string(),
  passwordHash: z.string().startsWith('$argon2id$'),
  mustChange: z.boolean(),
  issuedAt: Instant,
  expiresAt: Instant,
  /** Per-account version this workstation believed it was creating (previous + 1). */
  version: z.number().int().positive(),
  /** The credential this one replaces, as this workstation knew it (null for a first issue). */
  replacesCredentialId: z.string().nullable(),
  consentId: z.string(),
  kind: z.enum(['issue', 'reset']),
  issuedBy: z.string(),
  officeId: z.string(),
  workstationId: z.string(),
});

export const CredentialRevokeOp = z.object({
  credentialId: z.string(),
  accountId: z.number().int(),
  revokedAt: Instant,
  reason: z.enum(['reset', 'consent-withdrawn', 'supervisor']),
  revokedBy: z.string(),
  officeId: z.string(),
  workstationId: z.string(),
});

export const ConsentRecordOp = z.object({
  consentId: z.string(),
  accountId: z.number().int(),
  residentId: z.number().int().nullable(),
  textVersion: z.string(),
  language: z.string(),
  /** Item 1–2 and 3 of 152-FZ art. 9 §4 as signed: name, address, document; operator. */
  subject: z.record(z.string(), z.unknown()),
  representative: z.record(z.string(), z.unknown()).nullable(),
  operator: z.record(z.string(), z.unknown()),
  signedAt: Instant,
  recordedBy: z.string(),
  officeId: z.string(),
  workstationId: z.string(),
});

export const ConsentWithdrawOp = z.object({
  consentId: z.string(),
  accountId: z.number().int(),
  withdrawnAt: Instant,
  withdrawnBy: z.string(),
  reason: z.string(),
  officeId: z.string(),
  workstationId: z.string(),
});

/**
 * The passport details a consent covered were destroyed here (personal-data/destroy.ts): the
 * centre destroys its copy, checking the reason against its own record of the consent. The
 * daily job acts for no one (`destroyedBy` null); a supervisor's run names them.
 */
export const ConsentDestroyOp = z.object({
  consentId: z.string(),
  accountId: z.number().int(),
  reason: z.enum(['withdrawn', 'retention']),
  retentionDays: z.number().int().positive(),
  destroyedAt: Instant,
  destroyedBy: z.string().nullable(),
  actSerial: z.string(),
  officeId: z.string(),
  workstationId: z.string(),
});

// The office's staff directory lives at the centre (central functions/40-staff.sql): each
// change a counter makes to it goes there field by field, so two counters' changes to one
// person (a supervisor's disable, the clerk's own password change) both stand. `by` is the
// staff member acting; the centre checks that they may. Only argon2id verifiers travel.
const Verifier = z.string().startsWith('$argon2id$');

export const StaffCreateOp = z.object({
  clerkId: z.string(),
  login: z.string(),
  fullName: z.string(),
  role: z.enum(['clerk', 'supervisor']),
  passwordHash: Verifier,
  mustChange: z.boolean(),
  createdAt: Instant,
  by: z.string(),
  officeId: z.string(),
  workstationId: z.string(),
});

export const StaffUpdateOp = z.object({
  clerkId: z.string(),
  fullName: z.string().optional(),
  role: z.enum(['clerk', 'supervisor']).optional(),
  disabled: z.boolean().optional(),
  unlock: z.boolean().optional(),
  at: Instant,
  by: z.string(),
  officeId: z.string(),
  workstationId: z.string(),
});

export const StaffPasswordOp = z.object({
  clerkId: z.string(),
  passwordHash: Verifier,
  mustChange: z.boolean(),
  at: Instant,
  by: z.string(),
  officeId: z.string(),
  workstationId: z.string(),
});

/** Five wrong passwords for a login at this counter: every counter of the office locks it. */
export const StaffLockoutOp = z.object({
  login: z.string(),
  until: Instant,
  at: Instant,
  officeId: z.string(),
  workstationId: z.string(),
});

export const opSchemas = {
  'credential.issue': CredentialIssueOp,
  'credential.revoke': CredentialRevokeOp,
  'consent.record': ConsentRecordOp,
  'consent.withdraw': ConsentWithdrawOp,
  'consent.destroy': ConsentDestroyOp,
  'staff.create': StaffCreateOp,
  'staff.update': StaffUpdateOp,
  'staff.password': StaffPasswordOp,
  'staff.lockout': StaffLockoutOp,
} as const;

export type OpKind = keyof typeof opSchemas;
export type OpPayload<K extends OpKind> = z.infer<(typeof opSchemas)[K]>;
