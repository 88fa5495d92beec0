import type { z } from 'zod';
import type { AuditAction } from '../../../shared/audit';
import type { AuditEntryView, AuditQuery } from '../../../shared/schemas/supervisor';
import type { CoreContext } from '../context';
import { AuditEvent, Clerk } from '../db/entities';

/** Moscow day boundaries as UTC instants: the office reads its log by local days. */
export function dayStartUtc(date: string): string {
  return new Date(`${date}T00:00:00+03:00`).toISOString();
}
export function dayEndUtc(date: string): string {
  return new Date(new Date(`${date}T00:00:00+03:00`).getTime() + 86_400_000).toISOString();
}

/** The log, newest first, a page at a time (keyset on seq, so paging stays cheap). */
export async function listAudit(
  ctx: CoreContext,
  q: z.output<typeof AuditQuery>,
): Promise<{ entries: AuditEntryView[]; nextBefore: number | null }> {
  return ctx.store.run(async (m) => {
    const qb = m.getRepository(AuditEvent).createQueryBuilder('e');
    if (q.before) qb.andWhere('e.seq < :before', { before: q.before });
    if (q.from) qb.andWhere('e.at >= :from', { from: dayStartUtc(q.from) });
    if (q.to) qb.andWhere('e.at < :to', { to: dayEndUtc(q.to) });
    if (q.action) qb.andWhere('e.action = :action', { action: q.action });
    if (q.clerkId) qb.andWhere('e.clerk_id = :clerkId', { clerkId: q.clerkId });
    if (q.subject) qb.andWhere('e.subject = :subject', { subject: q.subject });
    const rows = await qb
      .orderBy('e.seq', 'DESC')
      .take(q.limit + 1)
      .getMany();
    const names = new Map((await m.find(Clerk)).map((c) => [c.id, c.fullName]));
    const page = rows.slice(0, q.limit);
    return {
      entries: page.map((r) => ({
        seq: r.seq,
        at: r.at,
        action: r.action as AuditAction,
        clerkId: r.clerkId,
        clerkName: r.clerkId ? (names.get(r.clerkId) ?? null) : null,
        officeId: r.officeId,
        workstationId: r.workstationId,
        subject: r.subject,
        text: r.text,
        data: JSON.parse(r.data) as Record<string, unknown>,
      })),
      nextBefore: rows.length > q.limit ? (page.at(-1)?.seq ?? null) : null,
    };
  });
}
