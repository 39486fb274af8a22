import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Translate } from '../../platform/i18n/index.js';
import { cellOf, type PublishedTable, type Publication } from './public.js';
import { KEY_FIGURES, type Labels } from './public-present.js';
import { QUARTERS, TABLE_IDS } from './public-tables.js';
import { K_MIN, MIN_PUBLISHED, ROUNDING_BASE, TOTAL } from './suppression.js';

const require = createRequire(import.meta.url);
const font = (file: string) => fs.readFileSync(require.resolve(`@expo-google-fonts/noto-sans/${file}`));

const BLUE = '#000091';
const INK = '#161616';
const GREY = '#666666';
const MARGIN = 50;

type Doc = InstanceType<typeof PDFDocument>;

/**
 * The annual report as an A4 PDF: method, key figures, the same figures per quarter, then every fixed table of the
 * year with its chart of row totals. It shows only what the public tables show: withheld cells read as such.
 */
export async function annualReportPdf(options: {
  publication: Publication;
  labels: Labels;
  t: Translate;
  generated: string;
}): Promise<Buffer> {
  const { publication, labels, t } = options;
  const year = String(publication.year);
  const table = (id: string, period: string) =>
    publication.tables.find((x) => x.id === id && x.period === period)!;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: t('statistics.public.report.title', { year }),
      Author: 'Relais — MIPROF',
      Subject: t('statistics.public.report.subtitle'),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('regular', font('400Regular/NotoSans_400Regular.ttf'));
  doc.registerFont('bold', font('700Bold/NotoSans_700Bold.ttf'));

  doc.font('bold').fontSize(20).fillColor(BLUE).text(t('statistics.public.report.title', { year }));
  doc.font('regular').fontSize(11).fillColor(INK).text(t('statistics.public.report.subtitle'));
  doc.fillColor(GREY).fontSize(9).text(options.generated).moveDown();
  heading(doc, t('statistics.public.report.method'));
  const params = { k: K_MIN, base: ROUNDING_BASE, min: MIN_PUBLISHED };
  for (const key of ['moins_de_11', 'secret_secondaire', 'rounding'])
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor(INK)
      .text(`• ${t(`statistics.public.legend.${key}`, params)}`);
  doc.moveDown();

  heading(doc, t('statistics.public.keyFigures', { period: year }));
  const periods = [...QUARTERS.map((q) => `${year}-T${q}`), year];
  drawTable(doc, {
    caption: t('statistics.public.report.quarterly'),
    headers: ['', ...periods.map((p) => labels.period(p).replace(`${year}, `, ''))],
    rows: KEY_FIGURES.map(([key, id, column]) => [
      t(`statistics.public.key.${key}`),
      ...periods.map((p) => labels.cell(cellOf(table(id, p), TOTAL, column))),
    ]),
    labelWidth: 190,
  });

  for (const id of TABLE_IDS) {
    const yearly = table(id, year);
    doc.addPage();
    heading(doc, labels.title(id));
    doc.font('regular').fontSize(9.5).fillColor(INK).text(labels.description(id)).moveDown(0.5);
    barChart(doc, yearly, labels);
    drawTable(doc, {
      caption: `${labels.title(id)}, ${year} (${t(`statistics.public.units.${yearly.unit}`)})`,
      headers: [
        t(`statistics.public.tables.${id}.rows`),
        ...[...yearly.columns, TOTAL].map((c) => labels.column(id, c)),
      ],
      rows: [...yearly.rows, TOTAL].map((row) => [
        labels.row(id, row),
        ...[...yearly.columns, TOTAL].map((column) => labels.cell(cellOf(yearly, row, column))),
      ]),
      labelWidth: 200,
    });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

function heading(doc: Doc, text: string) {
  if (doc.y > doc.page.height - 160) doc.addPage();
  doc.font('bold').fontSize(13).fillColor(BLUE).text(text, MARGIN).moveDown(0.4);
}

/** Row totals of the year as horizontal bars; a withheld total draws no bar, only its reason. */
function barChart(doc: Doc, table: PublishedTable, labels: Labels) {
  const totals = table.rows.map((row) => ({ row, cell: cellOf(table, row, TOTAL) }));
  const top = Math.max(1, ...totals.map((x) => x.cell.value ?? 0));
  const labelWidth = 180;
  const barArea = doc.page.width - 2 * MARGIN - labelWidth - 70;
  for (const { row, cell } of totals) {
    if (doc.y > doc.page.height - MARGIN - 16) doc.addPage();
    const y = doc.y;
    doc.font('regular').fontSize(8.5).fillColor(INK);
    doc.text(labels.row(table.id, row), MARGIN, y, {
      width: labelWidth - 6,
      lineBreak: false,
      ellipsis: true,
    });
    const width = cell.value ? Math.max(2, (cell.value / top) * barArea) : 0;
    if (width > 0) doc.rect(MARGIN + labelWidth, y + 1, width, 9).fill(BLUE);
    doc
      .fillColor(cell.suppressed ? GREY : INK)
      .text(labels.cell(cell), MARGIN + labelWidth + width + 4, y, { lineBreak: false });
    doc.x = MARGIN;
    doc.y = y + 14;
  }
  doc.moveDown(0.6);
}

/** A plain grid: first column of labels, then equal columns; the header is repeated on a new page. */
function drawTable(
  doc: Doc,
  spec: {
    caption: string;
    headers: readonly string[];
    rows: ReadonlyArray<readonly string[]>;
    labelWidth: number;
  },
) {
  const inner = doc.page.width - 2 * MARGIN;
  const other = (inner - spec.labelWidth) / Math.max(1, spec.headers.length - 1);
  const x = (i: number) => MARGIN + (i === 0 ? 0 : spec.labelWidth + (i - 1) * other);
  const width = (i: number) => (i === 0 ? spec.labelWidth : other) - 6;
  const line = (cells: readonly string[], bold: boolean) => {
    const height = Math.max(
      ...cells.map((c, i) =>
        doc
          .font(bold ? 'bold' : 'regular')
          .fontSize(8.5)
          .heightOfString(c, { width: width(i) }),
      ),
    );
    if (doc.y + height > doc.page.height - MARGIN) {
      doc.addPage();
      if (!bold) line(spec.headers, true);
    }
    const y = doc.y;
    cells.forEach((c, i) => {
      doc
        .font(bold || i === 0 ? 'bold' : 'regular')
        .fontSize(8.5)
        .fillColor(INK)
        .text(c, x(i), y, { width: width(i), align: i === 0 ? 'left' : 'right' });
    });
    doc.y = y + height + 3;
    doc
      .moveTo(MARGIN, doc.y - 1.5)
      .lineTo(MARGIN + inner, doc.y - 1.5)
      .lineWidth(0.3)
      .strokeColor('#cccccc')
      .stroke();
  };
  doc.font('bold').fontSize(9).fillColor(GREY).text(spec.caption, MARGIN).moveDown(0.3);
  line(spec.headers, true);
  for (const row of spec.rows) line(row, false);
  doc.x = MARGIN;
  doc.moveDown(0.8);
}
