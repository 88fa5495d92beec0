import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../../electron/core';
import type { ClerkSummary } from '../../../shared/schemas/session';
import { changeOwnPassword, createClerk } from '../../../electron/core/staff/admin';
import { setupFirstSupervisor } from '../../../electron/core/staff/service';

export const SUPERVISOR = {
  login: 'petrova',
  fullName: 'Петрова Анна Сергеевна',
  password: 'Demo-Supervisor-2026',
};
export const CLERK = {
  login: 'ivanov',
  fullName: 'Иванов Олег Петрович',
  password: 'Demo-Clerk-2026!',
};

/** A set-up office with one supervisor and one clerk (who has already changed his password). */
export async function seedStaff(
  core: Core,
): Promise<{ supervisor: ClerkSummary; clerk: ClerkSummary }> {
  const supervisor = await setupFirstSupervisor(core.ctx, {
    officeName: 'Расчётный центр «Лефортово»',
    ...SUPERVISOR,
  });
  // The clerk has chosen their own password already, as a clerk would at first sign-in (so
  // the office's directory at a centre says so too).
  const given = 'Given-by-supervisor-1';
  const created = await createClerk(core.ctx, supervisor, {
    ...CLERK,
    role: 'clerk',
    password: given,
  });
  const clerk = await changeOwnPassword(core.ctx, created, given, CLERK.password);
  return { supervisor, clerk };
}

/**
 * Screenshots go to test-results/screenshots; with ACCESS_DESK_SCREENSHOTS=docs they replace
 * the ones committed under docs/screenshots (demo data only).
 */
export async function shot(
  page: Page,
  name: string,
  opts: { fullPage?: boolean } = {},
): Promise<string> {
  const dir =
    process.env.ACCESS_DESK_SCREENSHOTS === 'docs'
      ? join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots')
      : join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  // Whole pages by default; a long list (the audit log) is shown as the screen shows it.
  await page.screenshot({ path, fullPage: opts.fullPage ?? true });
  return path;
}

/** Calls the back office from the page exactly as the renderer does. */
export function invoke(
  page: Page,
  channel: string,
  input: unknown,
): Promise<{ ok: boolean; code?: string; data?: unknown }> {
  return page.evaluate(
    ([c, i]) =>
      (
        globalThis as unknown as {
          api: { invoke(c: string, i: unknown): Promise<{ ok: boolean }> };
        }
      ).api.invoke(c, i),
    [channel, input] as const,
  );
}
