import { maskPassport } from '../../../shared/domain/mask';

// Keys whose values are never written anywhere, whatever they hold.
const SECRET_KEY = /pass(word|phrase)?$|^password|secret|token|hash|^key$|dbKey|plaintext/i;
// Keys that hold passport series/number, or a whole passport object.
const PASSPORT_KEY = /^(passport|series|number|passportNumber|passportSeries|mrz)$/i;

const MAX_DEPTH = 6;

/** A copy of `value` fit for a log line: secrets replaced, passport numbers masked. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return '[deep]';
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k)) out[k] = '[redacted]';
      else if (PASSPORT_KEY.test(k)) out[k] = maskValue(v);
      else out[k] = redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

function maskValue(v: unknown): unknown {
  if (typeof v === 'string') return maskPassport(v);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const series = typeof o.series === 'string' ? o.series : '';
    const number = typeof o.number === 'string' ? o.number : '';
    if (series || number) return maskPassport(`${series}${number}`);
    return '[passport]';
  }
  return '[passport]';
}
