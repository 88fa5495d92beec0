// The machine-wide policy IT sets for a counter (docs/deploy.md): read once at start-up, from
// HKLM\SOFTWARE\Policies\AccessDesk and %ProgramData%\AccessDesk\policy.json on Windows,
// /etc/access-desk/policy.json on Linux. What it sets wins over the environment and over the
// supervisor's settings, and shows read-only there. docs/policy.schema.json is this schema as
// JSON Schema (a test keeps the two the same).
import { z } from 'zod';
import { Language } from './common';

const PostgresUrl = z
  .string()
  .url()
  .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// URL')
  .refine((u) => {
    try {
      return new URL(u).password === '';
    } catch {
      return true;
    }
  }, 'must not carry the password: give it as central.password');

export const Policy = z
  .object({
    central: z
      .object({
        /** postgres://login@host:port/database?sslmode=verify-full&sslrootcert=…, no secret. */
        url: PostgresUrl,
        /** The login's password, for a password login. */
        password: z.string().min(1).optional(),
        /** A certificate login's client certificate and private key (PEM files). */
        certFile: z.string().min(1).optional(),
        keyFile: z.string().min(1).optional(),
      })
      .strict()
      .refine((c) => (c.certFile === undefined) === (c.keyFile === undefined), {
        message: 'certFile and keyFile go together',
        path: ['keyFile'],
      })
      .optional(),
    /** The office code the counter belongs to (settings: office.code). */
    office: z.string().trim().min(1).max(20).optional(),
    /** District codes the counter replicates (narrows its enrolment). */
    districts: z
      .array(
        z
          .string()
          .trim()
          .regex(/^\w{1,20}$/, 'a district code'),
      )
      .min(1)
      .optional(),
    portalUrl: z.string().url().optional(),
    printer: z.string().trim().min(1).max(200).optional(),
    language: Language.optional(),
    /** Whether a per-user install may update itself from the centre's server. */
    updates: z.boolean().optional(),
  })
  .strict();
export type Policy = z.infer<typeof Policy>;

/** Setting paths (as the settings form names its fields) a policy key takes over. */
export function managedSettings(p: Policy | null): string[] {
  if (!p) return [];
  return [
    ...(p.central ? ['central'] : []),
    ...(p.office !== undefined ? ['office.code'] : []),
    ...(p.districts ? ['central.districts'] : []),
    ...(p.portalUrl !== undefined ? ['portalUrl'] : []),
    ...(p.printer !== undefined ? ['printer'] : []),
    ...(p.language !== undefined ? ['language'] : []),
  ];
}
