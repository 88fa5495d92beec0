import { z } from 'zod';
import { AUDIT_ACTIONS } from '../audit';

export const AuditAction = z.enum(AUDIT_ACTIONS);

export const ChainVerdict = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  headHash: z.string(),
  firstBroken: z
    .object({
      seq: z.number().int(),
      id: z.string(),
      reason: z.enum(['hash-mismatch', 'link-mismatch', 'sequence-gap']),
    })
    .nullable(),
});
export type ChainVerdict = z.infer<typeof ChainVerdict>;
