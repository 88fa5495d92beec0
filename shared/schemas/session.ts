import { z } from 'zod';
import { secret, text } from './text';
import { Id, Language } from './common';

export const StaffRole = z.enum(['clerk', 'supervisor']);

/** The characters a staff login may have; the form's message names them (renderer/src/i18n/zod.ts). */
export const LOGIN_PATTERN = /^[a-z0-9._-]+$/i;
export const ClerkLogin = text().trim().min(3).max(32).regex(LOGIN_PATTERN);
/** Staff choose their own passwords; the length is the rule that matters. */
export const ClerkPassword = secret().min(10).max(200);

export const ClerkSummary = z.object({
  id: Id,
  login: z.string(),
  fullName: z.string(),
  role: StaffRole,
  officeId: Id,
  mustChangePassword: z.boolean(),
});
export type ClerkSummary = z.infer<typeof ClerkSummary>;

/**
 * How a first start goes. local: no centre is set up (or the centre still trusts the shared
 * login), the first supervisor founds the office here. found: the centre enrolled this
 * workstation for an office with no staff yet, the first supervisor founds it. join: the
 * office has its staff at the centre, their directory arrives and they sign in. waiting: a
 * centre is set up but has not answered yet (centreError says why, when it has).
 */
export const SetupMode = z.enum(['local', 'found', 'join', 'waiting']);
export type SetupMode = z.infer<typeof SetupMode>;

export const AppInfo = z.object({
  version: z.string(),
  needsSetup: z.boolean(),
  setupMode: SetupMode,
  centreError: z.string().nullable(),
  /** The local store's key cannot be opened: only the recovery screen can be shown. */
  keyLost: z.enum(['unreadable', 'missing']).nullable(),
  demoRegistry: z.boolean(),
  language: Language,
  officeName: z.string(),
  idleLockMinutes: z.number().int().positive(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const SignInInput = z.object({
  login: text().trim().min(1).max(64),
  password: secret().min(1).max(200),
});

export const SetupInput = z.object({
  officeName: text().trim().min(1).max(200),
  login: ClerkLogin,
  fullName: text().trim().min(1).max(200),
  password: ClerkPassword,
});

export const SessionState = z.object({
  clerk: ClerkSummary.nullable(),
  locked: z.boolean(),
});
export type SessionState = z.infer<typeof SessionState>;

export const ClerkRecord = ClerkSummary.extend({
  disabled: z.boolean(),
  lockedOutUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type ClerkRecord = z.infer<typeof ClerkRecord>;

export const CreateClerkInput = z.object({
  login: ClerkLogin,
  fullName: text().trim().min(1).max(200),
  role: StaffRole,
  /** A first password the supervisor hands over; the clerk must change it at sign-in. */
  password: ClerkPassword,
});

export const UpdateClerkInput = z.object({
  id: Id,
  fullName: text().trim().min(1).max(200).optional(),
  role: StaffRole.optional(),
  disabled: z.boolean().optional(),
  /** Clears a sign-in lock-out. */
  unlock: z.boolean().optional(),
});

export const ResetClerkPasswordInput = z.object({ id: Id, password: ClerkPassword });

export const ChangePasswordInput = z.object({
  current: secret().min(1).max(200),
  next: ClerkPassword,
});

/** What a counter whose store key is lost can know, and whether it may start again. */
export const RecoveryStatus = z.object({
  loss: z.enum(['unreadable', 'missing']),
  /** The files that stay where they are until a start from the centre moves them aside. */
  files: z.array(z.string()),
  centre: z.object({
    /** A centre connection is known without the store (ACCESS_DESK_CENTRAL_URL, policy). */
    configured: z.boolean(),
    reachable: z.boolean(),
    error: z.string().nullable(),
    /** When this workstation last told the centre what it had waiting. */
    lastReportAt: z.string().nullable(),
    pending: z.number().int().nullable(),
    /** The centre holds everything this workstation said it had: starting again loses nothing. */
    nothingPending: z.boolean(),
  }),
});
export type RecoveryStatus = z.infer<typeof RecoveryStatus>;

export const StartOverInput = z.object({
  login: text().trim().min(1).max(64),
  password: secret().min(1).max(200),
});
export const StartedOver = z.object({ movedTo: z.string() });
