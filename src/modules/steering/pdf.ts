import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { SynthesisRow } from './review.js';

const require = createRequire(import.meta.url);
const regular = () =>
  fs.readFileSync(require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'));
const bold = () =>
  fs.readFileSync(require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'));

export interface SynthesisPdfTexts {
  title: string;
  subtitle: string;
  generated: string;
  keep: string;
  improve: string;
  drop: string;
  none: string;
  rating: (rating: SynthesisRow['comments'][number]['rating']) => string;
}

/** The joint review's synthesis as an A4 PDF: per measure, the counts and each association's comment. */
export async function synthesisPdf(options: {
  rows: readonly SynthesisRow[];
  texts: SynthesisPdfTexts;
}): Promise<Buffer> {
  const { rows, texts } = options;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: texts.title, Author: 'Relais', Subject: texts.subtitle },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('regular', regular());
  doc.registerFont('bold', bold());
  doc.font('bold').fontSize(18).text(texts.title);
  doc.font('regular').fontSize(11).fillColor('#3a3a3a').text(texts.subtitle).text(texts.generated).moveDown();
  for (const row of rows) {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.fillColor('#000091').font('bold').fontSize(12).text(`${row.number} — ${row.title}`);
    doc
      .fillColor('#161616')
      .font('regular')
      .fontSize(10)
      .text(
        `${texts.keep} : ${row.keep}    ${texts.improve} : ${row.improve}    ${texts.drop} : ${row.drop}`,
      );
    if (row.comments.length === 0) doc.fillColor('#666666').text(texts.none);
    for (const c of row.comments) {
      doc
        .fillColor('#161616')
        .font('bold')
        .text(`${c.organisation} (${texts.rating(c.rating)}) : `, { continued: true });
      doc.font('regular').text(c.comment);
    }
    doc.moveDown(0.8);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
