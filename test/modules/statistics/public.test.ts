import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { TABLE_IDS } from '../../../src/modules/statistics/public-tables.js';
import { build, type TestContext } from '../../support/app.js';

/**
 * The public statistics over HTTP, on a year of real rows built so that a naive publication would leak: three
 * published quarters and their year giving back the fourth, minors + adults = all giving back the minors.
 */
const YEAR = 2025;
const PERIODS = [String(YEAR), ...[1, 2, 3, 4].map((q) => `${YEAR}-T${q}`)];
const quarterDay = (q: number) => new Date(`${YEAR}-${String(q * 3 - 1).padStart(2, '0')}-15T10:00:00+01:00`);

interface JsonTable {
  tableau: string;
  titre: string;
  periode: string;
  lignes: Array<{ code: string; libelle: string }>;
  colonnes: Array<{ code: string; libelle: string }>;
  cellules: Array<{ ligne: string; colonne: string; valeur: number | null; secret: string | null }>;
}

describe('public statistics: /statistiques, open data, annual report', () => {
  let ctx: TestContext;
  const json = new Map<string, JsonTable>();
  const cell = (table: string, period: string, row: string, column: string) =>
    json.get(`${table}|${period}`)!.cellules.find((c) => c.ligne === row && c.colonne === column)!;

  before(async () => {
    ctx = await build({ workers: false });
    const db = ctx.core.db;
    const reporter = await ctx.createUser({
      role: 'frontline',
      organisation: { name: 'Compagnie d’essai', type: 'association' },
    });
    const caseWorker = await ctx.createUser({ role: 'case_worker', scopeKind: 'organisation' });
    let serial = 0;
    const alert = async (a: {
      q: number | Date;
      form: string;
      context: string;
      dep: string;
      minor: boolean;
      persons: number;
      nationality?: string;
    }) => {
      const at = a.q instanceof Date ? a.q : quarterDay(a.q);
      const id = (
        await db
          .insertInto('alerts')
          .values({
            reference: `STAT-${++serial}`,
            reporter_user_id: reporter.id,
            reporter_organisation_id: reporter.organisationId,
            context: a.context,
            place_kind: 'departement',
            departement_code: a.dep,
            person_count: a.persons,
            has_minor: a.minor,
            exploitation_forms: [a.form],
            consent: a.minor ? 'minor' : 'adult_refuses',
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      await db
        .insertInto('alert_persons')
        .values(
          Array.from({ length: a.persons }, (_, i) => ({
            alert_id: id,
            position: i + 1,
            minor: a.minor ? 'yes' : 'no',
            gender: 'female',
            nationality: a.nationality ?? 'RO',
          })),
        )
        .execute();
    };
    for (const q of [1, 2, 3, 4]) {
      await alert({
        q,
        form: 'sexuelle',
        context: 'voie_publique',
        dep: '75',
        minor: false,
        persons: 30,
        nationality: 'NG',
      });
      await alert({ q, form: 'delits', context: 'voie_publique', dep: '75', minor: true, persons: 12 });
    }
    // Forced begging of adults: 12, 14 and 13 in three quarters, 3 in the fourth (year 42 = 12 + 14 + 13 + 3).
    for (const [q, n] of [
      [1, 12],
      [2, 14],
      [3, 13],
      [4, 3],
    ] as const)
      await alert({ q, form: 'mendicite', context: 'gare_port', dep: '75', minor: false, persons: n });
    // Forced labour in the Bouches-du-Rhône in the second quarter: 14 adults and 3 minors (17 in all).
    await alert({
      q: 2,
      form: 'travail_force',
      context: 'lieu_travail',
      dep: '13',
      minor: false,
      persons: 14,
      nationality: 'FR',
    });
    await alert({
      q: 2,
      form: 'travail_force',
      context: 'lieu_travail',
      dep: '13',
      minor: true,
      persons: 3,
      nationality: 'FR',
    });
    // Outside the year: not in its tables.
    await alert({
      q: new Date(`${YEAR + 1}-02-01T10:00:00Z`),
      form: 'sexuelle',
      context: 'voie_publique',
      dep: '75',
      minor: false,
      persons: 20,
    });
    await alert({
      q: new Date(`${YEAR - 1}-12-31T22:30:00Z`),
      form: 'sexuelle',
      context: 'voie_publique',
      dep: '75',
      minor: false,
      persons: 20,
    });

    // Case files closed in the year and first trials (the demonstration file is never counted).
    const file = async (
      q: number,
      outcome: 'autonomy' | 'contact_lost',
      present: boolean | null,
      isDemo = false,
    ) => {
      const closed = quarterDay(q);
      const id = (
        await db
          .insertInto('cases')
          .values({
            reference: `STAT-C-${++serial}`,
            status: 'closed',
            lead_organisation_id: caseWorker.organisationId,
            opened_at: new Date(`${YEAR - 1}-06-01T10:00:00Z`),
            minor: false,
            closed_at: closed,
            outcome,
            is_demo: isDemo,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      if (present !== null)
        await db
          .insertInto('case_events')
          .values({
            case_id: id,
            category: 'proceedings',
            kind: 'trial',
            occurred_on: closed.toISOString().slice(0, 10),
            details: JSON.stringify({ present }),
          })
          .execute();
    };
    for (let i = 0; i < 13; i++) await file(1, 'autonomy', true);
    for (let i = 0; i < 4; i++) await file(3, 'contact_lost', false);
    await file(3, 'contact_lost', false, true);

    for (const table of TABLE_IDS)
      for (const period of PERIODS) {
        const response = await ctx.client().get(`/statistiques/donnees/${table}.json?periode=${period}`);
        assert.equal(response.statusCode, 200, `${table} ${period}: ${response.body}`);
        json.set(`${table}|${period}`, response.json());
      }
  });
  after(async () => {
    await ctx?.close();
  });

  test('no public cell counts fewer than 11: every table, every period, JSON and CSV alike', async () => {
    let hidden = 0;
    for (const table of TABLE_IDS)
      for (const period of PERIODS) {
        const doc = json.get(`${table}|${period}`)!;
        assert.equal(doc.periode, period);
        for (const c of doc.cellules) {
          if (c.secret) {
            hidden++;
            assert.equal(
              c.valeur,
              null,
              `${table} ${period} ${c.ligne}×${c.colonne} is withheld with no value`,
            );
            assert.ok(['moins_de_11', 'secret_secondaire'].includes(c.secret));
          } else
            assert.ok(
              c.valeur === 0 || c.valeur! >= 15,
              `${table} ${period} ${c.ligne}×${c.colonne} = ${c.valeur}`,
            );
          assert.ok(c.valeur === null || c.valeur % 5 === 0, 'rounded to 5');
        }
        const csv = await ctx.client().get(`/statistiques/donnees/${table}.csv?periode=${period}`);
        assert.equal(csv.statusCode, 200);
        assert.match(csv.headers['content-type'] as string, /^text\/csv/);
        const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Array<
          Record<string, string>
        >;
        assert.deepEqual(
          rows.map((r) => [
            r.periode,
            r.tableau,
            r.ligne,
            r.colonne,
            r.valeur === '' ? null : Number(r.valeur),
            r.secret || null,
          ]),
          doc.cellules.map((c) => [period, table, c.ligne, c.colonne, c.valeur, c.secret]),
          `${table} ${period}: the CSV carries the JSON's cells`,
        );
      }
    assert.ok(hidden > 0, 'the fixture does hide cells');
    // Outside the year nothing counts: 2025's grand total holds 4 × (30 + 12) + 42 + 17 = 227 people → 225.
    assert.equal(cell('alertes-exploitation', String(YEAR), 'total', 'total').valeur, 225);
  });

  test('differencing: the year minus three published quarters, or all minus adults, gives no hidden cell back', () => {
    // A naive publication would print 42 for the year and 12, 14, 13 for three quarters: 42 − 39 = 3.
    const begging = PERIODS.map((p) => cell('alertes-exploitation', p, 'mendicite', 'majeur'));
    assert.equal(cell('alertes-exploitation', `${YEAR}-T4`, 'mendicite', 'majeur').secret, 'moins_de_11');
    const hiddenInLine = begging.filter((c) => c.secret).length;
    assert.ok(hiddenInLine >= 2, 'the year and its quarters keep at least two hidden cells');
    // What an attacker can still say of the hidden quarters together: an interval of several values, not one.
    const year = begging[0]!;
    const shown = begging.slice(1).filter((c) => !c.secret);
    if (!year.secret) {
      const lo = year.valeur! - 2 - shown.reduce((s, c) => s + c.valeur! + 2, 0);
      const hi = year.valeur! + 2 - shown.reduce((s, c) => s + c.valeur! - 2, 0);
      assert.ok(hi - lo >= 4 && hi >= 11, `the hidden quarters add up to somewhere in [${lo}, ${hi}]`);
    }
    // 17 people in Provence-Alpes-Côte d'Azur (region 93) in the second quarter: 14 adults, 3 minors.
    const region = (column: string) => cell('alertes-region', `${YEAR}-T2`, '93', column);
    assert.equal(region('mineur').secret, 'moins_de_11');
    assert.ok(
      [region('majeur'), region('age_inconnu'), region('total')].some((c) => c.secret),
      'all − adults is closed',
    );

    // Structurally, over the whole release: no row, column, margin or run of quarters keeps a single hidden cell,
    // the tables of alerts sharing their totals by age.
    const lines: Array<Array<{ secret: string | null }>> = [];
    for (const table of TABLE_IDS) {
      for (const period of PERIODS) {
        const doc = json.get(`${table}|${period}`)!;
        const rows = [...doc.lignes.map((l) => l.code), 'total'];
        const columns = [...doc.colonnes.map((c) => c.code), 'total'];
        for (const r of rows) lines.push(columns.map((c) => cell(table, period, r, c)));
        for (const c of columns) lines.push(rows.map((r) => cell(table, period, r, c)));
        if (table.startsWith('alertes-'))
          for (const c of columns)
            assert.deepEqual(
              cell(table, period, 'total', c),
              cell('alertes-exploitation', period, 'total', c),
            );
      }
      const doc = json.get(`${table}|${YEAR}`)!;
      for (const r of [...doc.lignes.map((l) => l.code), 'total'])
        for (const c of [...doc.colonnes.map((x) => x.code), 'total'])
          lines.push(PERIODS.map((p) => cell(table, p, r, c)));
    }
    for (const line of lines) assert.notEqual(line.filter((c) => c.secret).length, 1);
  });

  test('CSV = JSON = page: the page shows the same cells, with the reason of each withheld one', async () => {
    const page = await ctx.client().get(`/statistiques?periode=${YEAR}-T2`);
    assert.equal(page.statusCode, 200);
    const section = /<section aria-labelledby="tableau-alertes-region"[\s\S]*?<\/table>/.exec(page.body)![0];
    const shown = [...section.matchAll(/<td[^>]*>(?:<em>)?([^<]*)(?:<\/em>)?<\/td>/g)].map((m) => m[1]);
    const number = new Intl.NumberFormat('fr-FR');
    const expected = json
      .get(`alertes-region|${YEAR}-T2`)!
      .cellules.map((c) =>
        c.secret === 'moins_de_11' ? 'moins\u00a0de\u00a011' : c.secret ? 'masqué' : number.format(c.valeur!),
      );
    assert.deepEqual(shown, expected);
    assert.match(page.body, /moins\u00a0de\u00a011/);
    assert.match(page.body, /href="\/statistiques\/donnees\/alertes-region\.csv\?periode=2025-T2"/);
    assert.match(page.body, /href="\/statistiques\/rapport\/2025\.pdf"/);
    // Without a period: the last ended year.
    assert.match((await ctx.client().get('/statistiques')).body, /Chiffres clés : 2025/);
    for (const path of ['/statistiques/methodologie', `/statistiques/donnees?periode=${YEAR}`]) {
      const other = await ctx.client().get(path);
      assert.equal(other.statusCode, 200, path);
    }
    assert.match((await ctx.client().get('/statistiques/methodologie')).body, /etalab-2\.0/);
  });

  test('bad input: unknown table, finer breakdown, date range, future or malformed period get a clear 400', async () => {
    const refused = async (url: string, type: RegExp, detail: RegExp) => {
      const response = await ctx.client().get(url);
      assert.equal(response.statusCode, 400, url);
      assert.match(response.headers['content-type'] as string, /^application\/problem\+json/, url);
      const problem = response.json();
      assert.match(problem.type, type, url);
      assert.match(problem.detail, detail, url);
    };
    await refused(
      '/statistiques/donnees/inconnu.json',
      /unknown-table/,
      /Tableaux publiés : alertes-exploitation/,
    );
    await refused(
      '/statistiques/donnees/alertes-departement.csv',
      /too-fine/,
      /département, commune ou mois/,
    );
    await refused(`/statistiques/donnees/alertes-exploitation.csv?departement=75`, /too-fine/, /plus fin/);
    await refused(
      `/statistiques/donnees/alertes-exploitation.csv?du=${YEAR}-01-01&au=${YEAR}-02-01`,
      /date-range/,
      /plage de dates/,
    );
    await refused(
      `/statistiques/donnees/alertes-exploitation.json?periode=${YEAR + 1}`,
      /not-ended/,
      /1er janvier 2027/,
    );
    await refused(
      `/statistiques/donnees/alertes-exploitation.json?periode=${YEAR + 1}-T1`,
      /not-ended/,
      /n’est pas terminée/,
    );
    await refused(
      `/statistiques/donnees/alertes-exploitation.json?periode=${YEAR}-06`,
      /invalid-period/,
      /2025-T3/,
    );
    await refused('/statistiques/donnees/alertes-exploitation.xlsx', /unknown-format/, /\.csv, \.json/);
    const page = await ctx.client().get(`/statistiques?periode=${YEAR + 2}`);
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /fr-alert--error/);
    assert.match(page.body, /Cette demande ne peut pas être publiée/);
    assert.match(page.body, /La période 2027 n’est pas terminée/);
    assert.equal((await ctx.client().get(`/statistiques/rapport/${YEAR + 1}.pdf`)).statusCode, 400);
  });

  test('the annual PDF parses and carries the year’s totals, each quarter’s, and every table', async () => {
    const response = await ctx.client().get(`/statistiques/rapport/${YEAR}.pdf`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    const pdf = await PDFDocument.load(response.rawPayload);
    assert.ok(pdf.getPageCount() >= 1 + TABLE_IDS.length);
    assert.equal(pdf.getTitle(), `Traite des êtres humains : chiffres publics ${YEAR}`);
    const text = extractText(pdf).replace(/[\u202f\u00a0]/g, ' ');
    const number = new Intl.NumberFormat('fr-FR');
    const shown = (c: { valeur: number | null; secret: string | null }) =>
      c.secret === 'moins_de_11'
        ? 'moins de 11'
        : c.secret
          ? 'masqué'
          : number.format(c.valeur!).replace(/[\u202f\u00a0]/g, ' ');
    assert.match(text, /Personnes signalées/);
    for (const period of PERIODS)
      assert.ok(text.includes(shown(cell('alertes-exploitation', period, 'total', 'total'))), period);
    const grand = shown(cell('alertes-exploitation', String(YEAR), 'total', 'total'));
    assert.equal(grand, '225');
    for (const table of TABLE_IDS) assert.ok(text.includes(json.get(`${table}|${YEAR}`)!.titre), table);
    assert.match(text, /Personnes signalées par forme d’exploitation/);
    assert.match(text, /Mendicité forcée|Mendicité/);
    assert.match(text, /moins de 11/);
  });
});

/**
 * The text of a PDF made by pdfkit: each page's content streams, inflated, their Tj/TJ strings decoded through the
 * fonts' ToUnicode maps (pdfkit writes glyph ids in hex); one line per text object.
 */
function extractText(pdf: PDFDocument): string {
  const out: string[] = [];
  for (const page of pdf.getPages()) {
    const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
    const maps = new Map<string, Map<number, string>>();
    for (const [name, ref] of fonts?.entries() ?? []) {
      const font = pdf.context.lookup(ref, PDFDict);
      const cmap = font.lookup(PDFName.of('ToUnicode'));
      if (cmap instanceof PDFRawStream) maps.set(name.asString(), toUnicode(inflate(cmap)));
    }
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray ? contents.asArray().map((r) => pdf.context.lookup(r)) : [contents];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      let map = new Map<number, string>();
      let line = '';
      for (const token of inflate(stream).matchAll(
        /\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ|<([0-9a-f]*)> Tj|\bET\b/gi,
      )) {
        if (token[1]) map = maps.get(`/${token[1]}`) ?? map;
        else if (token[0] === 'ET') {
          out.push(line);
          line = '';
        } else {
          const hex = token[3] ?? [...token[2]!.matchAll(/<([0-9a-f]*)>/gi)].map((m) => m[1]).join('');
          for (let i = 0; i + 4 <= hex.length; i += 4)
            line += map.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '';
        }
      }
    }
  }
  return out.join('\n');
}

function inflate(stream: PDFRawStream): string {
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
}

/** pdfkit's ToUnicode: `<start> <end> [<utf16> <utf16> …]` ranges. */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const range of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
    const start = Number.parseInt(range[1]!, 16);
    [...range[3]!.matchAll(/<([0-9a-f ]+)>/gi)].forEach((m, i) => {
      const units = m[1]!.split(' ').map((h) => Number.parseInt(h, 16));
      map.set(start + i, String.fromCharCode(...units));
    });
  }
  return map;
}
