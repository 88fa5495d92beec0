// The written consent of 152-FZ art. 9 §4, pre-filled, in two copies: one the resident takes
// home, one the office files. Each copy starts on a new page, is labelled at the top and in
// the footer of every page, and is designed to fit one A4 page; unusually long data shrinks
// the type first, and only beyond the minimum size does a copy run onto a second page.
import { fill, formatCalendarDate, formatCalendarDateLong, formatSeries } from './format';
import {
  drawText,
  heading,
  inlineFields,
  MUTED,
  para,
  placeBlocks,
  rule,
  spacer,
  textHeight,
  type Block,
  type Box,
  type Doc,
  type Field,
  type PageBox,
  type TextStyle,
} from './layout';
import { openPdf } from './pdf';
import { consentText, CURRENT_CONSENT_VERSION, type ConsentText } from './texts';
import type { ConsentFormData, DocLanguage, PersonDocument } from './types';

// The footer sits in the bottom margin, about 8 mm from the edge: inside any printer's reach.
const MARGIN = { top: 30, bottom: 38, side: 44 };
// 9.5 pt body at full size, 7.5 pt at the smallest: still readable on a signed legal form.
const RANGE = { max: 1, min: 0.79 };

const S = {
  copy: { face: 'bold', size: 9.5, align: 'right' },
  title: { face: 'bold', size: 13.5, align: 'center', lineGap: 0 },
  law: { face: 'regular', size: 9, color: MUTED, align: 'center' },
  meta: { face: 'regular', size: 9 },
  section: { face: 'bold', size: 9.5 },
  label: { face: 'regular', size: 8.5, color: MUTED },
  value: { face: 'regular', size: 9.5 },
  body: { face: 'regular', size: 9.5, align: 'justify' },
  small: { face: 'regular', size: 8.5, color: MUTED },
  footer: { face: 'regular', size: 7.5, color: MUTED, align: 'center' },
} satisfies Record<string, TextStyle>;

function documentLine(t: ConsentText, lang: DocLanguage, doc: PersonDocument): string {
  return fill(t.passport, {
    series: formatSeries(doc.series),
    number: doc.number,
    issueDate: formatCalendarDate(lang, doc.issueDate),
    issuedBy: doc.issuedBy,
    departmentCode: doc.departmentCode,
  });
}

const block = (rows: Field[]) => inlineFields(rows, S.value, { rowGap: 1.5, indent: 10 });
const section = (title: string) => heading(title, S.section, 4.5, 1.5);
const text = (s: string) => para(s, S.body, { indent: 10 });

/** A label box at the top right: which copy this is, impossible to miss. */
function copyLabel(label: string): Block {
  return {
    measure: (doc, box, s) => textHeight(doc, label, S.copy, s, box.width * 0.6 - 12 * s) + 12 * s,
    draw: (doc, box, s, y) => {
      const w = box.width * 0.6;
      const h = textHeight(doc, label, S.copy, s, w - 12 * s);
      doc
        .save()
        .lineWidth(0.8)
        .strokeColor('#333333')
        .rect(box.x + box.width - w, y, w, h + 8 * s)
        .stroke()
        .restore();
      drawText(doc, label, S.copy, s, box.x + box.width - w + 6 * s, y + 4 * s, w - 12 * s);
    },
  };
}

/**
 * Signature, name and date on one row: a blank line to sign on, then the signer's name and the
 * date printed on their lines, captions underneath. A long name wraps upwards from its line.
 */
function signatureRow(t: ConsentText, signer: string, date: string): Block {
  const geometry = (doc: Doc, box: Box, s: number) => {
    const x0 = box.x + 10;
    const w = box.width - 10;
    const col = [w * 0.4, w * 0.4, w * 0.2] as const;
    const gap = 10;
    const nameH = textHeight(doc, signer, S.value, s, col[1] - gap);
    const lineY = Math.max(24 * s, nameH + 6 * s);
    const captions = [t.signature.signer, t.signature.name, t.signature.date];
    const captionH = Math.max(
      ...captions.map((c, i) => textHeight(doc, c, S.small, s, (col[i] ?? 0) - gap)),
    );
    return { x0, col, gap, nameH, lineY, captions, height: lineY + 3 * s + captionH };
  };
  return {
    measure: (doc, box, s) => geometry(doc, box, s).height,
    draw: (doc, box, s, y) => {
      const g = geometry(doc, box, s);
      const ly = y + g.lineY;
      let x = g.x0;
      g.col.forEach((w, i) => {
        doc
          .save()
          .lineWidth(0.6)
          .strokeColor('#222222')
          .moveTo(x, ly)
          .lineTo(x + w - g.gap, ly)
          .stroke()
          .restore();
        if (i === 1) drawText(doc, signer, S.value, s, x, ly - g.nameH - 2 * s, w - g.gap);
        if (i === 2)
          drawText(
            doc,
            date,
            S.value,
            s,
            x,
            ly - textHeight(doc, date, S.value, s, w - g.gap) - 2 * s,
            w - g.gap,
          );
        drawText(doc, g.captions[i] ?? '', S.small, s, x, ly + 3 * s, w - g.gap);
        x += w;
      });
    },
  };
}

function clerkRow(t: ConsentText, clerkName: string): Block {
  const line = `${t.clerk.text} ${t.clerk.label}: ${clerkName}`;
  return {
    measure: (doc, box, s) =>
      Math.max(textHeight(doc, line, S.value, s, box.width * 0.62), 18 * s) + 12 * s,
    draw: (doc, box, s, y) => {
      drawText(doc, line, S.value, s, box.x, y + 4 * s, box.width * 0.62);
      const x = box.x + box.width * 0.66;
      const ly = y + 18 * s;
      doc
        .save()
        .lineWidth(0.6)
        .strokeColor('#222222')
        .moveTo(x, ly)
        .lineTo(box.x + box.width, ly)
        .stroke()
        .restore();
      drawText(doc, t.clerk.signature, S.small, s, x, ly + 2 * s, box.width * 0.34);
    },
  };
}

export function consentBlocks(d: ConsentFormData, t: ConsentText, copy: string): Block[] {
  const lang = d.language;
  const l = t.labels;
  const rep = d.representative;
  const subject = block([
    { label: l.fullName, value: d.subject.fullName },
    { label: l.birthDate, value: formatCalendarDate(lang, d.subject.birthDate) },
    { label: l.address, value: d.subject.address },
    { label: l.document, value: documentLine(t, lang, d.subject.document) },
  ]);
  const representative = rep
    ? block([
        { label: l.fullName, value: rep.fullName },
        { label: l.address, value: rep.address },
        { label: l.document, value: documentLine(t, lang, rep.document) },
        {
          label: l.powerOfAttorney,
          value: fill(t.powerOfAttorney, {
            number: rep.powerOfAttorney.number,
            date: formatCalendarDate(lang, rep.powerOfAttorney.date),
            issuedBy: rep.powerOfAttorney.issuedBy,
          }),
        },
      ])
    : text(t.sections.representativeNone);
  const processors = d.processors.length
    ? d.processors.map((p) => text(`— ${fill(t.processorLine, p)}`))
    : [text(t.sections.processorsNone)];
  const date = formatCalendarDateLong(lang, d.date);
  return [
    copyLabel(copy),
    para(t.title, S.title, { before: 2, after: 2 }),
    para(t.lawReference, S.law, { after: 2 }),
    para(
      `${fill(t.number, { serial: d.serial })} · ${date}`,
      { ...S.law, color: undefined },
      { after: 6 },
    ),
    block([{ label: t.placeLabel, value: `${d.office.name}, ${d.office.address}` }]),
    spacer(2),
    para(rep ? t.statementRepresentative : t.statementSelf, S.body, { after: 1 }),
    section(t.sections.subject),
    subject,
    section(t.sections.representative),
    representative,
    section(t.sections.operator),
    block([
      { label: l.name, value: d.operator.name },
      { label: l.address, value: d.operator.address },
    ]),
    section(t.sections.purpose),
    text(fill(t.purposeText, { payerCode: d.payerCode })),
    section(t.sections.data),
    text(t.dataText),
    section(t.sections.processors),
    ...processors,
    section(t.sections.actions),
    text(t.actionsText),
    section(t.sections.term),
    text(fill(t.termText, { payerCode: d.payerCode })),
    para(t.rights, S.body, { before: 4 }),
    section(t.sections.signature),
    signatureRow(t, rep ? rep.fullName : d.subject.fullName, date),
    rule(5, 3),
    clerkRow(t, d.clerkName),
  ];
}

export async function renderConsentForm(
  d: ConsentFormData,
): Promise<{ pdf: Buffer; textVersion: string }> {
  const t = consentText(d.language, CURRENT_CONSENT_VERSION);
  const { doc, finish } = openPdf(
    'A4',
    { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.side, right: MARGIN.side },
    {
      title: fill(t.docTitle, { serial: d.serial }),
      language: d.language,
      createdAt: new Date(`${d.date}T12:00:00Z`),
    },
  );
  const page: PageBox = {
    x: MARGIN.side,
    width: doc.page.width - 2 * MARGIN.side,
    top: MARGIN.top,
    bottom: doc.page.height - MARGIN.bottom,
  };
  const copies = [t.copies.subject, t.copies.operator];
  const pagesOf: { copy: string; pages: number[] }[] = [];
  copies.forEach((copy, i) => {
    if (i > 0) doc.addPage();
    pagesOf.push({ copy, pages: placeBlocks(doc, page, consentBlocks(d, t, copy), RANGE).pages });
  });
  // Footers last, when each copy's page count is known ("page 1 of 2" per copy).
  for (const { copy, pages } of pagesOf) {
    pages.forEach((p, i) => {
      doc.switchToPage(p);
      const saved = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const line = fill(t.footer, {
        serial: d.serial,
        version: t.version,
        copy,
        page: i + 1,
        pages: pages.length,
      });
      drawText(doc, line, S.footer, 1, page.x, doc.page.height - MARGIN.bottom + 6, page.width);
      doc.page.margins.bottom = saved;
    });
  }
  return { pdf: await finish(), textVersion: t.version };
}
