// The sentence that tells the clerk (on the account card) and the supervisor (on the sync
// tab) what happened in a credential conflict, in the reader's language. The core records the
// conflict's English text once, as the record and in the audit log; the screens build the
// sentence afresh from the conflict's facts with the keys `account.conflict.*` of the clerk
// namespace, and show the stored text only when the facts do not suffice.
import type { ConflictFacts } from '../../../../shared/schemas/account';
import { formatDate, formatTime } from '../../i18n/format';

/** i18next's `t` as this module uses it: a full key (`ns:path`) and the values to put in. */
export type Translate = (key: string, values?: Record<string, string>) => string;

const K = 'clerk:account.conflict.';

/** The calendar day of an instant where it is shown (the workstation's time zone). */
function localDay(at: Date): string {
  return `${at.getFullYear()}-${at.getMonth() + 1}-${at.getDate()}`;
}

/**
 * «Лист, напечатанный в 10:02 в офисе 12, заменён сбросом пароля в 10:03 в офисе 7: пароль с
 * этого листа больше не действует.» The dates are shown too when the two times fall on
 * different days. Returns `fallback` (the stored text, or null) when there are no facts or
 * they cannot be read.
 */
export function conflictText(
  facts: ConflictFacts | null,
  fallback: string | null,
  t: Translate,
  lang: string,
): string | null {
  if (!facts?.winnerKind) return fallback;
  const loser = new Date(facts.loserIssuedAt);
  const winner = new Date(facts.winnerIssuedAt);
  if (Number.isNaN(loser.getTime()) || Number.isNaN(winner.getTime())) return fallback;
  const otherDays = localDay(loser) !== localDay(winner);
  const values: Record<string, string> = {
    loserTime: formatTime(facts.loserIssuedAt, lang),
    loserOffice: facts.loserOfficeId,
    winnerTime: formatTime(facts.winnerIssuedAt, lang),
    winnerOffice: facts.winnerOfficeId,
    winnerKind: t(`${K}by.${facts.winnerKind}`),
  };
  if (otherDays) {
    values.loserDate = formatDate(facts.loserIssuedAt, lang);
    values.winnerDate = formatDate(facts.winnerIssuedAt, lang);
  }
  const key = `${K}${facts.side}.${otherDays ? 'otherDays' : 'sameDay'}`;
  const text = t(key, values);
  // A bundle without the key answers with the key itself: the record is better than that.
  return text && text !== key && text !== key.slice(key.indexOf(':') + 1) ? text : fallback;
}
