// A pdfkit document written to memory. The information sheet carries a plaintext password, so
// it never touches the disk here: the bytes go from pdfkit's stream to one Buffer, and from
// there to the spooler.
import PDFDocument from 'pdfkit';
import { fonts, rememberParsed, type FontFace } from './fonts';
import type { DocLanguage } from './types';

export interface PdfMeta {
  title: string;
  language: DocLanguage;
  /** Written as the creation date, so the same input gives the same bytes. */
  createdAt: Date;
}

export interface OpenPdf {
  doc: PDFKit.PDFDocument;
  /** Ends the document and resolves with all of its bytes. */
  finish: () => Promise<Buffer>;
}

const PRODUCER = 'Access Desk';

/** pdfkit's current font object; `font` on it is the fontkit font it parsed. */
type WithFont = { _font?: { font?: unknown } };

export function openPdf(
  size: 'A4' | 'A5',
  margins: { top: number; bottom: number; left: number; right: number },
  meta: PdfMeta,
): OpenPdf {
  const doc = new PDFDocument({
    // No default font: pdfkit would otherwise load Helvetica's metrics for every document.
    font: '',
    size,
    margins,
    bufferPages: true,
    autoFirstPage: true,
    lang: meta.language,
    displayTitle: true,
    info: {
      Title: meta.title,
      Creator: PRODUCER,
      Producer: PRODUCER,
      CreationDate: meta.createdAt,
    },
  });
  const f = fonts();
  // pdfkit's types only know bytes and paths; a parsed fontkit font is accepted at run time.
  for (const face of ['bold', 'regular'] as FontFace[]) {
    doc.registerFont(face, f[face] as Buffer);
    doc.font(face);
    rememberParsed(face, (doc as unknown as WithFont)._font?.font);
  }

  const chunks: Uint8Array[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Uint8Array) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return {
    doc,
    finish: () => {
      doc.end();
      return done;
    },
  };
}
