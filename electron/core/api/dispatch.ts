// The one wrapper every channel goes through, whatever the transport: Electron's ipcMain in
// the app, Playwright's exposeBinding in the browser test harness. In order it (1) refuses a
// sender that is not the app's own top frame, (2) parses the input with the channel's schema,
// (3) checks the signed-in clerk's role, (4) runs the handler and turns what it throws into a
// typed failure, logged once here and nowhere else.
import type { z } from 'zod';
import {
  contract,
  isChannel,
  type Channel,
  type ChannelOutput,
  type Contract,
  type ParsedInput,
} from '../../../shared/contract';
import { isAppError } from '../../../shared/errors';
import { fail, type InputIssue, type Result } from '../../../shared/result';
import { roleAllows } from '../../../shared/roles';
import type { ClerkSummary } from '../../../shared/schemas/session';
import type { Logger } from '../log/logger';
import type { Session } from '../staff/session';
import { boundsIssue } from './bounds';

/** What the transport could establish about who sent the message. */
export interface SenderInfo {
  /** True only for the app's own top-level frame showing the app's own origin. */
  trusted: boolean;
  /** For the log when it is not: the frame's URL, never its content. */
  url: string;
}

export interface PublicContext {
  clerk: ClerkSummary | null;
}
export interface StaffContext {
  clerk: ClerkSummary;
}
type ContextFor<C extends Channel> = Contract[C]['role'] extends 'public'
  ? PublicContext
  : StaffContext;

export type Handler<C extends Channel> = (
  input: ParsedInput<C>,
  ctx: ContextFor<C>,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>;

export type Handlers = { [C in Channel]: Handler<C> };

export type Dispatch = (
  sender: SenderInfo,
  channel: unknown,
  raw: unknown,
) => Promise<Result<unknown>>;

export function createDispatcher(handlers: Handlers, session: Session, log: Logger): Dispatch {
  return async (sender, channel, raw) => {
    if (!sender.trusted) {
      log.warn('refused a call from an untrusted frame', {
        url: sender.url,
        channel: String(channel),
      });
      return fail('FORBIDDEN', 'The sender is not the application window.');
    }
    if (!isChannel(channel)) {
      log.warn('refused an unknown channel', { channel: String(channel).slice(0, 80) });
      return fail('UNKNOWN_CHANNEL', 'No such channel.');
    }
    const spec = contract[channel];
    const tooMuch = boundsIssue(raw);
    if (tooMuch) {
      log.warn('refused an input out of bounds', { channel, issue: tooMuch });
      return fail('BAD_INPUT', 'The input is not plain data within the bounds of one call.', {
        issues: [tooMuch],
      });
    }
    const parsed = (spec.input as z.ZodType).safeParse(raw);
    if (!parsed.success) {
      return fail('BAD_INPUT', 'The input does not match the channel schema.', {
        issues: parsed.error.issues.map(toInputIssue),
      });
    }
    const { clerk, locked } = session.current();
    if (spec.role !== 'public') {
      if (!clerk) return fail('NOT_SIGNED_IN', 'Sign in first.');
      if (locked) return fail('SESSION_LOCKED', 'The screen is locked.');
      if (!roleAllows(clerk.role, spec.role)) {
        log.warn('refused a channel the role lacks', {
          channel,
          role: clerk.role,
          clerk: clerk.login,
        });
        return fail('NOT_ALLOWED', 'Your role does not allow this.');
      }
      session.touch();
    }
    try {
      const handler = handlers[channel] as (input: unknown, ctx: PublicContext) => unknown;
      const data = await handler(parsed.data, { clerk });
      // The output schema is a filter as well as a check: a field that is not in the
      // contract (a hash, say) never crosses to the renderer.
      const out = (spec.output as z.ZodType).safeParse(data);
      if (!out.success) {
        log.error('handler answered outside its output schema', {
          channel,
          issues: out.error.issues.map(toInputIssue),
        });
        return fail('INTERNAL', 'The application answered in an unexpected shape.');
      }
      return { ok: true, data: out.data };
    } catch (e) {
      if (isAppError(e)) {
        log.info('call failed', { channel, code: e.code, details: e.details });
        return fail(e.code, e.message, { details: e.details });
      }
      log.error('call crashed', { channel, error: e });
      return fail('INTERNAL', 'Something went wrong; it has been logged.');
    }
  };
}

function toInputIssue(i: z.core.$ZodIssue): InputIssue {
  return {
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: i.code,
    message: i.message,
  };
}
