// The dead-letter list: operations the centre rejected for good. Supervisors see them (no
// hashes: only what identifies the operation and why it failed) and may send one again,
// e.g. after the centre's registry gained the account it names; that decision is audited.
import type { EntityManager } from 'typeorm';
import { AppError } from '../../../shared/errors';
import { appendAudit, type AuditActor } from '../audit/chain';
import type { Store } from '../db/store';

export interface DeadOp {
  opId: string;
  kind: string;
  createdAt: string;
  attempts: number;
  lastError: string | null;
  accountId: number | null;
  credentialId: string | null;
  consentId: string | null;
}

interface DeadRaw {
  op_id: string;
  kind: string;
  payload: string;
  created_at: string;
  attempts: number;
  last_error: string | null;
}

export async function listDeadOps(store: Store): Promise<DeadOp[]> {
  const rows = await store.run((m) =>
    m.query<DeadRaw[]>(
      `SELECT op_id, kind, payload, created_at, attempts, last_error FROM outbox WHERE status = 'dead' ORDER BY seq`,
    ),
  );
  return rows.map((r) => {
    const p = JSON.parse(r.payload) as Record<string, unknown>;
    return {
      opId: r.op_id,
      kind: r.kind,
      createdAt: r.created_at,
      attempts: r.attempts,
      lastError: r.last_error,
      accountId: typeof p.accountId === 'number' ? p.accountId : null,
      credentialId: typeof p.credentialId === 'string' ? p.credentialId : null,
      consentId: typeof p.consentId === 'string' ? p.consentId : null,
    };
  });
}

export async function retryDeadOp(
  store: Store,
  actor: AuditActor,
  opId: string,
  at: Date,
): Promise<void> {
  await store.tx(async (m: EntityManager) => {
    const rows = await m.query<{ kind: string }[]>(
      `SELECT kind FROM outbox WHERE op_id = ? AND status = 'dead'`,
      [opId],
    );
    const row = rows[0];
    if (!row) throw new AppError('OPERATION_NOT_FOUND', `No dead operation ${opId}.`);
    await m.query(`UPDATE outbox SET status = 'pending', next_attempt_at = NULL WHERE op_id = ?`, [
      opId,
    ]);
    await appendAudit(
      m,
      actor,
      {
        action: 'sync.deadRetry',
        subject: null,
        text: `Operation ${row.kind} (${opId}) sent to the centre again.`,
        data: { opId, kind: row.kind },
      },
      at,
    );
  });
}
