// The personal-data records the office prints (docs/personal-data.md): the act of destruction
// and its extract from the event log (Roskomnadzor Order No. 179), and the answer to a
// subject's request (152-FZ art. 14). Same fonts, margins and block layout as the consent
// form; each document is a heading, labelled facts and numbered sections, flowing onto as
// many A4 pages as it needs, with "No. …, page n of m" in every footer.
import recordsRu from '../../../resources/texts/records/ru.json' with { type: 'json' };
import recordsEn from '../../../resources/texts/records/en.json' with { type: 'json' };
import recordsBg from '../../../resources/texts/records/bg.json' with { type: 'json' };
import { fill, formatCalendarDate, formatDateTime, formatLongDate } from './format';
import {
  drawText,
  heading,
  inlineFields,
  MUTED,
  para,
  placeBlocks,
  spacer,
  type Block,
  type Field,
  type PageBox,
  type TextStyle,
} from './layout';
import { openPdf } from './pdf';
import type { DocLanguage } from './types';

type RecordTexts = typeof recordsRu;
const TEXTS: Record<DocLanguage, RecordTexts> = {
  ru: recordsRu,
  en: recordsEn satisfies RecordTexts,
  bg: recordsBg satisfies RecordTexts,
};

const MARGIN = { top: 40, bottom: 44, side: 50 };
// Text flows onto further pages rather than shrink: these documents have no length limit.
const RANGE = { max: 1, min: 1 };
const S = {
  title: { face: 'bold', size: 13.5, align: 'center', lineGap: 0 },
  law: { face: 'regular', size: 9, color: MUTED, align: 'center' },
  meta: { face: 'regular', size: 9.5, align: 'center' },
  section: { face: 'bold', size: 10 },
  value: { face: 'regular', size: 10 },
  body: { face: 'regular', size: 10, align: 'justify' },
  small: { face: 'regular', size: 8.5, color: MUTED },
  footer: { face: 'regular', size: 7.5, color: MUTED, align: 'center' },
} satisfies Record<string, TextStyle>;

export interface Party {
  name: string;
  address: string;
}

export type RecordLine =
  | { kind: 'consent'; signedAt: string; textVersion: string; withdrawnAt: string | null }
  | { kind: 'check'; checkedAt: string; passport: string };

export interface ActDocument {
  language: DocLanguage;
  serial: string;
  createdAt: string;
  operator: Party;
  subject: { fullName: string; payerCode: string };
  categories: ('passport' | 'representative')[];
  records: RecordLine[];
  system: { name: string; office: string; workstation: string };
  reason: 'withdrawn' | 'retention' | 'no-consent';
  retentionDays: number;
  trigger: 'job' | 'supervisor';
  persons: { name: string; position: string | null; role: 'supervisor' | 'responsible' }[];
}

export interface ExtractEntry {
  seq: number;
  at: string;
  action: string;
  who: string | null;
  details: {
    passport?: string;
    version?: string;
    serial?: string;
    reason?: string;
    /** The facts of the act, as the destruction's own entry in the chain holds them. */
    destroyed?: {
      reason: ActDocument['reason'];
      categories: ActDocument['categories'];
      persons: ActDocument['persons'];
    };
  };
  hash: string;
}

export interface ExtractDocument {
  language: DocLanguage;
  serial: string;
  createdAt: string;
  operator: Party;
  subject: { fullName: string; payerCode: string };
  systemName: string;
  entries: ExtractEntry[];
}

export interface SubjectReportDocument {
  language: DocLanguage;
  serial: string;
  createdAt: string;
  operator: Party;
  office: Party;
  clerkName: string;
  systemName: string;
  subject: { fullName: string; birthDate: string; payerCode: string; address: string };
  consents: {
    textVersion: string;
    signedAt: string;
    officeId: string;
    withdrawnAt: string | null;
    destroyedAt: string | null;
  }[];
  credentials: {
    version: number;
    issuedAt: string;
    expiresAt: string;
    officeId: string;
    revokedAt: string | null;
    revokeReason: string | null;
  }[];
  visits: {
    kind: 'issue' | 'reset';
    startedAt: string;
    closedAt: string | null;
    officeId: string;
  }[];
  checks: { checkedAt: string; passport: string | null; passed: boolean }[];
  acts: { serial: string; createdAt: string; reason: ActDocument['reason'] }[];
}

const section = (title: string) => heading(title, S.section, 9, 3);
const body = (s: string) => para(s, S.body, { indent: 10, after: 2 });
const facts = (rows: Field[]) => inlineFields(rows, S.value, { rowGap: 2, indent: 10 });
const lines = (items: string[], none: string) =>
  items.length
    ? items.map((s) => para(`— ${s}`, S.value, { indent: 10, after: 1.5 }))
    : [body(none)];

function recordLine(t: RecordTexts, lang: DocLanguage, r: RecordLine): string {
  if (r.kind === 'check')
    return fill(t.records.check, {
      passport: r.passport,
      checkedAt: formatDateTime(lang, r.checkedAt),
    });
  return fill(t.records.consent, {
    version: r.textVersion,
    signedAt: formatDateTime(lang, r.signedAt),
    withdrawn: r.withdrawnAt
      ? fill(t.records.withdrawn, { at: formatDateTime(lang, r.withdrawnAt) })
      : '',
  });
}

/** A signature line for each person: name and position, a line to sign on. */
function signatures(t: RecordTexts, persons: ActDocument['persons']): Block[] {
  if (!persons.length) return [body(t.act.personsNone)];
  return persons.flatMap((p) => [
    facts([{ label: p.position ?? t.act.roles[p.role], value: p.name }]),
    para(`______________________ ${t.act.signature}`, S.small, { indent: 10, after: 6 }),
  ]);
}

/** The heading every record starts with: title, legal basis, number and date. */
interface Heading {
  title: string;
  docTitle: string;
  law: string;
}

/**
 * A record as one PDF: its heading, then `body`, flowing onto as many pages as it takes, with
 * "title No. serial, page n of m" in every footer.
 */
async function render(
  language: DocLanguage,
  h: Heading,
  record: { serial: string; createdAt: string },
  body: Block[],
): Promise<Buffer> {
  const t = TEXTS[language];
  const { serial, createdAt } = record;
  const footerTitle = h.title;
  const docTitle = fill(h.docTitle, { serial });
  const blocks: Block[] = [
    para(h.title, S.title, { after: 3 }),
    para(fill(h.law, { serial }), S.law, { after: 3 }),
    para(fill(t.labels.number, { serial, date: formatLongDate(language, createdAt) }), S.meta, {
      after: 8,
    }),
    ...body,
  ];
  const { doc, finish } = openPdf(
    'A4',
    { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.side, right: MARGIN.side },
    { title: docTitle, language, createdAt: new Date(createdAt) },
  );
  const page: PageBox = {
    x: MARGIN.side,
    width: doc.page.width - 2 * MARGIN.side,
    top: MARGIN.top,
    bottom: doc.page.height - MARGIN.bottom,
  };
  const { pages } = placeBlocks(doc, page, blocks, RANGE);
  pages.forEach((p, i) => {
    doc.switchToPage(p);
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const line = fill(t.footer, { title: footerTitle, serial, page: i + 1, pages: pages.length });
    drawText(doc, line, S.footer, 1, page.x, doc.page.height - MARGIN.bottom + 10, page.width);
    doc.page.margins.bottom = saved;
  });
  return finish();
}

export function renderDestructionAct(d: ActDocument): Promise<Buffer> {
  const t = TEXTS[d.language];
  const lang = d.language;
  const l = t.labels;
  const a = t.act;
  const blocks: Block[] = [
    section(a.sections.operator),
    facts([
      { label: l.operator, value: d.operator.name },
      { label: l.operatorAddress, value: d.operator.address },
    ]),
    section(a.sections.subject),
    facts([
      { label: l.fullName, value: d.subject.fullName },
      { label: l.payerCode, value: d.subject.payerCode },
    ]),
    section(a.sections.categories),
    ...lines(
      d.categories.map((c) => t.categories[c]),
      t.report.none,
    ),
    section(a.sections.records),
    ...lines(
      d.records.map((r) => recordLine(t, lang, r)),
      t.report.none,
    ),
    section(a.sections.system),
    body(fill(a.system, { ...d.system })),
    section(a.sections.reason),
    body(fill(t.reasons[d.reason], { days: d.retentionDays })),
    section(a.sections.date),
    body(formatDateTime(lang, d.createdAt)),
    section(a.sections.method),
    body(a.method),
    body(a.trigger[d.trigger]),
    section(a.sections.persons),
    ...signatures(t, d.persons),
    spacer(6),
    para(fill(a.extractNote, { serial: d.serial }), S.small),
  ];
  return render(lang, a, d, blocks);
}

/** Reason, categories, method and persons of a destruction, for its entry in the extract. */
function destroyedFacts(t: RecordTexts, d: NonNullable<ExtractEntry['details']['destroyed']>) {
  const det = t.extract.details;
  return [
    fill(det.reason, { reason: t.reasonsShort[d.reason] }),
    fill(det.categories, { categories: d.categories.map((c) => t.categories[c]).join('; ') }),
    det.method,
    fill(det.persons, {
      persons: d.persons.length
        ? d.persons.map((p) => `${p.name} (${p.position ?? t.act.roles[p.role]})`).join(', ')
        : t.extract.nobody,
    }),
  ];
}

export function renderLogExtract(d: ExtractDocument): Promise<Buffer> {
  const t = TEXTS[d.language];
  const lang = d.language;
  const x = t.extract;
  const actions = x.actions as Record<string, string>;
  const entry = (e: ExtractEntry): Block[] => {
    const det = x.details;
    const parts = [
      e.details.passport && fill(det.passport, { passport: e.details.passport }),
      e.details.version && fill(det.version, { version: e.details.version }),
      e.details.serial && fill(det.act, { serial: e.details.serial }),
      e.details.reason && fill(det.reason, { reason: e.details.reason }),
      ...(e.details.destroyed ? destroyedFacts(t, e.details.destroyed) : []),
    ].filter(Boolean);
    const what = actions[e.action] ?? fill(actions.other ?? '{action}', { action: e.action });
    return [
      para(
        fill(x.entry, { seq: e.seq, at: formatDateTime(lang, e.at), who: e.who ?? x.nobody }),
        S.small,
        { indent: 10, before: 3 },
      ),
      para([what, ...parts].join('; '), S.value, { indent: 10 }),
      para(fill(x.hash, { hash: e.hash }), S.small, { indent: 10, after: 2 }),
    ];
  };
  const blocks: Block[] = [
    facts([
      { label: t.labels.operator, value: `${d.operator.name}, ${d.operator.address}` },
      { label: t.labels.fullName, value: d.subject.fullName },
      { label: t.labels.payerCode, value: d.subject.payerCode },
    ]),
    spacer(4),
    body(fill(x.intro, { system: d.systemName })),
    ...(d.entries.length ? d.entries.flatMap(entry) : [body(x.none)]),
  ];
  return render(lang, x, d, blocks);
}

export function renderSubjectReport(d: SubjectReportDocument): Promise<Buffer> {
  const t = TEXTS[d.language];
  const lang = d.language;
  const r = t.report;
  const dt = (iso: string) => formatDateTime(lang, iso);
  const reasons = r.revokeReasons as Record<string, string>;
  const blocks: Block[] = [
    facts([
      { label: t.labels.operator, value: `${d.operator.name}, ${d.operator.address}` },
      { label: t.labels.office, value: `${d.office.name}, ${d.office.address}` },
    ]),
    spacer(3),
    body(fill(r.intro, { system: d.systemName })),
    section(r.sections.subject),
    facts([
      { label: t.labels.fullName, value: d.subject.fullName },
      { label: t.labels.birthDate, value: formatCalendarDate(lang, d.subject.birthDate) },
      { label: t.labels.payerCode, value: d.subject.payerCode },
      { label: t.labels.address, value: d.subject.address },
    ]),
    section(r.sections.consents),
    ...lines(
      d.consents.map((c) =>
        fill(r.consent, {
          version: c.textVersion,
          signedAt: dt(c.signedAt),
          office: c.officeId,
          withdrawn: c.withdrawnAt ? fill(r.consentWithdrawn, { at: dt(c.withdrawnAt) }) : '',
          destroyed: c.destroyedAt ? fill(r.consentDestroyed, { at: dt(c.destroyedAt) }) : '',
        }),
      ),
      r.none,
    ),
    section(r.sections.credentials),
    ...lines(
      d.credentials.map((c) =>
        fill(r.credential, {
          version: c.version,
          issuedAt: dt(c.issuedAt),
          office: c.officeId,
          expiresAt: dt(c.expiresAt),
          revoked: c.revokedAt
            ? fill(r.credentialRevoked, {
                at: dt(c.revokedAt),
                reason:
                  reasons[c.revokeReason ?? ''] ??
                  fill(reasons.other ?? '{reason}', { reason: c.revokeReason ?? '' }),
              })
            : '',
        }),
      ),
      r.none,
    ),
    section(r.sections.visits),
    ...lines(
      d.visits.map((v) =>
        fill(r.visit, {
          kind: r.visitKinds[v.kind],
          startedAt: dt(v.startedAt),
          office: v.officeId,
          closed: v.closedAt ? fill(r.visitClosed, { at: dt(v.closedAt) }) : '',
        }),
      ),
      r.none,
    ),
    section(r.sections.checks),
    ...lines(
      d.checks.map((c) =>
        fill(c.passport === null ? r.checkDestroyed : r.check, {
          checkedAt: dt(c.checkedAt),
          ...(c.passport !== null && { passport: c.passport }),
          result: c.passed ? r.checkPassed : r.checkFailed,
        }),
      ),
      r.none,
    ),
    section(r.sections.acts),
    ...lines(
      d.acts.map((a) =>
        fill(r.act, {
          serial: a.serial,
          date: formatLongDate(lang, a.createdAt),
          reason: t.reasonsShort[a.reason],
        }),
      ),
      r.none,
    ),
    spacer(14),
    para(fill(r.signature, { clerk: d.clerkName }), S.value),
  ];
  return render(lang, r, d, blocks);
}
