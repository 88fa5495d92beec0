// The audit log is a hash chain: h_n = SHA-256(h_{n-1} ‖ canonical(entry_n)), h_0 = 64 zeros.
// Editing, deleting or reordering any entry breaks every hash after it, and the verifier
// names the first entry where the chain stops holding. (Deleting the newest entries leaves
// a shorter valid chain; the centre keeps each workstation's head, which catches that.)
//
// canonical() is RFC 8785 (JCS, the `canonicalize` library) over exactly the values that are
// stored, so the verifier hashes what it reads back. Every string is made well-formed before
// it is hashed or stored: SQLite stores UTF-8, in which a lone surrogate cannot exist (it
// becomes U+FFFD), so hashing the string as typed and verifying the string as stored used to
// disagree, and one sign-in attempt with such a login broke the chain for good. For
// well-formed values JCS is byte for byte what this file hashed before (keys sorted by UTF-16
// code unit, JSON.stringify's strings and numbers), so every chain written so far verifies as
// it did. An entry written before this fix with a lone surrogate in its text or subject is
// recognised as such (see legacySurrogate below) instead of being reported as tampered.
import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
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

/** Every string in `value` (keys too) made well-formed: what SQLite will give back. */
export function storable(value: unknown): unknown {
  if (typeof value === 'string') return value.toWellFormed();
  if (Array.isArray(value)) return value.map(storable);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k.toWellFormed(),
        storable(v),
      ]),
    );
  }
  return value;
}

/** RFC 8785 canonical JSON of well-formed data (NaN, Infinity and lone surrogates throw). */
export function canonicalJson(value: unknown): string {
  return canonicalize(value) ?? 'null';
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
    workstationId: actor.workstationId.toWellFormed(),
    officeId: actor.officeId.toWellFormed(),
    clerkId: actor.clerkId?.toWellFormed() ?? null,
    action: entry.action,
    subject: entry.subject?.toWellFormed() ?? null,
    text: entry.text.toWellFormed(),
    data: canonicalJson(storable(entry.data ?? {})),
  };
  const prevHash = prev?.hash ?? GENESIS_HASH;
  const row: AuditEventRow = { ...body, prevHash, hash: chainHash(prevHash, body) };
  await m.insert(AuditEvent, row);
  return row;
}

/**
 * An entry written before the fix above, whose text or subject held one lone surrogate: it
 * was hashed with that surrogate (JSON-escaped, as JSON.stringify writes it) and stored with
 * U+FFFD in its place. It holds if one of the 2,048 lone surrogates in that place gives its
 * hash; an edit would have to find a SHA-256 preimage among those to pass. Entries with more
 * than one U+FFFD are not searched (none can have been written by a single typed login).
 */
function legacySurrogate(prevHash: string, row: AuditEventRow): boolean {
  const fields = (['text', 'subject'] as const).filter((f) => row[f]?.includes('\uFFFD'));
  if (fields.length !== 1) return false;
  const field = fields[0]!;
  const value = row[field]!;
  const at = value.indexOf('\uFFFD');
  if (value.indexOf('\uFFFD', at + 1) !== -1) return false;
  for (let code = 0xd800; code <= 0xdfff; code++) {
    const original = {
      ...row,
      [field]: value.slice(0, at) + String.fromCharCode(code) + value.slice(at + 1),
    };
    if (legacyHash(prevHash, original) === row.hash) return true;
  }
  return false;
}

/** The hash as written before the fix: the same JSON, strings as JSON.stringify escapes them. */
function legacyHash(prevHash: string, e: Hashed): string {
  const json = (v: unknown): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${json(x)}`).join(',')}}`;
  };
  const body = json({
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
  return createHash('sha256').update(prevHash).update(body).digest('hex');
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
      if (chainHash(prevHash, row) !== row.hash && !legacySurrogate(prevHash, row))
        return broken('hash-mismatch');
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
}
