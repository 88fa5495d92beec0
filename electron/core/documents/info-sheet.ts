// The information sheet: the one piece of paper a resident leaves with. One page whatever the
// data (long office names and districts shrink the type, down to a readable minimum), the
// credentials first and largest, then what to do with them. No passport data: the sheet may
// be lost, and on its own it should only ever give away a temporary password.
import { dayOrdinal, fill, formatDateTime, plural } from './format';
import { cellGeometry, drawCells, passwordNote } from './password';
import {
  applyStyle,
  drawText,
  fitOneLine,
  heading,
  inlineFields,
  MUTED,
  para,
  placeBlocks,
  rule,
  textHeight,
  type Block,
  type Box,
  type Doc,
  type PageBox,
  type TextStyle,
} from './layout';
import { openPdf } from './pdf';
import { displayPortalAddress, drawQr, portalLoginLink, qrMatrix, type QrMatrix } from './qr';
import { sheetTexts, type SheetTexts } from './texts';
import type { InfoSheetData } from './types';

const PAPER = {
  // margins in points (15 mm and 10 mm): inside every office printer's printable area
  A4: { margin: 42, range: { max: 1, min: 0.74 } },
  A5: { margin: 28, range: { max: 0.74, min: 0.64 } },
} as const;

const S = {
  serial: { face: 'regular', size: 9, color: MUTED, align: 'right' },
  title: { face: 'bold', size: 21, lineGap: 0 },
  subtitle: { face: 'regular', size: 10, color: MUTED },
  label: { face: 'regular', size: 9, color: MUTED },
  portal: { face: 'bold', size: 16 },
  login: { face: 'bold', size: 24, characterSpacing: 1.5 },
  note: { face: 'regular', size: 8.5, color: MUTED },
  caption: { face: 'regular', size: 8, color: MUTED, align: 'center' },
  status: { face: 'bold', size: 10 },
  heading: { face: 'bold', size: 11 },
  body: { face: 'regular', size: 10 },
  footer: { face: 'regular', size: 8.5 },
} satisfies Record<string, TextStyle>;

function sized(st: TextStyle, size: number): TextStyle {
  return { ...st, size };
}

interface Credentials {
  portal: string;
  login: string;
  password: string;
  alphabet: string;
  note: string;
  qr: QrMatrix;
}

/** The boxed credentials: portal, login and password on the left, the QR code on the right. */
function credentialsBlock(t: SheetTexts, c: Credentials): Block {
  const geometry = (doc: Doc, box: Box, s: number) => {
    const pad = 12 * s;
    const qrSide = 112 * s;
    const gap = 18 * s;
    const leftW = box.width - 2 * pad - qrSide - gap;
    const portalSize = fitOneLine(doc, c.portal, S.portal, s, leftW, 10);
    const loginSize = fitOneLine(doc, c.login, S.login, s, leftW, 12);
    const cells = cellGeometry(c.password, c.alphabet, leftW, 26 * s, 13);
    const parts = [
      textHeight(doc, t.portalLabel, S.label, s, leftW) + 2 * s,
      textHeight(doc, c.portal, sized(S.portal, portalSize), s, leftW) + 7 * s,
      textHeight(doc, t.loginLabel, S.label, s, leftW) + 2 * s,
      textHeight(doc, c.login, sized(S.login, loginSize), s, leftW) + 7 * s,
      textHeight(doc, t.passwordLabel, S.label, s, leftW) + 4 * s,
      cells.height + 7 * s,
      textHeight(doc, c.note, S.note, s, leftW),
    ];
    const leftH = parts.reduce((a, b) => a + b, 0);
    const captionH = textHeight(doc, t.qrCaption, S.caption, s, qrSide + 16 * s);
    const rightH = qrSide + 8 * s + captionH;
    return {
      pad,
      qrSide,
      gap,
      leftW,
      portalSize,
      loginSize,
      cells,
      parts,
      height: 2 * pad + Math.max(leftH, rightH),
    };
  };
  return {
    measure: (doc, box, s) => geometry(doc, box, s).height + 8 * s,
    draw: (doc, box, s, y0) => {
      const g = geometry(doc, box, s);
      doc
        .save()
        .lineWidth(1)
        .strokeColor('#333333')
        .roundedRect(box.x, y0, box.width, g.height, 6 * s)
        .stroke()
        .restore();
      const x = box.x + g.pad;
      let y = y0 + g.pad;
      const step = (i: number) => (y += g.parts[i] ?? 0);
      drawText(doc, t.portalLabel, S.label, s, x, y, g.leftW);
      step(0);
      drawText(doc, c.portal, sized(S.portal, g.portalSize), s, x, y, g.leftW);
      step(1);
      drawText(doc, t.loginLabel, S.label, s, x, y, g.leftW);
      step(2);
      drawText(doc, c.login, sized(S.login, g.loginSize), s, x, y, g.leftW);
      step(3);
      drawText(doc, t.passwordLabel, S.label, s, x, y, g.leftW);
      step(4);
      drawCells(doc, g.cells, x, y);
      step(5);
      drawText(doc, c.note, S.note, s, x, y, g.leftW);

      const qx = box.x + box.width - g.pad - g.qrSide;
      drawQr(doc, c.qr, qx, y0 + g.pad, g.qrSide);
      drawText(
        doc,
        t.qrCaption,
        S.caption,
        s,
        qx - 8 * s,
        y0 + g.pad + g.qrSide + 8 * s,
        g.qrSide + 16 * s,
      );
    },
  };
}

/** The serial at the top right, above the title. */
function serialLine(text: string): Block {
  return {
    measure: (doc, box, s) => textHeight(doc, text, S.serial, s, box.width) + 4 * s,
    draw: (doc, box, s, y) => drawText(doc, text, S.serial, s, box.x, y, box.width),
  };
}

function section(h: string, text: string): Block[] {
  return [heading(h, S.heading, 6, 1.5), para(text, S.body)];
}

function footerBlock(t: SheetTexts, d: InfoSheetData): Block {
  const office = [
    d.office.name,
    d.office.address,
    d.office.phone ? `${t.footer.phone} ${d.office.phone}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const rows = inlineFields(
    [
      { label: t.footer.office, value: office },
      { label: t.footer.clerk, value: d.clerkName },
      { label: t.footer.issued, value: formatDateTime(d.language, d.issuedAt) },
      { label: t.footer.serial, value: d.serial },
    ],
    S.footer,
    { rowGap: 1 },
  );
  const line = rule(0, 6);
  return {
    anchorBottom: true,
    measure: (doc, box, s) => 8 * s + line.measure(doc, box, s) + rows.measure(doc, box, s),
    draw: (doc, box, s, y) => {
      line.draw(doc, box, s, y + 8 * s);
      rows.draw(doc, box, s, y + 8 * s + line.measure(doc, box, s));
    },
  };
}

export function infoSheetBlocks(d: InfoSheetData): Block[] {
  const t = sheetTexts(d.language);
  const issued = new Date(d.issuedAt);
  const activeBy = new Date(issued.getTime() + d.activationMinutes * 60_000).toISOString();
  const creds: Credentials = {
    portal: displayPortalAddress(d.portalUrl),
    login: d.login,
    password: d.password,
    alphabet: d.passwordAlphabet,
    note: passwordNote(t, d.password, d.passwordAlphabet),
    qr: qrMatrix(portalLoginLink(d.portalUrl, d.login)),
  };
  return [
    serialLine(fill(t.serial, { serial: d.serial })),
    para(t.title, S.title, { after: 4 }),
    para(t.subtitle, S.subtitle, { after: 7 }),
    credentialsBlock(t, creds),
    para(
      d.activation === 'now'
        ? t.activationNow
        : d.activation === 'afterTransfer'
          ? t.activationAfterTransfer
          : fill(t.activation, {
              n: d.activationMinutes,
              minutes: plural(d.language, d.activationMinutes, t.minutes),
              at: formatDateTime(d.language, activeBy),
            }),
      S.status,
      { after: 3 },
    ),
    para(fill(t.expires, { at: formatDateTime(d.language, d.expiresAt) }), S.status, { after: 2 }),
    ...section(t.firstLogin.heading, t.firstLogin.text),
    ...section(t.choosing.heading, t.choosing.text),
    ...section(t.lost.heading, t.lost.text),
    ...section(
      t.meters.heading,
      fill(t.meters.text, { day: dayOrdinal(d.language, d.meterDeadlineDay) }),
    ),
    ...section(t.district.heading, fill(t.district.text, { district: d.district })),
    ...section(
      t.delay.heading,
      fill(t.delay.text, { n: d.dataDelayDays, days: plural(d.language, d.dataDelayDays, t.days) }),
    ),
    footerBlock(t, d),
  ];
}

export async function renderInfoSheet(d: InfoSheetData): Promise<Buffer> {
  const paper = PAPER[d.paper];
  const t = sheetTexts(d.language);
  const m = paper.margin;
  const { doc, finish } = openPdf(
    d.paper,
    { top: m, bottom: m, left: m, right: m },
    {
      title: fill(t.docTitle, { serial: d.serial }),
      language: d.language,
      createdAt: new Date(d.issuedAt),
    },
  );
  const page: PageBox = {
    x: m,
    width: doc.page.width - 2 * m,
    top: m,
    bottom: doc.page.height - m,
  };
  placeBlocks(doc, page, infoSheetBlocks(d), paper.range);
  applyStyle(doc, S.body, 1);
  return finish();
}
