import type { ClerkSummary } from '../../../shared/schemas/session';
import { audit } from '../context';
import { Credential, Visit } from '../db/entities';
import type { VisitDeps } from './deps';
import { latestCheck, ownVisit } from './state';

/** Ends the visit: the plaintext is forgotten, the outcome recorded. Idempotent. */
export async function closeVisit(
  deps: VisitDeps,
  clerk: Pick<ClerkSummary, 'id'>,
  visitId: string,
): Promise<void> {
  deps.secrets.forget(visitId);
  const { ctx } = deps;
  await ctx.store.tx(async (m) => {
    const visit = await ownVisit(m, visitId, clerk as ClerkSummary);
    if (visit.closedAt) return;
    const issued = await m.findOneBy(Credential, { visitId });
    const check = await latestCheck(m, visitId);
    const outcome = issued
      ? visit.kind === 'reset'
        ? 'reset'
        : 'issued'
      : check && !(check.passed && check.matched)
        ? 'refused'
        : 'abandoned';
    await m.update(Visit, { id: visitId }, { closedAt: ctx.clock.now().toISOString(), outcome });
    await audit(ctx, m, clerk, {
      action: 'visit.close',
      subject: visit.payerCode,
      text: `Visit closed: ${outcome}.`,
      data: { visitId, outcome },
    });
  });
}

/** On lock or sign-out every open visit of that clerk ends, and with it any plaintext. */
export async function closeOpenVisits(
  deps: VisitDeps,
  clerk: Pick<ClerkSummary, 'id'>,
): Promise<void> {
  const open = await deps.ctx.store.run((m) =>
    m
      .getRepository(Visit)
      .createQueryBuilder('v')
      .where('v.clerk_id = :c AND v.closed_at IS NULL', { c: clerk.id })
      .getMany(),
  );
  for (const v of open) await closeVisit(deps, clerk, v.id);
}
