// What the information sheet may promise about when access starts working, from the state of
// sync when the sheet is printed (issue 13): «already works» once the centre has accepted the
// credential, «within N minutes» while the workstation is connected (N measured from how long
// this workstation's credentials issued since it has been connected took to reach the centre:
// one that waited out a break in the link says nothing about the link now), and «after the data reach
// the centre», with no time, while it is not connected. A promise of 15 minutes on a sheet
// printed offline was the defect.
import type { EntityManager } from 'typeorm';
import type { SyncStatus } from '../../../shared/schemas/supervisor';

export type Activation =
  { kind: 'now' } | { kind: 'within'; minutes: number } | { kind: 'afterTransfer' };

/** Credentials measured for the delay: the newest ones sent in the last week while connected. */
const MEASURED = 50;
const WEEK_MS = 7 * 86_400_000;

interface OpRow {
  status: string;
  payload: string;
  created_at: string;
  done_at: string | null;
  held_at: string | null;
}

export async function sheetActivation(
  m: EntityManager,
  sync: SyncStatus | null,
  credentialId: string,
  now: Date,
  defaultMinutes: number,
): Promise<Activation> {
  const recent = await m.query<OpRow[]>(
    `SELECT status, payload, created_at, done_at, held_at FROM outbox
      WHERE kind = 'credential.issue' ORDER BY seq DESC LIMIT ?`,
    [MEASURED],
  );
  const own = recent.find(
    (r) => (JSON.parse(r.payload) as { credentialId?: unknown }).credentialId === credentialId,
  );
  if (own?.status === 'done') return { kind: 'now' };
  if (!sync || sync.state === 'offline' || sync.state === 'disabled')
    return { kind: 'afterTransfer' };
  if (own && (own.status === 'dead' || own.held_at !== null)) return { kind: 'afterTransfer' };
  const since = Math.max(now.getTime() - WEEK_MS, Date.parse(sync.onlineSince ?? '') || 0);
  const delays = recent
    .filter((r) => r.status === 'done' && r.done_at !== null && Date.parse(r.created_at) >= since)
    .map((r) => Date.parse(r.done_at!) - Date.parse(r.created_at))
    .filter((ms) => Number.isFinite(ms) && ms >= 0)
    .sort((a, b) => a - b);
  if (delays.length === 0) return { kind: 'within', minutes: defaultMinutes };
  // The 90th percentile, in whole minutes, at least one.
  const p90 = delays[Math.min(delays.length - 1, Math.ceil(delays.length * 0.9) - 1)]!;
  return { kind: 'within', minutes: Math.max(1, Math.ceil(p90 / 60_000)) };
}
