import type { TFunction } from 'i18next';

/**
 * What the centre said, as the sync status and the dead-letter list keep it: `CODE: its own
 * words` (central functions/50-checks.sql). The code is the centre's typed answer; its words
 * stay the record, for IT.
 */
export function splitCentreError(text: string): { code: string | null; detail: string } {
  const m = /^([A-Z][A-Z0-9_]{2,}|[0-9A-Z]{5}): (.*)$/s.exec(text);
  return m ? { code: m[1]!, detail: m[2]! } : { code: null, detail: text };
}

/** The reason in the reader's language when the code is one we know, else null. */
export function centreReason(text: string | null, t: TFunction): string | null {
  if (!text) return null;
  const { code } = splitCentreError(text);
  if (!code) return null;
  const key = `common:centre.codes.${code}`;
  const said = t(key, { defaultValue: '' });
  return said === '' ? null : said;
}
