// Sends the local audit chain to the centre, in order, a page at a time. The centre keeps
// each workstation's head and refuses a page that does not continue it, so a local chain
// that lost its newest entries, or was rewritten, shows up there (chain.ts cannot see a
// truncated tail on its own). A page the centre already has is skipped there, after it
// checks that the hashes match, so a lost local cursor only costs a resend.
import type { DataSource } from 'typeorm';
import type { Clock } from '../clock';
import type { Store } from '../db/store';
import { CentreRefusal } from './identity';
import { getState, setState, STATE } from './state';

export interface AuditPushContext {
  store: Store;
  central: DataSource;
  clock: Clock;
  workstationId: string;
  pageSize: number;
}

interface AuditRaw {
  seq: number;
  id: string;
  at: string;
  workstation_id: string;
  office_id: string;
  clerk_id: string | null;
  action: string;
  subject: string | null;
  text: string;
  data: string;
  prev_hash: string;
  hash: string;
}

/** Returns how many entries were sent. Throws on any failure (the cursor stays put). */
export async function pushAudit(ctx: AuditPushContext): Promise<number> {
  let cursor = await ctx.store.run((m) => getState<number>(m, STATE.auditPushedSeq));
  if (cursor === null) {
    const rows = await ctx.central.query<{ h: { seq: number | string } }[]>(
      `SELECT sync_audit_head($1) AS h`,
      [ctx.workstationId],
    );
    cursor = Number(rows[0]?.h.seq ?? 0);
  }
  let sent = 0;
  for (;;) {
    const from: number = cursor;
    const page: AuditRaw[] = await ctx.store.run((m) =>
      m.query<AuditRaw[]>(
        `SELECT seq, id, at, workstation_id, office_id, clerk_id, action, subject, text, data, prev_hash, hash
         FROM audit_event WHERE seq > ? ORDER BY seq LIMIT ?`,
        [from, ctx.pageSize],
      ),
    );
    const last = page.at(-1);
    if (!last) return sent;
    const [res] = await ctx.central.query<{ r: { refused?: string } }[]>(
      `SELECT sync_append_audit($1, $2::jsonb) AS r`,
      [ctx.workstationId, JSON.stringify(page)],
    );
    if (res?.r.refused)
      throw new CentreRefusal(res.r.refused, 'the centre refused this audit chain for this login');
    cursor = last.seq;
    await ctx.store.tx((m) => setState(m, STATE.auditPushedSeq, last.seq, ctx.clock.now()));
    sent += page.length;
    if (page.length < ctx.pageSize) return sent;
  }
}
