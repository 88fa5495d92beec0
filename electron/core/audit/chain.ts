// The audit log is a hash chain: h_n = SHA-256(h_{n-1} ‖ canonical(entry_n)), h_0 = 64 zeros.
// Editing, deleting or reordering any entry breaks every hash after it, and the verifier
// names the first entry where the chain stops holding. (Deleting the newest entries leaves
// a shorter valid chain; the centre keeps each workstation's head, which catches that.)
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditAction } from '../../../shared/audit';
import { AuditEvent, type AuditEventRow } from '../db/entities';
import type { Store } from '../db/store';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActor {
  workstationId: string;
  officeId: string;
  clerkId: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  /** What the entry is about, usually a payer code; indexed for the account history. */
  subject?: string | null;
  /** Human-readable, already masked: no passport numbers in full, never a password. */
  text: string;
  data?: Record<string, unknown>;
}

type Hashed = Omit<AuditEventRow, 'prevHash' | 'hash'>;

/** A stable serialisation: keys sorted at every level, no whitespace. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function canonicalEntry(e: Hashed): string {
  return canonicalJson({
    seq: e.seq,
    id: e.id,
    at: e.at,
    workstationId: e.workstationId,
    officeId: e.officeId,
    clerkId: e.clerkId,
    action: e.action,
    subject: e.subject,
    text: e.text,
    data: e.data,
  });
}

export function chainHash(prevHash: string, e: Hashed): string {
  return createHash('sha256').update(prevHash).update(canonicalEntry(e)).digest('hex');
}

/**
 * Appends one entry. Must run inside the transaction that does what it records, so the
 * record and the deed commit together.
 */
export async function appendAudit(
  m: EntityManager,
  actor: AuditActor,
  entry: AuditEntry,
  at: Date,
): Promise<AuditEventRow> {
  if (!m.queryRunner?.isTransactionActive) {
    throw new Error('appendAudit() must run inside the transaction it records.');
  }
  const last = await m.getRepository(AuditEvent).find({ order: { seq: 'DESC' }, take: 1 });
  const prev = last[0];
  const body: Hashed = {
    seq: (prev?.seq ?? 0) + 1,
    id: randomUUID(),
    at: at.toISOString(),
    workstationId: actor.workstationId,
    officeId: actor.officeId,
    clerkId: actor.clerkId,
    action: entry.action,
    subject: entry.subject ?? null,
    text: entry.text,
    data: canonicalJson(entry.data ?? {}),
  };
  const prevHash = prev?.hash ?? GENESIS_HASH;
  const row: AuditEventRow = { ...body, prevHash, hash: chainHash(prevHash, body) };
  await m.insert(AuditEvent, row);
  return row;
}

export type ChainBreak = 'hash-mismatch' | 'link-mismatch' | 'sequence-gap';

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  headHash: string;
  firstBroken: null | { seq: number; id: string; reason: ChainBreak };
}

/** Walks the whole chain in order, a page at a time, and stops at the first break. */
export async function verifyAuditChain(store: Store, pageSize = 5000): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const page = await store.run((m) =>
      m
        .getRepository(AuditEvent)
        .createQueryBuilder('e')
        .where('e.seq >= :from', { from: expectedSeq })
        .orderBy('e.seq', 'ASC')
        .take(pageSize)
        .getMany(),
    );
    if (page.length === 0) return { ok: true, checked, headHash: prevHash, firstBroken: null };
    for (const row of page) {
      const broken = (reason: ChainBreak): ChainVerdict => ({
        ok: false,
        checked,
        headHash: prevHash,
        firstBroken: { seq: row.seq, id: row.id, reason },
      });
      if (row.seq !== expectedSeq) return broken('sequence-gap');
      if (row.prevHash !== prevHash) return broken('link-mismatch');
      if (chainHash(prevHash, row) !== row.hash) return broken('hash-mismatch');
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
}
