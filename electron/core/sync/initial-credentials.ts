// The initial load's share of credential state. The load sets the feed's cursor to its own
// snapshot, so whatever the centre decided before it about the credentials held here is
// behind the cursor for good: a credential this workstation pushed earlier in the same cycle
// that lost a conflict, a conflict it won, a status the centre set, portal-side state (first
// login, password changed, locked). Read in the load's snapshot, the current images of
// those credentials and of their conflicts bring the replica to exactly where the feed
// takes over. Central migration 0005 builds the images with the functions the feed
// triggers use, and they are applied by the feed's own code, so audit entries, the card's
// notes and "reported once" are the same either way.
import type { PoolClient } from 'pg';
import type { AuditActor } from '../audit/chain';
import type { Clock } from '../clock';
import type { Store } from '../db/store';
import {
  applyConflictImage,
  applyCredentialImage,
  type ConflictImage,
  type ConflictRecord,
  type CredentialImage,
} from './credential-feed';

export interface CredentialStateContext {
  store: Store;
  clock: Clock;
  /** Who audits a conflict. Needed only when this store holds credentials. */
  actor?: AuditActor;
  /** For the conflict texts ("printed at 10:02"). Needed with the actor. */
  timeZone?: string;
  /** Credential ids per central call. */
  pageSize?: number;
}

const DEFAULT_PAGE = 1_000;

/**
 * Applies the centre's current state of every local credential and of every conflict one of
 * them took part in, read on `client` (which must be inside the load's REPEATABLE READ
 * transaction). Returns the conflicts recorded now (not those recorded before).
 */
export async function loadCredentialState(
  client: PoolClient,
  ctx: CredentialStateContext,
): Promise<ConflictRecord[]> {
  const ids = (
    await ctx.store.run((m) => m.query<{ id: string }[]>(`SELECT id FROM credential ORDER BY id`))
  ).map((r) => r.id);
  if (ids.length === 0) return [];
  const { actor, timeZone } = ctx;
  // A store without credentials (a benchmark's) needs neither; one with them must not be
  // loaded without its conflicts, which is how this bug began.
  if (!actor || !timeZone)
    throw new Error(
      'This store holds credentials: the initial load needs the audit actor and time zone.',
    );
  const pageSize = ctx.pageSize ?? DEFAULT_PAGE;

  // Credential images page by page; conflicts (rare) are kept until every credential image
  // is in, then applied in the order the centre wrote them: the feed's order, in which a
  // loser's credential image comes before its conflict (credential-feed.ts relies on it).
  // A conflict whose two sides are both held here is read twice and applied once.
  const conflicts = new Map<number, ConflictImage>();
  for (let i = 0; i < ids.length; i += pageSize) {
    const res = await client.query<{ entity: 'credential' | 'conflict'; data: unknown }>(
      `SELECT entity, data FROM sync_credential_state($1::text[])`,
      [ids.slice(i, i + pageSize)],
    );
    const credentials: CredentialImage[] = [];
    for (const r of res.rows) {
      if (r.entity === 'credential') credentials.push(r.data as CredentialImage);
      else {
        const c = r.data as ConflictImage;
        conflicts.set(Number(c.id), c);
      }
    }
    if (credentials.length === 0) continue;
    const now = ctx.clock.now();
    await ctx.store.tx(async (m) => {
      for (const img of credentials) await applyCredentialImage(m, img, now);
    });
  }
  if (conflicts.size === 0) return [];
  const now = ctx.clock.now();
  return ctx.store.tx(async (m) => {
    const out: ConflictRecord[] = [];
    for (const c of [...conflicts.values()].sort((x, y) => Number(x.id) - Number(y.id))) {
      const rec = await applyConflictImage(m, c, actor, now, timeZone);
      if (rec) out.push(rec);
    }
    return out;
  });
}
