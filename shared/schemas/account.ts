import { z } from 'zod';
import { multilineText } from './text';
import { AccountSummary } from './registry';
import { Id } from './common';

/**
 * A credential conflict this workstation took part in, as the screens need it to say what
 * happened in the reader's language (the stored English text stays the record).
 */
export const ConflictFacts = z.object({
  /** 'lost': this workstation's credential was replaced; 'won': ours replaced another's. */
  side: z.enum(['lost', 'won']),
  loserIssuedAt: z.string(),
  loserOfficeId: z.string(),
  winnerIssuedAt: z.string(),
  winnerOfficeId: z.string(),
  /** What replaced the loser; null for a kind this version does not know (show the text). */
  winnerKind: z.enum(['issue', 'reset']).nullable(),
});
export type ConflictFacts = z.infer<typeof ConflictFacts>;

export const CredentialView = z.object({
  id: Id,
  state: z.enum(['issued', 'expired', 'revoked']),
  version: z.number().int(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  mustChange: z.boolean(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  issuedBy: z.string(),
  officeId: z.string(),
  sheetSerial: z.string().nullable(),
  /** As the central database reports it (null until sync brings it). */
  portalFirstLoginAt: z.string().nullable(),
  portalPasswordChangedAt: z.string().nullable(),
  portalLocked: z.boolean(),
  /** Set when another workstation's later change replaced this one (sync conflict). */
  supersededNote: z.string().nullable(),
  /** The conflict this credential lost, or the newest one it won; null when none. */
  conflict: ConflictFacts.nullable(),
});
export type CredentialView = z.infer<typeof CredentialView>;

export const ConsentView = z.object({
  id: Id,
  residentId: z.number().int().nullable(),
  residentName: z.string(),
  textVersion: z.string(),
  signedAt: z.string(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  /** When the passport details it covered were destroyed (docs/personal-data.md). */
  destroyedAt: z.string().nullable(),
});
export type ConsentView = z.infer<typeof ConsentView>;

export const VisitView = z.object({
  id: Id,
  kind: z.enum(['issue', 'reset']),
  startedAt: z.string(),
  closedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  clerkName: z.string(),
  sheetsPrinted: z.number().int(),
  sheetsFailed: z.number().int(),
});
export type VisitView = z.infer<typeof VisitView>;

export const AccountCard = z.object({
  account: AccountSummary,
  /** The newest credential (current or last), then older ones. */
  credentials: z.array(CredentialView),
  consents: z.array(ConsentView),
  visits: z.array(VisitView),
  passportList: z.object({ listDate: z.string(), entries: z.number().int() }).nullable(),
  /** The password was reset within the approval window: another reset needs a supervisor. */
  repeatReset: z.object({ lastResetAt: z.string(), windowDays: z.number().int() }).nullable(),
});
export type AccountCard = z.infer<typeof AccountCard>;

export const AccountRef = z.object({ accountId: z.number().int() });
export const WithdrawConsentInput = z.object({
  consentId: Id,
  reason: multilineText().trim().min(3).max(500),
});
