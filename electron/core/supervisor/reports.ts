import type { ApprovalView, DailyReport } from '../../../shared/schemas/supervisor';
import type { ApprovalKind } from '../../../shared/schemas/visit';
import type { CoreContext } from '../context';
import { Clerk } from '../db/entities';
import { dayEndUtc, dayStartUtc } from './audit-log';

interface Tally {
  visits: number;
  issued: number;
  reset: number;
  refused: number;
  abandoned: number;
  sheetsPrinted: number;
  printsFailed: number;
  durations: number[];
}

const empty = (): Tally => ({
  visits: 0,
  issued: 0,
  reset: 0,
  refused: 0,
  abandoned: 0,
  sheetsPrinted: 0,
  printsFailed: 0,
  durations: [],
});

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function counts(t: Tally) {
  const { durations, ...rest } = t;
  return { ...rest, medianVisitSeconds: median(durations) };
}

/**
 * One local day's work per clerk and per office: visits by outcome, sheets printed, failed
 * prints (jobs the spooler refused or lost: no sheet came out, so nothing was "spoiled"), and
 * the median time from opening a visit to closing it.
 */
export async function dailyReport(ctx: CoreContext, date: string): Promise<DailyReport> {
  const from = dayStartUtc(date);
  const to = dayEndUtc(date);
  return ctx.store.run(async (m) => {
    const visits = await m.query<
      {
        clerk_id: string;
        office_id: string;
        outcome: string | null;
        started_at: string;
        closed_at: string | null;
      }[]
    >(
      'SELECT clerk_id, office_id, outcome, started_at, closed_at FROM visit WHERE started_at >= ? AND started_at < ?',
      [from, to],
    );
    const sheets = await m.query<
      { clerk_id: string; office_id: string; result: string; n: number }[]
    >(
      `SELECT s.clerk_id, v.office_id, s.result, COUNT(*) AS n FROM printed_sheet s JOIN visit v ON v.id = s.visit_id
       WHERE s.kind = 'info' AND s.printed_at >= ? AND s.printed_at < ? GROUP BY s.clerk_id, v.office_id, s.result`,
      [from, to],
    );
    const clerks = new Map((await m.find(Clerk)).map((c) => [c.id, c]));
    const byClerk = new Map<string, Tally & { officeId: string }>();
    const byOffice = new Map<string, Tally>();
    const tallies = (clerkId: string, officeId: string): Tally[] => {
      if (!byClerk.has(clerkId)) byClerk.set(clerkId, { ...empty(), officeId });
      if (!byOffice.has(officeId)) byOffice.set(officeId, empty());
      return [byClerk.get(clerkId)!, byOffice.get(officeId)!];
    };
    for (const v of visits) {
      for (const t of tallies(v.clerk_id, v.office_id)) {
        t.visits += 1;
        if (v.outcome === 'issued') t.issued += 1;
        else if (v.outcome === 'reset') t.reset += 1;
        else if (v.outcome === 'refused') t.refused += 1;
        else if (v.outcome === 'abandoned') t.abandoned += 1;
        if (v.closed_at)
          t.durations.push((Date.parse(v.closed_at) - Date.parse(v.started_at)) / 1000);
      }
    }
    for (const s of sheets) {
      for (const t of tallies(s.clerk_id, s.office_id)) {
        if (s.result === 'printed') t.sheetsPrinted += Number(s.n);
        else t.printsFailed += Number(s.n);
      }
    }
    return {
      date,
      rows: [...byClerk.entries()]
        .map(([clerkId, t]) => ({
          clerkId,
          clerkName: clerks.get(clerkId)?.fullName ?? clerkId,
          officeId: t.officeId,
          ...counts(t),
        }))
        .sort((a, b) => a.clerkName.localeCompare(b.clerkName, 'ru')),
      offices: [...byOffice.entries()].map(([officeId, t]) => ({ officeId, ...counts(t) })),
    };
  });
}

export async function listApprovals(
  ctx: CoreContext,
  q: { from?: string | undefined; to?: string | undefined; limit: number },
): Promise<ApprovalView[]> {
  return ctx.store.run(async (m) => {
    const rows = await m.query<
      {
        id: string;
        approved_at: string;
        visit_id: string;
        payer_code: string;
        kind: string;
        clerk: string;
        supervisor: string;
        reason: string;
      }[]
    >(
      `SELECT a.id, a.approved_at, a.visit_id, v.payer_code, a.kind, c.full_name AS clerk, s.full_name AS supervisor, a.reason
       FROM approval a JOIN visit v ON v.id = a.visit_id JOIN clerk c ON c.id = v.clerk_id JOIN clerk s ON s.id = a.supervisor_id
       WHERE a.approved_at >= ? AND a.approved_at < ? ORDER BY a.approved_at DESC LIMIT ?`,
      [q.from ? dayStartUtc(q.from) : '', q.to ? dayEndUtc(q.to) : '9999', q.limit],
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.approved_at,
      visitId: r.visit_id,
      payerCode: r.payer_code,
      kind: r.kind as ApprovalKind,
      clerkName: r.clerk,
      supervisorName: r.supervisor,
      reason: r.reason,
    }));
  });
}
