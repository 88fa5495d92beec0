import { z } from 'zod';
import { parseIsoDate } from '../domain/dates';
import { text } from './text';

/**
 * A calendar date as stored and as a filter takes it: `YYYY-MM-DD`, and a day that exists (a
 * passport's dates, typed by the clerk, are free text that the passport rules judge instead).
 */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => parseIsoDate(s) !== null, { params: { date: 'no-such-day' } });
/** A UTC instant, ISO 8601 with `Z`. */
export const IsoInstant = z.string().datetime();
export const Id = text().min(1).max(64);
export const PayerCode = z.string().regex(/^\d{10}$/);
export const Language = z.enum(['ru', 'en', 'bg']);
export type Language = z.infer<typeof Language>;
export const Empty = z.object({}).strict();
export const Ok = z.object({ done: z.literal(true) });
