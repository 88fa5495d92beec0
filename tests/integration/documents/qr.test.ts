// No QR decoder is installed, so the code is checked the other way round: rasterise the page
// and compare every module's centre with the matrix of the link it should carry.
import { describe, expect, it } from 'vitest';
import { portalLoginLink, renderInfoSheet } from '../../../electron/core/documents';
import { openPdf } from '../../../electron/core/documents/pdf';
import { drawQr, qrMatrix, type QrMatrix } from '../../../electron/core/documents/qr';
import { demoSheet } from './demo-data';
import { renderGray } from './poppler';

const DPI = 150;
type Gray = ReturnType<typeof renderGray>;

const dark = (img: Gray, xPt: number, yPt: number) => {
  const x = Math.round((xPt * DPI) / 72);
  const y = Math.round((yPt * DPI) / 72);
  return (img.px[y * img.width + x] ?? 255) < 128;
};

/** Modules read at their centres, for a code whose top-left corner is at (x, y) points. */
function readModules(img: Gray, m: QrMatrix, x: number, y: number, side: number): string[] {
  const cell = side / m.size;
  const rows: string[] = [];
  for (let r = 0; r < m.size; r++) {
    let row = '';
    for (let c = 0; c < m.size; c++)
      row += dark(img, x + (c + 0.5) * cell, y + (r + 0.5) * cell) ? '#' : '.';
    rows.push(row);
  }
  return rows;
}

function expected(m: QrMatrix): string[] {
  return Array.from({ length: m.size }, (_, r) =>
    Array.from({ length: m.size }, (_, c) => (m.dark(r, c) ? '#' : '.')).join(''),
  );
}

describe('QR code', () => {
  it('draws exactly the modules of its matrix', async () => {
    const link = portalLoginLink('https://lk.example.ru', '7712345678');
    const m = qrMatrix(link);
    const { doc, finish } = openPdf(
      'A5',
      { top: 20, bottom: 20, left: 20, right: 20 },
      {
        title: 'qr',
        language: 'en',
        createdAt: new Date('2026-01-01T00:00:00Z'),
      },
    );
    drawQr(doc, m, 50, 60, 100);
    const img = renderGray(await finish(), DPI);
    expect(readModules(img, m, 50, 60, 100)).toEqual(expected(m));
  });

  it('on the sheet, carries the login link (and nothing else, no password)', async () => {
    const d = demoSheet('ru');
    const m = qrMatrix(portalLoginLink(d.portalUrl, d.login));
    expect(portalLoginLink(d.portalUrl, d.login)).not.toContain(d.password);
    const img = renderGray(await renderInfoSheet(d), DPI);
    // The code sits at the right of the credentials box: 42 pt margin, 12 pt padding, 112 pt
    // wide at full scale, and the page may be scaled down a little to fit. Find it by its
    // top-left finder pattern and compare every module.
    const want = expected(m);
    let found: string[] | undefined;
    for (let s = 1; s >= 0.74 && !found; s -= 0.0025) {
      const side = 112 * s;
      const x = 595.28 - 42 - 12 * s - side;
      const cell = side / m.size;
      for (let y = 42; y < 400 && !found; y += 0.25) {
        if (!dark(img, x + cell / 2, y + cell / 2) || dark(img, x + cell / 2, y - cell / 2))
          continue;
        if (dark(img, x - cell / 2, y + cell / 2) || !dark(img, x + 6.5 * cell, y + 6.5 * cell))
          continue;
        // Only a full match counts: a near miss in scale can match the top rows and drift.
        const rows = readModules(img, m, x, y, side);
        if (rows.join() === want.join()) found = rows;
      }
    }
    expect(found).toEqual(want);
  });
});
