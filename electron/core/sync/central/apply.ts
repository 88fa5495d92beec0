// Sends a batch of operations to the centre. Fast path: the whole batch in one statement
// (sync_apply_batch), so one round trip and one transaction. If the centre rejects any
// operation in it for good, that transaction rolls back and the batch is resent in one
// transaction with a savepoint per operation: the rejected ones are rolled back to their
// savepoint and recorded in rejected_op, the rest commit together. A transient failure in
// either path rolls everything back and is thrown: nothing was applied, or, if the commit
// itself was lost in flight, everything was, and the op ids make the resend a no-op.
//
// The centre's own refusals (an enrolled workstation sent what it may not: central
// functions/50-checks.sql) and holds (over a ceiling) are answers, not errors: they commit
// with the rest of the batch, the centre has recorded them already, and they come back here
// as 'refused' and 'held'.
import type { DataSource, QueryRunner } from 'typeorm';
import { classify } from '../errors';

export interface WireOp {
  opId: string;
  kind: string;
  payload: unknown;
}

export type OpOutcome =
  | { opId: string; status: 'applied' | 'duplicate'; result: unknown }
  | { opId: string; status: 'rejected' | 'refused' | 'held'; code: string; error: string };

type CentreAnswer =
  | { status: 'applied' | 'duplicate'; result: unknown }
  | { status: 'refused' | 'held'; code: string; error: string };

function outcome(opId: string, r: CentreAnswer | undefined): OpOutcome {
  if (!r) return { opId, status: 'applied', result: null };
  if ('code' in r) return { opId, status: r.status, code: r.code, error: r.error };
  return { opId, status: r.status, result: r.result ?? null };
}

export async function applyOps(ds: DataSource, ops: WireOp[]): Promise<OpOutcome[]> {
  if (ops.length === 0) return [];
  try {
    const rows = await ds.query<{ r: (CentreAnswer & { opId: string })[] }[]>(
      `SELECT sync_apply_batch($1::jsonb) AS r`,
      [JSON.stringify(ops)],
    );
    return (rows[0]?.r ?? []).map((r) => outcome(r.opId, r));
  } catch (e) {
    if (classify(e).kind === 'transient') throw e;
    return applyOneByOne(ds, ops);
  }
}

async function applyOneByOne(ds: DataSource, ops: WireOp[]): Promise<OpOutcome[]> {
  const qr = ds.createQueryRunner();
  const out: OpOutcome[] = [];
  try {
    await qr.connect();
    await qr.startTransaction();
    for (const op of ops) out.push(await applyOne(qr, op));
    await qr.commitTransaction();
    return out;
  } catch (e) {
    if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
    throw e;
  } finally {
    await qr.release().catch(() => undefined);
  }
}

async function applyOne(qr: QueryRunner, op: WireOp): Promise<OpOutcome> {
  const payload = JSON.stringify(op.payload);
  await qr.query('SAVEPOINT op');
  try {
    const rows = (await qr.query(`SELECT sync_apply_op($1, $2, $3::jsonb) AS r`, [
      op.opId,
      op.kind,
      payload,
    ])) as { r: CentreAnswer }[];
    await qr.query('RELEASE SAVEPOINT op');
    return outcome(op.opId, rows[0]?.r);
  } catch (e) {
    const f = classify(e);
    if (f.kind === 'transient') throw e;
    await qr.query('ROLLBACK TO SAVEPOINT op');
    await qr.query(`SELECT sync_reject_op($1, $2, $3::jsonb, $4, $5)`, [
      op.opId,
      op.kind,
      payload,
      f.code,
      f.message,
    ]);
    return { opId: op.opId, status: 'rejected', code: f.code, error: f.message };
  }
}

/**
 * One outcome per distinct op id, best first: a batch that carries an operation more than
 * once (a replay) counts it applied if any copy applied.
 */
export function outcomeByOp(outcomes: OpOutcome[]): Map<string, OpOutcome> {
  const rank = { applied: 5, duplicate: 4, held: 3, refused: 2, rejected: 1 } as const;
  const best = new Map<string, OpOutcome>();
  for (const o of outcomes) {
    const seen = best.get(o.opId);
    if (!seen || rank[o.status] > rank[seen.status]) best.set(o.opId, o);
  }
  return best;
}
