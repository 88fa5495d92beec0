// Workstation → centre: the outbox, oldest first, a batch at a time. The local store is
// never held while the centre is asked: read a batch (one short read), send it (no local
// lock), then record what the centre said in one local transaction. A crash between the
// centre's commit and that local transaction leaves the batch 'pending'; it is sent again
// and the centre answers 'duplicate' for every op it already has (exactly-once effect).
//
// What the centre refuses for good (rejected by a rule, or refused because this workstation
// may not send it) goes to the dead-letter list with the centre's code. What it holds over a
// ceiling stays pending, marked held, and is asked about again every `heldRecheckMs` until a
// supervisor's decision comes back as 'duplicate' (released and applied) or 'refused'.
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit, type AuditActor } from '../audit/chain';
import type { Clock } from '../clock';
import type { Store } from '../db/store';
import type { Logger } from '../log/logger';
import { opSchemas, type OpKind } from '../outbox/ops';
import { applyOps, outcomeByOp, type OpOutcome, type WireOp } from './central/apply';
import { classify } from './errors';

export interface PushContext {
  store: Store;
  central: DataSource;
  clock: Clock;
  log: Logger;
  /** Who the sync.rejected audit entries are by: this workstation, no clerk. */
  actor: AuditActor;
  batchSize: number;
  /** How often a held operation is asked about again. */
  heldRecheckMs?: number;
}

const HELD_RECHECK_MS = 60_000;

export interface PushReport {
  sent: number;
  applied: number;
  duplicates: number;
  rejected: number;
  held: number;
  /** More pending operations were left for the next batch. */
  more: boolean;
}

interface OutboxRaw {
  seq: number;
  op_id: string;
  kind: string;
  payload: string;
}

/** Sends one batch. Throws (after noting the attempt locally) on a transient failure. */
export async function pushBatch(ctx: PushContext): Promise<PushReport> {
  const now = ctx.clock.now().toISOString();
  const rows = await ctx.store.run((m) =>
    m.query<OutboxRaw[]>(
      `SELECT seq, op_id, kind, payload FROM outbox
       WHERE status = 'pending' AND (held_at IS NULL OR next_attempt_at IS NULL OR next_attempt_at <= ?)
       ORDER BY seq LIMIT ?`,
      [now, ctx.batchSize + 1],
    ),
  );
  const more = rows.length > ctx.batchSize;
  const batch = rows.slice(0, ctx.batchSize);
  if (batch.length === 0)
    return { sent: 0, applied: 0, duplicates: 0, rejected: 0, held: 0, more: false };

  // An operation this build cannot read will not become readable by retrying.
  const wire: WireOp[] = [];
  const outcomes: OpOutcome[] = [];
  for (const row of batch) {
    const parsed = parseOp(row);
    if ('error' in parsed)
      outcomes.push({
        opId: row.op_id,
        status: 'rejected',
        code: 'LOCAL_INVALID',
        error: parsed.error,
      });
    else wire.push(parsed);
  }

  try {
    outcomes.push(...(await applyOps(ctx.central, wire)));
  } catch (e) {
    const f = classify(e);
    await noteAttempt(ctx, batch, f.message);
    throw e;
  }

  const best = outcomeByOp(outcomes);
  const report: PushReport = {
    sent: batch.length,
    applied: 0,
    duplicates: 0,
    rejected: 0,
    held: 0,
    more,
  };
  const at = ctx.clock.now();
  const recheck = new Date(at.getTime() + (ctx.heldRecheckMs ?? HELD_RECHECK_MS)).toISOString();
  await ctx.store.tx(async (m) => {
    for (const row of batch) {
      const o = best.get(row.op_id);
      if (!o) continue; // cannot happen: the centre answers every op it was sent
      if (o.status === 'rejected' || o.status === 'refused') {
        report.rejected += 1;
        await m.query(
          `UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = ?, next_attempt_at = NULL
           WHERE op_id = ? AND status = 'pending'`,
          [`${o.code}: ${o.error}`, row.op_id],
        );
        await auditUnapplied(m, ctx, row, o, at);
      } else if (o.status === 'held') {
        report.held += 1;
        const [first] = await m.query<{ held_at: string | null }[]>(
          `SELECT held_at FROM outbox WHERE op_id = ?`,
          [row.op_id],
        );
        await m.query(
          `UPDATE outbox SET held_at = coalesce(held_at, ?), attempts = attempts + 1, last_error = ?,
             next_attempt_at = ?
           WHERE op_id = ? AND status = 'pending'`,
          [at.toISOString(), `${o.code}: ${o.error}`, recheck, row.op_id],
        );
        if (first?.held_at === null) await auditUnapplied(m, ctx, row, o, at);
      } else {
        if (o.status === 'applied') report.applied += 1;
        else report.duplicates += 1;
        await m.query(
          `UPDATE outbox SET status = 'done', attempts = attempts + 1, done_at = ?, last_error = NULL,
             next_attempt_at = NULL, held_at = NULL
           WHERE op_id = ? AND status = 'pending'`,
          [at.toISOString(), row.op_id],
        );
      }
    }
  });
  if (report.rejected > 0)
    ctx.log.warn('operations rejected by the centre', { rejected: report.rejected });
  if (report.held > 0) ctx.log.warn('operations held by the centre', { held: report.held });
  return report;
}

function parseOp(row: OutboxRaw): WireOp | { error: string } {
  const schema = (opSchemas as Record<string, (typeof opSchemas)[OpKind] | undefined>)[row.kind];
  if (!schema) return { error: `unknown operation kind ${row.kind}` };
  let json: unknown;
  try {
    json = JSON.parse(row.payload);
  } catch {
    return { error: 'payload is not JSON' };
  }
  const checked = schema.safeParse(json);
  if (!checked.success)
    return {
      error: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    };
  return { opId: row.op_id, kind: row.kind, payload: checked.data };
}

async function noteAttempt(ctx: PushContext, batch: OutboxRaw[], error: string): Promise<void> {
  try {
    await ctx.store.tx(async (m) => {
      for (const row of batch) {
        await m.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE op_id = ? AND status = 'pending'`,
          [error.slice(0, 500), row.op_id],
        );
      }
    });
  } catch (e) {
    // Bookkeeping only: the operations stay pending either way.
    ctx.log.warn('could not note a failed attempt', { error: String(e) });
  }
}

type Unapplied = OpOutcome & { status: 'rejected' | 'refused' | 'held' };

/** The payer code an operation is about (what the audit log names), and its references. */
async function aboutOp(
  m: EntityManager,
  row: OutboxRaw,
): Promise<{ subject: string | null; refs: Record<string, string | number | null> }> {
  const payload = safeJson(row.payload);
  const accountId = typeof payload.accountId === 'number' ? payload.accountId : null;
  let subject = typeof payload.login === 'string' ? payload.login : null;
  if (!subject && accountId !== null) {
    const acc = await m.query<{ payer_code: string }[]>(
      `SELECT payer_code FROM account WHERE id = ?`,
      [accountId],
    );
    subject = acc[0]?.payer_code ?? null;
  }
  return {
    subject,
    refs: {
      accountId,
      credentialId: typeof payload.credentialId === 'string' ? payload.credentialId : null,
      consentId: typeof payload.consentId === 'string' ? payload.consentId : null,
    },
  };
}

/** The audit entry for an operation the centre did not apply: rejected for good, or held. */
async function auditUnapplied(
  m: EntityManager,
  ctx: PushContext,
  row: OutboxRaw,
  o: Unapplied,
  at: Date,
): Promise<void> {
  const { subject, refs } = await aboutOp(m, row);
  const held = o.status === 'held';
  await appendAudit(
    m,
    ctx.actor,
    {
      action: held ? 'sync.held' : 'sync.rejected',
      subject,
      text: held
        ? `The centre holds operation ${row.kind} (${row.op_id}) for a supervisor: ${o.error}`
        : `The centre rejected operation ${row.kind} (${row.op_id}): ${o.error}`,
      data: { opId: row.op_id, kind: row.kind, code: o.code, error: o.error, ...refs },
    },
    at,
  );
}

function safeJson(s: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
