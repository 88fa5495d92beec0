// The daily destruction job: shortly after the core opens (a counter is switched on each
// morning) and then every day while it runs, whatever is due is destroyed, as the system and
// not as anyone signed in. A failed run is logged and tried again at the next turn.
import type { CoreContext } from '../context';
import { destroyDue } from './destroy';

export interface DestructionJobTiming {
  /** After the core opens; default one minute, so start-up is not slowed. */
  firstAfterMs: number;
  /** Between runs; default one day. */
  everyMs: number;
}

export const DEFAULT_JOB_TIMING: DestructionJobTiming = {
  firstAfterMs: 60_000,
  everyMs: 86_400_000,
};

export interface DestructionJob {
  /** Resolves when a run in progress has finished; no run starts after. */
  stop(): Promise<void>;
}

export function startDestructionJob(
  ctx: CoreContext,
  timing: DestructionJobTiming = DEFAULT_JOB_TIMING,
): DestructionJob {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = destroyDue(ctx, { trigger: 'job' })
        .then(() => undefined)
        .catch((e: unknown) => ctx.log.error('destruction job failed', { error: e }))
        .finally(() => schedule(timing.everyMs));
    }, ms);
    timer.unref();
  };
  schedule(timing.firstAfterMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
