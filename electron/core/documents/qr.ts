// The QR code on the sheet opens the portal's login page with the login filled in. It never
// carries the password: a photo of the sheet's corner must not be enough to log in.
// The modules are drawn as vector rectangles from the QR matrix, not as an embedded image:
// sharp at any printer resolution, and no PNG encoding per sheet.
import QRCode from 'qrcode';
import type { Doc } from './layout';

/** The path of the login page when the portal address given is just the site's root. */
const LOGIN_PATH = '/login';
const LOGIN_PARAM = 'login';

/**
 * The QR target: the portal's login page with the login pre-filled. A portal address with a
 * path of its own (e.g. https://lk.example.ru/auth) is taken to be the login page already.
 */
export function portalLoginLink(portalUrl: string, login: string): string {
  const url = new URL(portalUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RangeError(`Portal address must be http(s): ${portalUrl}`);
  }
  if (url.pathname === '' || url.pathname === '/') url.pathname = LOGIN_PATH;
  url.searchParams.set(LOGIN_PARAM, login);
  url.hash = '';
  return url.toString();
}

/** The portal address as a resident types it: no "https://", no trailing slash. */
export function displayPortalAddress(portalUrl: string): string {
  const url = new URL(portalUrl);
  const rest = `${url.host}${url.pathname === '/' ? '' : url.pathname}${url.search}`;
  return url.protocol === 'https:' ? rest : `${url.protocol}//${rest}`;
}

export interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
}

export function qrMatrix(text: string): QrMatrix {
  // Level M survives a fold or a coffee stain on a typical sheet without growing the code much.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (r, c) => modules.get(r, c) === 1 };
}

/**
 * Draws the code with its top-left corner at (x, y), `side` points square, quiet zone
 * excluded (the caller leaves white space around it). Each row's run of dark modules is one
 * rectangle, and all of them are filled as one path so no hairline seams show between them.
 */
export function drawQr(doc: Doc, m: QrMatrix, x: number, y: number, side: number): void {
  const cell = side / m.size;
  doc.save();
  for (let r = 0; r < m.size; r++) {
    let c = 0;
    while (c < m.size) {
      if (!m.dark(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < m.size && m.dark(r, c)) c++;
      doc.rect(x + start * cell, y + r * cell, (c - start) * cell, cell);
    }
  }
  doc.fillColor('#000000').fill();
  doc.restore();
}
