// What the preload puts on `window.api`, and nothing more. The preload forwards every call
// over a single IPC channel; the main process's dispatcher decides what the name means.
import type { Result } from './result';

export const IPC_INVOKE = 'access-desk:invoke';

export interface Bridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
}
