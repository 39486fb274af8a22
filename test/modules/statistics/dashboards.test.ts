import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { measure } from '../../../src/modules/steering/sources.js';
import type { DashboardKey } from '../../../src/modules/statistics/dashboards-scope.js';
import type { Actor } from '../../../src/platform/auth/roles.js';
import { build, type TestContext, type TestUser } from '../../support/app.js';
import { buildWorld, NOW, PERIOD, type World } from './dashboards-fixtures.js';

/** The chart's lines as [code, …values], total line last when there is one. */
type Lines = Array<[string, ...Array<number | null>]>;

describe('dashboards: figures per role’s scope, response times, CSV, bad filters', () => {
  let ctx: TestContext;
  let world: World;
  const actors = new Map<TestUser, Actor>();
  const actor = async (user: TestUser) => {
    if (!actors.has(user)) actors.set(user, await world.actor(user));
    return actors.get(user)!;
  };
  const chart = async (
    user: TestUser,
    dashboard: DashboardKey,
    breakdown: string,
    filter: Partial<typeof PERIOD & { departement: string }> = {},
  ): Promise<Lines> => {
    const [c] = await ctx.core.services.statistics.dashboards.charts(await actor(user), dashboard, {
      ...PERIOD,
      departement: '',
      breakdown,
      ...filter,
    });
    assert.ok(c, `${dashboard}/${breakdown}`);
    return [...c.rows, ...(c.total ? [c.total] : [])].map((r) => [r.key, ...r.values]);
  };
  /** Only the lines with a figure (months without anything are left out). */
  const nonZero = (lines: Lines) =>
    lines.filter(([, ...values]) => values.some((v) => v !== 0 && v !== null));
  const fieldsOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return {};
    } catch (error) {
      return (error as { fields?: Record<string, string> }).fields ?? { error: String(error) };
    }
  };

  before(async () => {
    ctx = await build({ workers: false });
    world = await buildWorld(ctx);
  });
  after(() => ctx?.close());

  test('the Paris coordinator counts Paris alerts only, by month, context, form, minors, nationality, département', async () => {
    const c75 = world.coordinator75;
    const months = await chart(c75, 'alertes', 'month');
    assert.equal(months.length, 12, 'eleven months of 2026 and the total');
    assert.deepEqual(nonZero(months), [
      ['2026-02', 1, 1],
      ['2026-03', 2, 0],
      ['total', 3, 1],
    ]);
    assert.deepEqual(await chart(c75, 'alertes', 'context'), [
      ['aeroport', 1],
      ['domicile', 1],
      ['voie_publique', 1],
      ['total', 3],
    ]);
    assert.deepEqual(await chart(c75, 'alertes', 'form'), [
      ['', 1],
      ['mendicite', 1],
      ['sexuelle', 1],
      ['travail_force', 1],
    ]);
    assert.deepEqual(await chart(c75, 'alertes', 'minor'), [
      ['yes', 1],
      ['no', 2],
      ['total', 3],
    ]);
    assert.deepEqual(await chart(c75, 'alertes', 'nationality'), [
      ['RO', 2, 0],
      ['', 1, 0],
      ['NG', 1, 1],
      ['total', 4, 1],
    ]);
    assert.deepEqual(await chart(c75, 'alertes', 'departement'), [
      ['75', 3, 1],
      ['total', 3, 1],
    ]);
    // The Marseille coordinator sees Marseille's only; the national coordinator both; the duty desk its desk's alerts.
    assert.deepEqual(await chart(world.coordinator13, 'alertes', 'departement'), [
      ['13', 1, 1],
      ['total', 1, 1],
    ]);
    assert.deepEqual((await chart(world.national, 'alertes', 'minor')).at(-1), ['total', 4]);
    assert.deepEqual((await chart(world.deskMember, 'alertes', 'context')).at(-1), ['total', 2]);
  });

  test('response times: medians and 9-in-10 per stage, OPP within 48 h, the same figures as the plan’s indicators', async () => {
    assert.deepEqual(await chart(world.coordinator75, 'delais', 'stage'), [
      ['acknowledgement', 2, 2, 2.8],
      ['takeover', 1, 3, 3],
      ['placement', 1, 30, 30],
    ]);
    assert.deepEqual(await chart(world.national, 'delais', 'stage'), [
      ['acknowledgement', 3, 3, 4.6],
      ['takeover', 2, 6.5, 9.3],
      ['placement', 1, 30, 30],
    ]);
    const monthly = await chart(world.coordinator75, 'delais', 'month');
    assert.deepEqual(
      monthly.find(([k]) => k === '2026-02'),
      ['2026-02', 1, 3, 30],
    );
    assert.deepEqual(
      monthly.find(([k]) => k === '2026-03'),
      ['2026-03', 3, null, null],
    );
    assert.deepEqual(
      monthly.find(([k]) => k === '2026-05'),
      ['2026-05', null, null, null],
    );

    const opp = await chart(world.coordinator75, 'delais', 'opp');
    assert.deepEqual(
      opp.filter(([, n]) => n !== 0),
      [
        ['2026-02', 1, 1, 100],
        ['2026-03', 2, 0, 0],
        ['total', 3, 1, 33.3],
      ],
    );
    assert.deepEqual((await chart(world.coordinator13, 'delais', 'opp')).at(-1), ['total', 0, 0, null]);

    const now = new Date(NOW);
    const steering = async (source: 'ack_hours' | 'opp_48h' | 'trial_presence') =>
      (await measure(ctx.core.db, source, PERIOD.from, PERIOD.to, null, now)).value;
    assert.equal(await steering('ack_hours'), 3);
    assert.equal(await steering('opp_48h'), (await chart(world.national, 'delais', 'opp')).at(-1)?.[3]);
    assert.equal(await steering('trial_presence'), (await chart(world.national, 'suivis', 'trial'))[0]?.[2]);
  });

  test('placements: a structure sees its own, a desk what its organisation asked, capacity use today', async () => {
    const staff = world.hostStaff;
    assert.deepEqual(nonZero(await chart(staff, 'placements', 'month')), [
      ['2026-02', 1, 1, 1],
      ['2026-11', 1, 0, 0],
      ['total', 2, 1, 1],
    ]);
    assert.deepEqual(await chart(staff, 'placements', 'status'), [
      ['held', 1],
      ['started', 1],
      ['total', 2],
    ]);
    assert.deepEqual(await chart(staff, 'placements', 'capacity'), [
      ['femmes', 4, 2, 50],
      ['total', 4, 2, 50],
    ]);
    assert.deepEqual((await chart(world.deskMember, 'placements', 'status')).at(-1), ['total', 3]);
    assert.deepEqual(await chart(world.deskMember, 'placements', 'capacity'), [['total', 0, 0, null]]);
    assert.deepEqual(await chart(world.coordinator13, 'placements', 'status'), [
      ['refused', 1],
      ['total', 1],
    ]);
    assert.deepEqual(await chart(world.coordinator13, 'placements', 'capacity'), [
      ['mineures', 3, 0, 0],
      ['total', 3, 0, 0],
    ]);
  });

  test('case files: outcomes, runaways and presence at trial of the organisation’s files; the coordinator’s by the lead’s département', async () => {
    const worker = world.caseWorker;
    assert.deepEqual(nonZero(await chart(worker, 'suivis', 'month')), [
      ['2026-01', 1, 0],
      ['2026-03', 1, 0],
      ['2026-04', 0, 1],
      ['total', 2, 1],
    ]);
    assert.deepEqual(await chart(worker, 'suivis', 'outcome'), [
      ['autonomy', 1],
      ['total', 1],
    ]);
    assert.deepEqual(nonZero(await chart(worker, 'suivis', 'runaway')), [
      ['2026-02', 1, 1],
      ['total', 1, 1],
    ]);
    assert.deepEqual(await chart(worker, 'suivis', 'trial'), [
      ['present', 1, 50],
      ['absent', 1, 50],
      ['unknown', 0, 0],
      ['total', 2, 100],
    ]);
    assert.deepEqual(await chart(world.coordinator75, 'suivis', 'outcome'), [
      ['contact_lost', 1],
      ['total', 1],
    ]);
    assert.deepEqual(nonZero(await chart(world.coordinator75, 'suivis', 'runaway')), [
      ['2026-02', 1, 0],
      ['total', 1, 0],
    ]);
  });

  test('training counts: trainers see all, a departmental coordinator its départements', async () => {
    assert.deepEqual(await chart(world.trainer, 'formations', 'category'), [
      ['police_gendarmerie', 0, 2, 2],
      ['magistrature', 0, 1, 1],
      ['total', 0, 3, 3],
    ]);
    assert.deepEqual(await chart(world.coordinator75, 'formations', 'category'), [
      ['magistrature', 0, 1, 1],
      ['police_gendarmerie', 0, 1, 1],
      ['total', 0, 2, 2],
    ]);
    assert.deepEqual(await chart(world.national, 'formations', 'departement'), [
      ['75', 2],
      ['13', 1],
      ['total', 3],
    ]);
    assert.deepEqual(await chart(world.national, 'formations', 'category', { departement: '13' }), [
      ['police_gendarmerie', 0, 1, 1],
      ['total', 0, 1, 1],
    ]);
  });

  test('who has which dashboards; a role with none has none', async () => {
    const { dashboards } = ctx.core.services.statistics;
    assert.deepEqual(dashboards.available(await actor(world.coordinator75)), [
      'alertes',
      'delais',
      'placements',
      'suivis',
      'formations',
    ]);
    assert.deepEqual(dashboards.available(await actor(world.deskMember)), [
      'alertes',
      'delais',
      'placements',
    ]);
    assert.deepEqual(dashboards.available(await actor(world.hostStaff)), ['placements']);
    assert.deepEqual(dashboards.available(await actor(world.caseWorker)), ['placements', 'suivis']);
    assert.deepEqual(dashboards.available(await actor(world.trainer)), ['formations']);
    assert.deepEqual(dashboards.available(await actor(world.frontline)), []);
  });

  test('bad filters are refused with one clear message per field', async () => {
    const { dashboards } = ctx.core.services.statistics;
    const c75 = await actor(world.coordinator75);
    const check = (filter: Partial<{ from: string; to: string; departement: string; breakdown: string }>) =>
      fieldsOf(dashboards.charts(c75, 'alertes', { ...PERIOD, departement: '', breakdown: '', ...filter }));
    const key = (k: string) => `statistics.dashboards.errors.${k}`;
    assert.deepEqual(await check({ from: '2099-01-01', to: '2099-02-01' }), {
      from: key('future'),
      to: key('future'),
    });
    assert.deepEqual(await check({ to: '2026-12-31' }), { to: key('future') });
    assert.deepEqual(await check({ from: '2026-05-01', to: '2026-04-01' }), { to: key('endBeforeStart') });
    assert.deepEqual(await check({ from: 'hier' }), { from: key('date') });
    assert.deepEqual(await check({ from: '2026-02-30' }), { from: key('date') });
    assert.deepEqual(await check({ from: '2000-01-01' }), { from: key('tooLong') });
    assert.deepEqual(await check({ breakdown: 'astrologie' }), { breakdown: key('breakdown') });
    assert.deepEqual(await check({ departement: '13' }), { departement: key('departementOutside') });
    assert.deepEqual(await check({ departement: '99' }), { departement: key('departementUnknown') });
    assert.deepEqual(
      await fieldsOf(
        dashboards.charts(await actor(world.frontline), 'alertes', {
          ...PERIOD,
          departement: '',
          breakdown: '',
        }),
      ),
      { error: 'Error: statistics.dashboards.errors.nothing' },
    );
  });

  test('pages: the coordinator reads each chart’s table, and its CSV holds the same lines', async () => {
    const client = await ctx.signIn(world.coordinator75);
    const overview = await client.get('/pro/statistiques');
    assert.equal(overview.statusCode, 200);
    for (const d of ['alertes', 'delais', 'placements', 'suivis', 'formations'])
      assert.match(overview.body, new RegExp(`href="/pro/statistiques/${d}"`));

    const query = `from=${PERIOD.from}&to=${PERIOD.to}`;
    const page = await client.get(`/pro/statistiques/alertes?${query}`);
    assert.equal(page.statusCode, 200);
    assert.equal((page.body.match(/<svg /g) ?? []).length, 6, 'six charts');
    assert.match(page.body, /Chiffres de :.*Paris \(75\)/s);
    const section = page.body
      .split('aria-labelledby="graphique-alertes-nationality-heading"')[1]!
      .split('</table>')[0]!;
    const cells = [...section.split('<tbody>')[1]!.matchAll(/<tr>(.*?)<\/tr>/gs)].map((row) =>
      [...row[1]!.matchAll(/<td>(.*?)<\/td>/gs)].map((cell) =>
        cell[1]!
          .replace(/<[^>]+>/g, '')
          .replace(/&#x27;|&#39;/g, "'")
          .trim(),
      ),
    );
    assert.deepEqual(cells, [
      ['Roumanie', '2', '0'],
      ['Nationalité inconnue', '1', '0'],
      ['Nigeria', '1', '1'],
      ['Total', '4', '1'],
    ]);

    const csv = await client.get(`/pro/statistiques/alertes.csv?${query}&breakdown=nationality`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(
      String(csv.headers['content-disposition']),
      /alertes-nationality-2026-01-01-2026-11-20\.csv/,
    );
    assert.ok(csv.body.startsWith('\uFEFF'));
    const lines = parse(csv.body.slice(1), { columns: true }) as Array<Record<string, string>>;
    assert.deepEqual(Object.keys(lines[0]!), ['du', 'au', 'code', 'libelle', 'personnes', 'dont_mineurs']);
    assert.deepEqual(
      lines.map((l) => [l.libelle, l.personnes, l.dont_mineurs]),
      cells,
    );
    assert.deepEqual(
      lines.map((l) => l.code),
      ['RO', '', 'NG', 'total'],
    );

    // Hours and shares: the CSV keeps plain numbers, the table prints units.
    const delays = await client.get(`/pro/statistiques/delais.csv?${query}&breakdown=stage`);
    assert.match(delays.body, /acknowledgement,Prise en compte,2,2,2\.8/);
    const delaysPage = await client.get(`/pro/statistiques/delais?${query}&breakdown=opp`);
    assert.match(delaysPage.body, /33,3\u00a0%/);
  });

  test('bad input over HTTP: field errors on the page, problem+json on the CSV, a page (not an error) for a role with nothing', async () => {
    const client = await ctx.signIn(world.coordinator75);
    const future = await client.get('/pro/statistiques/alertes?from=2099-01-01&to=2099-01-31');
    assert.equal(future.statusCode, 422);
    assert.match(future.body, /Cette date est dans le futur/);
    const outside = await client.get(
      `/pro/statistiques/suivis?from=${PERIOD.from}&to=${PERIOD.to}&departement=13`,
    );
    assert.equal(outside.statusCode, 422);
    assert.match(outside.body, /Ce département n’est pas dans votre périmètre\./);
    const unknownPage = await client.get('/pro/statistiques/alertes?breakdown=astrologie');
    assert.equal(unknownPage.statusCode, 422);
    assert.match(unknownPage.body, /Ce graphique n’existe pas dans ce tableau de bord\./);

    const unknown = await client.get('/pro/statistiques/alertes.csv?breakdown=astrologie');
    assert.equal(unknown.statusCode, 400);
    assert.match(String(unknown.headers['content-type']), /^application\/problem\+json/);
    const problem = unknown.json() as { title: string; errors: Array<{ field: string; message: string }> };
    assert.equal(problem.title, 'Les filtres de ce téléchargement ne conviennent pas.');
    assert.deepEqual(problem.errors, [
      { field: 'breakdown', message: 'Ce graphique n’existe pas dans ce tableau de bord.' },
    ]);
    const missing = await client.get('/pro/statistiques/alertes.csv');
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Choisissez le graphique à télécharger/);
    const futureCsv = await client.get('/pro/statistiques/alertes.csv?breakdown=month&to=2099-01-01');
    assert.equal(futureCsv.statusCode, 400);
    assert.deepEqual(
      (futureCsv.json() as { errors: Array<{ field: string }> }).errors.map((e) => e.field),
      ['to'],
    );

    const frontline = await ctx.signIn(world.frontline);
    const none = await frontline.get('/pro/statistiques');
    assert.equal(none.statusCode, 200);
    assert.match(none.body, /Aucun tableau de bord pour votre rôle/);
    const nothing = await frontline.get('/pro/statistiques/alertes');
    assert.equal(nothing.statusCode, 200);
    assert.match(nothing.body, /Rien à afficher pour votre rôle/);
    const refused = await frontline.get('/pro/statistiques/alertes.csv?breakdown=month');
    assert.equal(refused.statusCode, 403);
    assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
  });
});
