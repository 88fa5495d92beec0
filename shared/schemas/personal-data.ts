// The personal-data lifecycle's channels (docs/personal-data.md): what is due, the acts that
// prove a destruction, and the printed documents.
import { z } from 'zod';
import { Id } from './common';
import { PrintRecord } from './visit';

export const DESTROY_REASONS = ['withdrawn', 'retention', 'no-consent'] as const;
export const DestroyReason = z.enum(DESTROY_REASONS);
export const DataCategory = z.enum(['passport', 'representative']);

/** One subject's records that are due (or destroyed by one act). */
export const DueItem = z.object({
  reason: DestroyReason,
  payerCode: z.string(),
  subjectName: z.string(),
  consentId: z.string().nullable(),
  /** The consent's own copy of the passport goes too (not only checks it covered). */
  consent: z.boolean(),
  checks: z.number().int(),
  categories: z.array(DataCategory),
});
export type DueItem = z.infer<typeof DueItem>;

export const DueList = z.object({
  items: z.array(DueItem),
  retentionDays: z.number().int(),
  withdrawalDays: z.number().int(),
});
export type DueList = z.infer<typeof DueList>;

export const ActView = z.object({
  id: Id,
  serial: z.string(),
  createdAt: z.string(),
  reason: DestroyReason,
  trigger: z.enum(['job', 'supervisor']),
  payerCode: z.string(),
  subjectName: z.string(),
  categories: z.array(DataCategory),
  records: z.number().int(),
  destroyedBy: z.string().nullable(),
});
export type ActView = z.infer<typeof ActView>;

export const ActsQuery = z.object({ limit: z.number().int().min(1).max(500).default(100) });
export const ActPrintInput = z.object({ actId: Id, part: z.enum(['act', 'extract']) });

/** A printed document that is not a visit's sheet: an act, an extract, a subject report. */
export const DocumentPrint = PrintRecord.omit({ kind: true });
export type DocumentPrint = z.infer<typeof DocumentPrint>;
