import { EntitySchema } from 'typeorm';

export interface AuditEventRow {
  seq: number;
  id: string;
  at: string;
  workstationId: string;
  officeId: string;
  clerkId: string | null;
  action: string;
  subject: string | null;
  text: string;
  data: string;
  prevHash: string;
  hash: string;
}

export const AuditEvent = new EntitySchema<AuditEventRow>({
  name: 'AuditEvent',
  tableName: 'audit_event',
  columns: {
    seq: { type: 'integer', primary: true },
    id: { type: 'text' },
    at: { type: 'text' },
    workstationId: { type: 'text', name: 'workstation_id' },
    officeId: { type: 'text', name: 'office_id' },
    clerkId: { type: 'text', name: 'clerk_id', nullable: true },
    action: { type: 'text' },
    subject: { type: 'text', nullable: true },
    text: { type: 'text' },
    data: { type: 'text' },
    prevHash: { type: 'text', name: 'prev_hash' },
    hash: { type: 'text' },
  },
});

export type OutboxStatus = 'pending' | 'done' | 'dead';

export interface OutboxRow {
  seq: number;
  opId: string;
  kind: string;
  payload: string;
  createdAt: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  doneAt: string | null;
}

export const Outbox = new EntitySchema<OutboxRow>({
  name: 'Outbox',
  tableName: 'outbox',
  columns: {
    seq: { type: 'integer', primary: true, generated: 'increment' },
    opId: { type: 'text', name: 'op_id' },
    kind: { type: 'text' },
    payload: { type: 'text' },
    createdAt: { type: 'text', name: 'created_at' },
    status: { type: 'text' },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: 'text', name: 'next_attempt_at', nullable: true },
    lastError: { type: 'text', name: 'last_error', nullable: true },
    doneAt: { type: 'text', name: 'done_at', nullable: true },
  },
});
