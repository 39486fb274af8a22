import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { build, type Client, type TestContext } from '../../support/app.js';

const HEADER =
  'source_id,organisation,service,type,description,adresse,code_postal,code_insee,publics,formes_exploitation,langues,horaires,telephone,courriel,site,visibilite';

describe('directory import: CSV and data·inclusion, dry run, line-by-line report, BAN geocoding, rerun-safe', () => {
  let ctx: TestContext;
  let api: Client;
  let ban: http.Server;
  const banQueries: string[] = [];

  before(async () => {
    // A real local HTTP server standing for the BAN: it knows one address, fails on another.
    ban = http.createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://ban.test');
      banQueries.push(url.searchParams.get('q') ?? '');
      if (url.searchParams.get('q')?.startsWith('12 rue Connue')) {
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({
            features: [{ geometry: { coordinates: [4.8357, 45.764] }, properties: { score: 0.9 } }],
          }),
        );
      } else {
        response.statusCode = 503;
        response.end();
      }
    });
    await new Promise<void>((resolve) => ban.listen(0, '127.0.0.1', resolve));
    ctx = await build({
      workers: false,
      env: { BAN_URL: `http://127.0.0.1:${(ban.address() as AddressInfo).port}/search/` },
    });
    const editor = await ctx.createUser({ role: 'content_editor' });
    api = ctx.client();
    api.bearer = (
      await ctx.core.services.accounts.apiTokens.createForEmail(
        editor.email,
        { actorUserId: null, actorOrganisationId: null, requestId: 't' },
        { name: 'import' },
      )
    ).token;
  });
  after(async () => {
    await ctx.close();
    await new Promise((resolve) => ban.close(resolve));
  });

  const run = (content: string, options: Record<string, unknown> = {}) =>
    api.send('POST', '/api/v1/directory/import', { format: 'csv', content, source: 'essai', ...options });
  const count = async () =>
    Number(
      (
        await ctx.core.db
          .selectFrom('directory_services')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('a wrong column is refused for the whole file; bad lines are reported by line and field; nothing is half-imported', async () => {
    const wrongColumn = await run(
      'source_id,organisation,service,type,code_insee,couleur\n1,A,B,juridique,75056,bleu\n',
    );
    assert.deepEqual(wrongColumn.json().problems, [
      { line: 1, field: 'couleur', problem: 'colonne inconnue' },
    ]);

    const csv = [
      HEADER,
      'a1,Association Démo,Permanence juridique,juridique,Conseils,,,75056,femmes,sexuelle,fr;en,Mo-Fr 09:00-17:00,,,,public',
      'a2,Association Démo,Hébergement,hebergement,,,,99999,femmes,,,,,,,public',
      'a3,Association Démo,Écoute,ligne_ecoute,,,,69123,,,,tous les jours de 9h à 17h,,,,public',
      'a4,=HYPERLINK("http://x"),Accueil,accueil_de_jour,,,,69123,,,,,,,,public',
      'a5,Association Démo,<script>alert(1)</script>,accueil_de_jour,,,,69123,,,,,,,,public',
    ].join('\n');
    const dry = (await run(csv)).json();
    assert.equal(dry.dryRun, true);
    assert.deepEqual([dry.lines, dry.valid, dry.imported], [5, 1, 0]);
    assert.deepEqual(
      dry.problems.map((p: { line: number; field: string }) => [p.line, p.field]),
      [
        [3, 'code_insee'],
        [4, 'horaires'],
        [5, 'organisation'],
        [6, 'service'],
      ],
    );
    assert.equal(await count(), 0, 'a dry run writes nothing');
    const strict = (await run(csv, { dryRun: false })).json();
    assert.equal(strict.imported, 0, 'errors: nothing imported unless asked for the valid lines');
    assert.equal(await count(), 0);
    const lenient = (await run(csv, { dryRun: false, validLinesOnly: true })).json();
    assert.equal(lenient.imported, 1);
    assert.equal(await count(), 1);
  });

  test('addresses go through the BAN; a failure keeps the line at its commune’s centre, flagged; a rerun updates', async () => {
    const csv = [
      HEADER,
      'b1,Accueil Lyon Démo,Accueil de jour,accueil_de_jour,,12 rue Connue,69001,69123,,,,,,,,public',
      'b2,Accueil Lyon Démo,Juriste,juridique,,3 rue Inconnue,69002,69123,,,,,,,,public',
    ].join('\n');
    const report = (await run(csv, { dryRun: false, source: 'lyon' })).json();
    assert.equal(report.imported, 2);
    assert.equal(report.geocodingFallbacks, 1);
    assert.deepEqual(
      report.problems.map((p: { line: number; field: string }) => [p.line, p.field]),
      [[3, 'adresse']],
    );
    const locations = await ctx.core.db
      .selectFrom('directory_locations as l')
      .innerJoin('directory_service_at_locations as sal', 'sal.location_id', 'l.id')
      .innerJoin('directory_services as s', 's.id', 'sal.service_id')
      .select(['s.source_id', 'l.geocoding', 'l.latitude', 'l.longitude'])
      .where('s.source', '=', 'lyon')
      .orderBy('s.source_id')
      .execute();
    assert.deepEqual(
      locations.map((l) => [l.source_id, l.geocoding]),
      [
        ['b1', 'address'],
        ['b2', 'failed'],
      ],
    );
    assert.equal(locations[0]!.latitude, 45.764);
    assert.ok(locations[1]!.latitude !== null, 'kept, at the commune’s centre');
    assert.ok(banQueries.some((q) => q.startsWith('12 rue Connue')));

    const again = (
      await run(csv.replace('Juriste', 'Juriste (mis à jour)'), { dryRun: false, source: 'lyon' })
    ).json();
    assert.equal(again.imported, 2);
    const services = await ctx.core.db
      .selectFrom('directory_services')
      .select('name')
      .where('source', '=', 'lyon')
      .orderBy('source_id')
      .execute();
    assert.deepEqual(
      services.map((s) => s.name),
      ['Accueil de jour', 'Juriste (mis à jour)'],
      'same source and id: updated, not duplicated',
    );
    const locationsAfter = await ctx.core.db
      .selectFrom('directory_locations')
      .select('id')
      .where('commune_code', '=', '69123')
      .execute();
    assert.equal(locationsAfter.length, 2, 'old locations replaced');
  });

  test('a data·inclusion export can be imported; the editors’ page shows the report', async () => {
    const json = JSON.stringify({
      structures: [{ id: 's1', nom: 'Structure data·inclusion démo' }],
      services: [
        {
          id: 'x1',
          structure_id: 's1',
          nom: 'Aide aux démarches',
          description: 'Accès aux droits',
          code_insee: '33063',
          horaires_accueil: 'Mo 10:00-12:00',
        },
      ],
    });
    const report = (await run(json, { format: 'data-inclusion', dryRun: false, source: 'di' })).json();
    assert.equal(report.imported, 1, JSON.stringify(report.problems));
    const editor = await ctx.signIn(await ctx.createUser({ role: 'content_editor' }));
    const page = await editor.postForm('/pro/annuaire/import', {
      format: 'csv',
      source: 'essai',
      content: 'pas,un,bon,fichier',
      mode: 'dry',
    });
    assert.equal(page.statusCode, 422);
    assert.match(page.body, /colonne inconnue/);
  });

  test('a long import runs in the background: its page shows the progress, then the report', async () => {
    const editor = await ctx.createUser({ role: 'content_editor' });
    const pages = await ctx.signIn(editor);
    const lines = Array.from(
      { length: 350 },
      (_, i) => `long-${i},Réseau long démo,Permanence ${i},juridique,,,,75056,,,,,,,,public`,
    );
    const sent = await pages.postForm('/pro/annuaire/import', {
      format: 'csv',
      source: 'longue',
      content: [HEADER, ...lines].join('\n'),
      mode: 'all',
    });
    assert.equal(sent.statusCode, 303);
    const url = String(sent.headers.location);
    assert.match(url, /^\/pro\/annuaire\/import\/[0-9a-f-]{36}$/);
    assert.match((await pages.get(url)).body, /Import en cours/);
    // The job (workers are off in this test): run it as the worker would.
    await ctx.core.services.directory.importQueue.execute(url.split('/').at(-1)!);
    const done = await pages.get(url);
    assert.match(done.body, /350 lignes lues, 350 valides, 350 importées/);
    const row = await ctx.core.db
      .selectFrom('directory_imports')
      .select(['content', 'status'])
      .executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.content], ['done', null], 'the file is not kept once imported');
  });
});
