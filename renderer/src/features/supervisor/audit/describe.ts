// The audit log's entries in the reader's language. The core writes each entry's `text` in
// English once, as part of the hash-chained record, and that text never changes; the screen
// describes the entry afresh from its `action` and `data` (and `subject`) with the keys
// `audit.describe.<action>` of the supervisor namespace. When the data lacks what the
// sentence needs (an older entry, an unknown value), the stored text is shown instead, so no
// entry is ever blank. Passport numbers appear only as the core masked them in `data`.
import { printFailureReason, SYSTEM_DIALOG } from '../../../../../shared/domain/printing';
import type { AuditAction } from '../../../../../shared/audit';
import { PASSPORT_SEVERITY, type PassportFindingCode } from '../../../../../shared/domain/passport';
import type { AuditEntryView } from '../../../../../shared/schemas/supervisor';
import { formatDate, formatDateTime, formatNumber, localeOf } from '../../../i18n/format';

/** i18next's `t` as this module uses it: a full key (`ns:path`) and the values to put in. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** Dates, numbers and lists the reader's way. */
export interface Formatters {
  lang: string;
  date: (v: string) => string;
  dateTime: (v: string) => string;
  number: (v: number) => string;
  list: (items: string[]) => string;
}

export function formattersFor(lang: string): Formatters {
  const list = new Intl.ListFormat(localeOf(lang), { style: 'long', type: 'conjunction' });
  return {
    lang,
    date: (v) => formatDate(v, lang),
    dateTime: (v) => formatDateTime(v, lang),
    number: (v) => formatNumber(v, lang),
    list: (items) => list.format(items),
  };
}

export type AuditEntryLike = Pick<AuditEntryView, 'action' | 'subject' | 'data' | 'text'>;

export interface AuditDescription {
  /** The sentence to show: translated, or the stored text when it could not be. */
  text: string;
  /** False when `text` is the stored English text because the data did not suffice. */
  translated: boolean;
}

const SV = 'supervisor:audit.';
const D = `${SV}describe.`;

/** Thrown inside a describer when the entry lacks what its sentence needs. */
class Missing extends Error {}

/** Reads `data` defensively: every getter throws Missing rather than guess. */
class Reader {
  constructor(
    private readonly entry: AuditEntryLike,
    readonly t: Translate,
    readonly fmt: Formatters,
  ) {}

  get data(): Record<string, unknown> {
    return this.entry.data;
  }

  str(key: string, from: Record<string, unknown> = this.entry.data): string {
    const v = from[key];
    if (typeof v !== 'string' || !v.trim()) throw new Missing(key);
    return v;
  }

  num(key: string, from: Record<string, unknown> = this.entry.data): number {
    const v = from[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Missing(key);
    return v;
  }

  bool(key: string): boolean {
    const v = this.entry.data[key];
    if (typeof v !== 'boolean') throw new Missing(key);
    return v;
  }

  strings(key: string): string[] {
    const v = this.entry.data[key];
    if (!Array.isArray(v) || !v.every((x): x is string => typeof x === 'string')) {
      throw new Missing(key);
    }
    return v;
  }

  obj(key: string): Record<string, unknown> {
    const v = this.entry.data[key];
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Missing(key);
    return v as Record<string, unknown>;
  }

  /** The payer code the entry is about. */
  subject(): string {
    if (!this.entry.subject) throw new Missing('subject');
    return this.entry.subject;
  }

  /** A translation; a key the bundles lack (i18next answers with the key) counts as missing. */
  tr(key: string, values?: Record<string, string | number>): string {
    const out = this.t(key, values);
    if (!out || out === key || out === key.slice(key.indexOf(':') + 1)) throw new Missing(key);
    return out;
  }

  /** An enum-like value through `prefix.<value>`; an unknown value counts as missing. */
  term(prefix: string, value: string): string {
    return this.tr(`${prefix}.${value}`);
  }
}

/** `45** ****03` or stars only: the shapes maskPassport() produces. Anything else is refused. */
const MASKED = /^(\d{2}\*\* \*{4}\d{2}|\*{4,})$/;

const SEARCH_PREFIX: Partial<Record<string, RegExp>> = { mrz: /^MRZ /, bill: /^bill QR / };

/** Known settings names (the patch's top-level keys, and the central password). */
const SETTING_KEY: Record<string, string> = { 'central.password': 'centralPassword' };

type Describer = (r: Reader) => string;

/** Sign-in refusals share their shapes between sign-in and a supervisor's approval. */
function refusal(r: Reader, key: string): string {
  const login = r.str('login');
  if (r.data.reason === 'locked-out') return r.tr(`${D}${key}.lockedOut`, { login });
  if (r.data.reason === 'disabled') return r.tr(`${D}${key}.disabled`, { login });
  return r.tr(`${D}${key}.wrongPassword`, { login, failures: r.fmt.number(r.num('failures')) });
}

function printed(r: Reader, sentence: string): string {
  const printer = r.str('printer');
  const values = {
    serial: r.str('serial'),
    printer: printer === SYSTEM_DIALOG ? r.tr('common:print.systemDialog') : printer,
  };
  const main = r.tr(sentence, values);
  const error = typeof r.data.error === 'string' && r.data.error.trim() ? r.data.error : null;
  if (!error) return main;
  const reason = r.tr(`common:print.reason.${printFailureReason(error)}`, values);
  return `${main} ${reason} ${r.tr('common:print.detail', { detail: error })}`;
}

function issued(r: Reader, key: string): string {
  return r.tr(`${D}${key}`, {
    version: r.fmt.number(r.num('version')),
    serial: r.str('sheetSerial'),
    expires: r.fmt.date(r.str('expiresAt')),
  });
}

function operation(r: Reader): { kind: string; op: string } {
  const kind = r.str('kind');
  let label: string;
  try {
    label = r.term(`${SV}opKinds`, kind);
  } catch {
    label = kind; // an operation kind this screen does not know yet: its code
  }
  return { kind: label, op: r.str('opId').slice(0, 8) };
}

const DESCRIBERS: Record<AuditAction, Describer> = {
  'staff.setup': (r) =>
    r.tr(`${D}staff.setup`, { login: r.str('login'), office: r.str('officeId') }),
  'staff.signIn': (r) => r.tr(`${D}staff.signIn`, { login: r.str('login') }),
  'staff.signInFailed': (r) => refusal(r, 'staff.signInFailed'),
  'staff.lockedOut': (r) =>
    r.tr(`${D}staff.lockedOut`, {
      login: r.str('login'),
      until: r.fmt.dateTime(r.str('until')),
    }),
  'staff.signOut': (r) => r.tr(`${D}staff.signOut`),
  'staff.lock': (r) => r.tr(`${D}staff.lock`),
  'staff.create': (r) =>
    r.tr(`${D}staff.create`, {
      login: r.str('login'),
      role: r.term('common:roles', r.str('role')).toLocaleLowerCase(localeOf(r.fmt.lang)),
    }),
  'staff.update': (r) => {
    const login = r.str('login');
    const changes: string[] = [];
    const part = (name: string, values?: Record<string, string>) =>
      changes.push(r.tr(`${D}staff.update.${name}`, values));
    if (typeof r.data.fullName === 'string') part('fullName', { name: r.data.fullName });
    if (typeof r.data.role === 'string') {
      part('role', {
        role: r.term('common:roles', r.data.role).toLocaleLowerCase(localeOf(r.fmt.lang)),
      });
    }
    if ('disabledAt' in r.data) part(r.data.disabledAt ? 'disabled' : 'enabled');
    if (r.data.unlocked === true) part('unlocked');
    return changes.length
      ? r.tr(`${D}staff.update.changed`, { login, changes: r.fmt.list(changes) })
      : r.tr(`${D}staff.update.unchanged`, { login });
  },
  'staff.passwordReset': (r) => r.tr(`${D}staff.passwordReset`, { login: r.str('login') }),
  'staff.passwordChange': (r) => r.tr(`${D}staff.passwordChange`),
  'registry.search': (r) => {
    const kind = r.str('kind');
    const prefix = SEARCH_PREFIX[kind];
    const query = prefix ? r.str('query').replace(prefix, '') : r.str('query');
    return r.tr(`${D}registry.search.${r.data.truncated === true ? 'truncated' : 'found'}`, {
      query,
      kind: r.term('clerk:search.kind', kind),
      found: r.fmt.number(r.num('found')),
    });
  },
  'registry.view': (r) => r.tr(`${D}registry.view`, { payerCode: r.subject() }),
  'visit.start': (r) =>
    r.tr(`${D}visit.start`, {
      kind: r.term('clerk:visitKind', r.str('kind')),
      payerCode: r.subject(),
    }),
  'visit.close': (r) =>
    r.tr(`${D}visit.close`, { outcome: r.term('clerk:outcome', r.str('outcome')) }),
  'passport.check': (r) => {
    const passport = r.str('passport');
    if (!MASKED.test(passport)) throw new Missing('passport'); // never show it otherwise
    const codes = r.strings('findings');
    const known = (c: string): c is PassportFindingCode => c in PASSPORT_SEVERITY;
    if (!codes.every(known)) throw new Missing('findings');
    const passed = !codes.some((c) => PASSPORT_SEVERITY[c] === 'error');
    const matched = r.bool('matched');
    const verdict = `${passed ? 'passed' : 'failed'}${matched ? 'Matched' : 'Unmatched'}`;
    const parts = [r.tr(`${D}passport.check.${verdict}`, { passport })];
    if (codes.length) {
      const findings = r.fmt.list(codes.map((c) => r.term(`${SV}findings`, c)));
      parts.push(r.tr(`${D}passport.check.findings`, { findings }));
    }
    if (typeof r.data.listDate === 'string' && r.data.listDate) {
      parts.push(r.tr(`${D}passport.check.listDate`, { date: r.fmt.date(r.data.listDate) }));
    }
    if (r.data.source === 'mrz') parts.push(r.tr(`${D}passport.check.mrz`));
    return parts.join(' ');
  },
  'approval.granted': (r) => {
    const approver = r.str('approver');
    const reason = r.str('reason');
    const kinds = r.strings('kinds').map((k) => r.term('clerk:visit.approvalKinds', k));
    return kinds.length
      ? r.tr(`${D}approval.granted.kinds`, { approver, reason, kinds: r.fmt.list(kinds) })
      : r.tr(`${D}approval.granted.nothing`, { approver, reason });
  },
  'approval.refused': (r) =>
    r.data.reason === 'not-supervisor'
      ? r.tr(`${D}approval.refused.notSupervisor`, { approver: r.str('approver') })
      : refusal(r, 'approval.refused'),
  'consent.print': (r) =>
    printed(r, `${D}consent.print.${r.str('result') === 'printed' ? 'printed' : 'failed'}`),
  'consent.record': (r) =>
    r.tr(`${D}consent.record.${r.bool('representative') ? 'representative' : 'resident'}`, {
      version: r.str('textVersion'),
    }),
  'consent.withdraw': (r) =>
    r.tr(`${D}consent.withdraw`, {
      reason: r.str('reason'),
      revoked: r.fmt.number(r.strings('revoked').length),
    }),
  'personalData.destroy': (r) => {
    const what = [
      r.bool('consentDestroyed') && r.tr(`${D}personalData.destroy.consent`),
      r.strings('checks').length > 0 &&
        r.tr(`${D}personalData.destroy.checks`, { count: r.strings('checks').length }),
    ].filter((x): x is string => typeof x === 'string');
    return r.tr(`${D}personalData.destroy.${r.str('trigger') === 'job' ? 'job' : 'supervisor'}`, {
      reason: r.term('supervisor:personalData.reasons', r.str('reason')),
      what: r.fmt.list(what),
      serial: r.str('serial'),
    });
  },
  'personalData.actPrint': (r) =>
    printed(r, `${D}personalData.actPrint.${r.str('part') === 'extract' ? 'extract' : 'act'}`),
  'subjectReport.print': (r) => printed(r, `${D}subjectReport.print`),
  'credential.issue': (r) => issued(r, 'credential.issue'),
  'credential.reset': (r) => issued(r, 'credential.reset'),
  'credential.revoke': (r) => {
    const version = r.fmt.number(r.num('version'));
    return typeof r.data.voidSheet === 'string' && r.data.voidSheet
      ? r.tr(`${D}credential.revoke.sheet`, { version, sheet: r.data.voidSheet })
      : r.tr(`${D}credential.revoke.noSheet`, { version });
  },
  'sheet.print': (r) => printed(r, `${D}sheet.print`),
  'sheet.printFailed': (r) => printed(r, `${D}sheet.printFailed`),
  'settings.change': (r) => {
    const changed = r.strings('changed');
    if (!changed.length) return r.tr(`${D}settings.change.unchanged`);
    const names = changed.map((k) => r.term(`${SV}settingNames`, SETTING_KEY[k] ?? k));
    return r.tr(`${D}settings.change.changed`, { settings: r.fmt.list(names) });
  },
  'passportList.replace': (r) =>
    r.tr(`${D}passportList.replace`, {
      date: r.fmt.date(r.str('listDate')),
      entries: r.fmt.number(r.num('entries')),
    }),
  'sync.rejected': (r) => r.tr(`${D}sync.rejected`, { ...operation(r), error: r.str('error') }),
  'sync.conflict': (r) => {
    const side = r.str('side');
    if (side !== 'lost' && side !== 'won') throw new Missing('side');
    const loser = r.obj('loser');
    const winner = r.obj('winner');
    return r.tr(`${D}sync.conflict.${side}`, {
      loserAt: r.fmt.dateTime(r.str('issuedAt', loser)),
      loserOffice: r.str('officeId', loser),
      winnerAt: r.fmt.dateTime(r.str('issuedAt', winner)),
      winnerOffice: r.str('officeId', winner),
      winnerKind: r.term(`${SV}conflictBy`, r.str('kind', winner)),
    });
  },
  'sync.deadRetry': (r) => r.tr(`${D}sync.deadRetry`, operation(r)),
  'sync.held': (r) => r.tr(`${D}sync.held`, { ...operation(r), error: r.str('error') }),
  'sync.heldDecided': (r) => {
    const decision = r.str('decision');
    if (decision !== 'release' && decision !== 'refuse') throw new Missing('decision');
    return r.tr(`${D}sync.heldDecided.${decision}`, { count: r.fmt.number(r.num('count')) });
  },
};

/** The entry as a sentence in the reader's language, or its stored text when that cannot be. */
export function describeAuditEntry(
  entry: AuditEntryLike,
  t: Translate,
  fmt: Formatters,
): AuditDescription {
  const describe = DESCRIBERS[entry.action] as Describer | undefined;
  if (!describe) return { text: entry.text, translated: false };
  try {
    const text = describe(new Reader(entry, t, fmt));
    return text.trim() ? { text, translated: true } : { text: entry.text, translated: false };
  } catch {
    // Missing data, or anything unexpected in an old entry: the record itself, never a blank.
    return { text: entry.text, translated: false };
  }
}
