import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Outbox } from '../db/entities';
import { opSchemas, type OpKind, type OpPayload } from './ops';

/**
 * Adds an operation for the centre. Call it with the manager of the transaction that makes
 * the change, so that the change and its operation commit together or not at all.
 */
export async function enqueue<K extends OpKind>(
  m: EntityManager,
  kind: K,
  payload: OpPayload<K>,
  at: Date,
): Promise<string> {
  if (!m.queryRunner?.isTransactionActive) {
    throw new Error('enqueue() must run inside the transaction that makes the change.');
  }
  const checked = opSchemas[kind].parse(payload);
  const opId = randomUUID();
  await m.insert(Outbox, {
    opId,
    kind,
    payload: JSON.stringify(checked),
    createdAt: at.toISOString(),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    doneAt: null,
  });
  return opId;
}
