import { z } from 'zod';

/** Calendar date as typed and stored: `YYYY-MM-DD` (validity is checked by domain rules). */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A UTC instant, ISO 8601 with `Z`. */
export const IsoInstant = z.string().datetime();
export const Id = z.string().min(1).max(64);
export const PayerCode = z.string().regex(/^\d{10}$/);
export const Language = z.enum(['ru', 'en', 'bg']);
export type Language = z.infer<typeof Language>;
export const Empty = z.object({}).strict();
export const Ok = z.object({ done: z.literal(true) });
