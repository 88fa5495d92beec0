import { z } from 'zod';
import { Id, Language } from './common';

export const StaffRole = z.enum(['clerk', 'supervisor']);

export const ClerkLogin = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[a-z0-9._-]+$/i);
/** Staff choose their own passwords; the length is the rule that matters. */
export const ClerkPassword = z.string().min(10).max(200);

export const ClerkSummary = z.object({
  id: Id,
  login: z.string(),
  fullName: z.string(),
  role: StaffRole,
  officeId: Id,
  mustChangePassword: z.boolean(),
});
export type ClerkSummary = z.infer<typeof ClerkSummary>;

export const AppInfo = z.object({
  version: z.string(),
  needsSetup: z.boolean(),
  demoRegistry: z.boolean(),
  language: Language,
  officeName: z.string(),
  idleLockMinutes: z.number().int().positive(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const SignInInput = z.object({
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const SetupInput = z.object({
  officeName: z.string().trim().min(1).max(200),
  login: ClerkLogin,
  fullName: z.string().trim().min(1).max(200),
  password: ClerkPassword,
});

export const SessionState = z.object({
  clerk: ClerkSummary.nullable(),
  locked: z.boolean(),
});
export type SessionState = z.infer<typeof SessionState>;
