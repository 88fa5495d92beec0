// The renderer's typed way to the back office. `window.api` is put there by the preload
// (or, in browser tests, by the harness); everything else goes through `call`.
import type { Bridge } from '../../../shared/bridge';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { ErrorCode, ErrorDetails } from '../../../shared/errors';
import type { Failure, InputIssue } from '../../../shared/result';

declare global {
  interface Window {
    api?: Bridge;
  }
}

/** A failure the back office answered with, thrown so TanStack Query can hold it. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;
  readonly issues: InputIssue[] | undefined;

  constructor(f: Failure) {
    super(f.message);
    this.name = 'ApiError';
    this.code = f.code;
    this.details = f.details;
    this.issues = f.issues;
  }
}

export async function call<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const api = window.api;
  if (!api)
    throw new ApiError({
      ok: false,
      code: 'INTERNAL',
      message: 'The application bridge is missing.',
    });
  const result = await api.invoke(channel, input);
  if (!result.ok) throw new ApiError(result);
  return result.data as ChannelOutput<C>;
}

export function isApiError(e: unknown, code?: ErrorCode): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}
