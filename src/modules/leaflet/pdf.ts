import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { LeafletSection } from './leaflet.js';

const require = createRequire(import.meta.url);

/** Noto fonts (SIL Open Font License) from npm: Latin, Cyrillic, Greek and Vietnamese; Arabic; simplified Chinese. */
const FONTS = {
  latin: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  latinBold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  arabic: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
  arabicBold: '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
  chinese: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  chineseBold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
const fontFiles = new Map<string, Buffer>();
const fontFile = (name: keyof typeof FONTS) => {
  let file = fontFiles.get(name);
  if (!file) {
    file = fs.readFileSync(require.resolve(FONTS[name]));
    fontFiles.set(name, file);
  }
  return file;
};

const MARGIN = 56;
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;

export interface LeafletPdfTexts {
  title: string;
  online: string;
  assisted: string;
  toReview: string;
  untranslated: string;
}

/**
 * The leaflet as a printable A4 PDF in one language, with a QR code to its online version. Fonts are embedded as
 * subsets. Arabic is shaped by the font engine; its lines are laid out right to left word by word (numbers such as
 * emergency numbers stay left to right inside them).
 */
export async function leafletPdf(options: {
  language: string;
  sections: readonly LeafletSection[];
  texts: LeafletPdfTexts;
  url: string;
}): Promise<Buffer> {
  const { language, sections, texts, url } = options;
  const rtl = language === 'ar';
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: texts.title, Author: 'Relais', Subject: texts.title },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  doc.registerFont('latin', fontFile('latin'));
  doc.registerFont('latinBold', fontFile('latinBold'));
  if (rtl) {
    doc.registerFont('arabic', fontFile('arabic'));
    doc.registerFont('arabicBold', fontFile('arabicBold'));
  }
  if (language === 'zh') {
    doc.registerFont('chinese', fontFile('chinese'));
    doc.registerFont('chineseBold', fontFile('chineseBold'));
  }
  const regular = language === 'zh' ? 'chinese' : 'latin';
  const bold = language === 'zh' ? 'chineseBold' : 'latinBold';
  const width = doc.page.width - 2 * MARGIN;

  /** One right-to-left paragraph: words wrapped, then placed from the right edge leftwards. */
  const rtlParagraph = (text: string, size: number, strong: boolean) => {
    const fontOf = (word: string) =>
      ARABIC.test(word) ? (strong ? 'arabicBold' : 'arabic') : strong ? 'latinBold' : 'latin';
    const measure = (word: string) => doc.font(fontOf(word)).fontSize(size).widthOfString(word);
    const space = doc
      .font(strong ? 'arabicBold' : 'arabic')
      .fontSize(size)
      .widthOfString(' ');
    const lines: string[][] = [[]];
    let used = 0;
    // A number followed by punctuation ("112.") is two words: the punctuation goes to the number's left.
    const words = text
      .split(/\s+/)
      .filter(Boolean)
      .flatMap((w) => (ARABIC.test(w) ? [w] : w.split(/(?<=\d)(?=[.,:;\u060C])/)));
    for (const word of words) {
      const w = measure(word);
      if (used > 0 && used + space + w > width) {
        lines.push([]);
        used = 0;
      }
      lines.at(-1)!.push(word);
      used += (used > 0 ? space : 0) + w;
    }
    const lineHeight = size * 1.6;
    for (const line of lines) {
      if (doc.y + lineHeight > doc.page.height - MARGIN) doc.addPage();
      const y = doc.y;
      let x = doc.page.width - MARGIN;
      for (const word of line) {
        const w = measure(word);
        x -= w;
        doc.font(fontOf(word)).fontSize(size).text(word, x, y, { lineBreak: false });
        x -= space;
      }
      doc.x = MARGIN;
      doc.y = y + lineHeight;
    }
  };

  const paragraph = (text: string, size: number, strong = false) => {
    if (rtl) return rtlParagraph(text, size, strong);
    doc
      .font(strong ? bold : regular)
      .fontSize(size)
      .text(text, MARGIN, doc.y, { width, lineGap: size * 0.35 });
  };
  /** A note in the reader's interface language (French or English): left to right, aligned with the text. */
  const note = (text: string) => {
    doc
      .font('latin')
      .fontSize(8.5)
      .text(text, MARGIN, doc.y, { width, align: rtl ? 'right' : 'left' });
  };

  paragraph(texts.title, 22, true);
  doc.moveDown(0.6);
  for (const section of sections) {
    if (doc.y > doc.page.height - MARGIN - 120) doc.addPage();
    paragraph(section.title, 15, true);
    doc.moveDown(0.3);
    for (const line of section.body.split('\n').filter((l) => l.trim())) {
      paragraph(line.replace(/^-\s+/, '• '), 11.5);
    }
    if (section.status === 'to_review') note(section.assisted ? texts.assisted : texts.toReview);
    if (section.language !== language && language !== 'fr') note(texts.untranslated);
    doc.moveDown(0.8);
  }

  const qr = await QRCode.toBuffer(url, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  if (doc.y > doc.page.height - MARGIN - 150) doc.addPage();
  const top = doc.y + 6;
  doc.image(qr, rtl ? doc.page.width - MARGIN - 110 : MARGIN, top, { width: 110, height: 110 });
  doc.y = top + 116;
  note(texts.online);
  doc
    .font('latin')
    .fontSize(9)
    .text(url, MARGIN, doc.y, { width, link: url, align: rtl ? 'right' : 'left' });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
