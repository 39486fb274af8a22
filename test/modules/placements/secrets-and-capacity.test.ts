import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '../../../src/platform/logger.js';
import { build, type TestContext } from '../../support/app.js';
import { AUDIT, placementHelpers } from '../../support/placements.js';

type Person = Awaited<ReturnType<ReturnType<typeof placementHelpers>['person']>>;

const SECRET = '7 impasse des Glycines';

describe('secret addresses and the capacity dashboard', () => {
  let ctx: TestContext;
  let h: ReturnType<typeof placementHelpers>;
  let shelter: Person;
  let desk: Person;
  let coordinator: Person;
  let secretOffer: string;
  let openOffer: string;
  const lines: string[] = [];

  before(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    ctx = await build({ workers: true, logger: createLogger('debug', sink) });
    h = placementHelpers(ctx);
    shelter = await h.structure('Appartement protégé de test');
    desk = await h.person({ role: 'duty_desk', departements: '75' });
    coordinator = await h.person({ role: 'coordinator' });
    // A hidden flat in Strasbourg, and an ordinary shelter in Lyon.
    secretOffer = await h.offer(shelter.actor, {
      public: 'femmes',
      commune: '67482',
      capacity: 3,
      secretAddress: true,
      address: SECRET,
    });
    openOffer = await h.offer(shelter.actor, {
      public: 'femmes',
      commune: '69123',
      capacity: 2,
      address: '1 place Publique',
    });
  });
  after(() => ctx.close());

  test('a secret address never reaches other roles: search, lists, placement pages, e-mails, logs, the database', async () => {
    // Encrypted at rest.
    const row = await ctx.core.db
      .selectFrom('host_offers')
      .select('address')
      .where('id', '=', secretOffer)
      .executeTakeFirstOrThrow();
    assert.ok(row.address && !row.address.includes('Glycines'));

    const search = await desk.api.send('POST', '/api/v1/placements/search', {
      public: 'femmes',
      place: { commune: '75056' },
    });
    const hidden = search.json().results.find((r: { offerId: string }) => r.offerId === secretOffer);
    assert.equal(hidden.commune, null, 'no commune for a hidden shelter');
    assert.equal(hidden.distanceKm % 25, 0, 'distance rounded so that it cannot be triangulated');
    // Bisection on the minimum distance learns the band, not the distance: the filter uses the rounded figure too.
    const band = hidden.distanceKm;
    const includes = async (km: number) => {
      const found = await desk.api.send('POST', '/api/v1/placements/search', {
        public: 'femmes',
        place: { commune: '75056' },
        minDistanceKm: km,
      });
      assert.equal(found.statusCode, 200, found.body);
      return found.json().results.some((r: { offerId: string }) => r.offerId === secretOffer);
    };
    for (const km of [band - 12, band - 1, band]) assert.ok(await includes(km), `included at ${km} km`);
    for (const km of [band + 0.5, band + 1, band + 12])
      assert.ok(!(await includes(km)), `excluded at ${km} km`);
    assert.ok(!search.body.includes('Glycines') && !search.body.includes('Strasbourg'));
    const searchPage = await (await ctx.signIn(desk.user)).get(
      '/pro/placements/recherche?public=femmes&lieu=75056',
    );
    assert.equal(searchPage.statusCode, 200);
    assert.ok(!searchPage.body.includes('Glycines') && !searchPage.body.includes('Strasbourg'));
    assert.match(searchPage.body, /adresse protégée \(département 67\)/);

    // The requester follows the placement: the address of the ordinary shelter once accepted, never the secret one.
    const secretHold = (
      await desk.api.send('POST', '/api/v1/placements', {
        offerId: secretOffer,
        public: 'femmes',
        place: { commune: '75056' },
      })
    ).json();
    assert.equal(secretHold.distanceKm, band, 'the hold keeps the band, not the exact distance');
    const openHold = (
      await desk.api.send('POST', '/api/v1/placements', { offerId: openOffer, public: 'femmes' })
    ).json();
    await shelter.api.send('POST', `/api/v1/placements/${secretHold.id}/accept`, {});
    await shelter.api.send('POST', `/api/v1/placements/${openHold.id}/accept`, {});
    const deskBrowser = await ctx.signIn(desk.user);
    const secretPage = await deskBrowser.get(`/pro/placements/${secretHold.id}`);
    assert.equal(secretPage.statusCode, 200);
    assert.ok(!secretPage.body.includes('Glycines'));
    assert.match((await deskBrowser.get(`/pro/placements/${openHold.id}`)).body, /1 place Publique/);
    assert.ok(!(await deskBrowser.get('/pro/placements')).body.includes('Glycines'));
    assert.ok(!(await desk.api.send('GET', '/api/v1/placements')).body.includes('Glycines'));

    // The structure itself and a coordinator do read it.
    const shelterBrowser = await ctx.signIn(shelter.user);
    assert.match(
      (await shelterBrowser.get(`/pro/placements/${secretHold.id}`)).body,
      /7 impasse des Glycines/,
    );
    assert.match((await shelterBrowser.get(`/pro/offres/${secretOffer}`)).body, /7 impasse des Glycines/);
    const coordinatorBrowser = await ctx.signIn(coordinator.user);
    assert.match((await coordinatorBrowser.get(`/pro/offres/${secretOffer}`)).body, /7 impasse des Glycines/);
    // Another structure does not even see the offer.
    const other = await h.structure();
    assert.equal((await (await ctx.signIn(other.user)).get(`/pro/offres/${secretOffer}`)).statusCode, 404);

    // E-mails (request to the structure, answer to the requester) and logs.
    await ctx.waitForMail((m) => m.subject === `Relais — place acceptée ${secretHold.reference}`);
    await ctx.waitForMail((m) => m.subject === `Relais — demande de place ${secretHold.reference}`);
    for (const mail of ctx.smtp.messages) assert.ok(!mail.text.includes('Glycines'), `mail ${mail.subject}`);
    const logged = lines.join('');
    assert.ok(lines.length > 10, 'requests were logged');
    assert.ok(!logged.includes('Glycines'));
  });

  test('capacity: figures from the placements, by public and département, with gaps, a map and the same rows as CSV', async () => {
    // A men's offer, full: men have no free place anywhere.
    const men = await h.offer(shelter.actor, { public: 'hommes', commune: '13055', capacity: 1 });
    await ctx.core.services.placements.reservations.reserve(desk.actor, AUDIT, {
      offerId: men,
      public: 'hommes',
    });

    const national = await coordinator.api.send('GET', '/api/v1/capacity');
    assert.equal(national.statusCode, 200, national.body);
    const report = national.json();
    assert.equal(report.scope, 'national');
    const cell = (departement: string, pub: string) =>
      report.rows.find(
        (r: { departement: string; public: string }) => r.departement === departement && r.public === pub,
      );
    // Strasbourg: 3 places, one accepted (occupied); Lyon: 2 places, one accepted; Marseille: 1 place, held.
    assert.deepEqual(
      { ...cell('67', 'femmes') },
      {
        departement: '67',
        public: 'femmes',
        offers: 1,
        capacity: 3,
        free: 2,
        occupied: 1,
        held: 0,
        stale: 0,
        paused: 0,
      },
    );
    assert.deepEqual(
      { ...cell('13', 'hommes') },
      {
        departement: '13',
        public: 'hommes',
        offers: 1,
        capacity: 1,
        free: 0,
        occupied: 0,
        held: 1,
        stale: 0,
        paused: 0,
      },
    );
    const gaps = report.gaps.map((g: { public: string }) => g.public);
    assert.ok(
      gaps.includes('hommes') && gaps.includes('mineurs') && !gaps.includes('femmes'),
      `gaps ${gaps}`,
    );

    const rhone = (await coordinator.api.send('GET', '/api/v1/capacity?departement=69')).json();
    assert.equal(rhone.scope, '69');
    assert.deepEqual(
      rhone.rows.map((r: { departement: string }) => r.departement),
      ['69'],
    );
    const unknown = await coordinator.api.send('GET', '/api/v1/capacity?departement=00');
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().errors[0].message, 'Département inconnu.');

    // A structure sees its own offers only, and no gaps (it does not see the others').
    const other = await h.structure();
    await h.offer(other.actor, { public: 'familles', commune: '59350', capacity: 4 });
    const own = (await other.api.send('GET', '/api/v1/capacity')).json();
    assert.equal(own.scope, 'own');
    assert.deepEqual(
      own.rows.map((r: { departement: string; capacity: number }) => [r.departement, r.capacity]),
      [['59', 4]],
    );
    assert.deepEqual(own.gaps, []);

    // The page: a map of départements (with the same figures in titles) and the table; the CSV has the same rows.
    const browser = await ctx.signIn(coordinator.user);
    const page = await browser.get('/pro/capacite');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<svg class="relais-map" viewBox="0 0 613 585"/);
    assert.match(
      page.body,
      /<path d="[^"]+" class="q-2"><title>Bas-Rhin \(67\) : 2 libres sur 3, 1 occupées, 0 réservées<\/title>/,
    );
    assert.match(page.body, /class="q-0"><title>Bouches-du-Rhône \(13\)/);
    assert.match(page.body, /Aucune place libre pour : Hommes/);
    const csv = await browser.get('/pro/capacite.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /^text\/csv/);
    assert.match(
      csv.headers['content-disposition'] as string,
      /attachment; filename="capacite-national-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = csv.body.trim().split('\n');
    assert.equal(
      lines[0],
      'departement,nom_departement,public,offres,places,libres,occupees,reservees,offres_a_confirmer,offres_en_pause',
    );
    assert.ok(lines.includes('67,Bas-Rhin,femmes,1,3,2,1,0,0,0'));
    assert.equal(
      lines.length - 1,
      report.rows.length + 1,
      'the same rows as the API (plus the structure added since)',
    );
    const onlyMen = (await browser.get('/pro/capacite.csv?public=hommes')).body.trim().split('\n');
    assert.deepEqual(onlyMen.slice(1), ['13,Bouches-du-Rhône,hommes,1,1,0,0,1,0,0']);
  });

  test('capacity not confirmed for 7 days is stale: flagged, ranked after fresh offers, counted on the dashboard', async () => {
    ctx.clock.advance(8 * 24 * 3_600_000);
    const fresh = await h.offer(shelter.actor, { public: 'femmes', commune: '33063', capacity: 1 });
    const search = (
      await desk.api.send('POST', '/api/v1/placements/search', {
        public: 'femmes',
        place: { commune: '75056' },
      })
    ).json();
    const ids = search.results.map((r: { offerId: string }) => r.offerId);
    assert.equal(ids[0], fresh, 'the fresh offer first');
    const stale = search.results.find((r: { offerId: string }) => r.offerId === openOffer);
    assert.equal(stale.stale, true);
    assert.ok(stale.reasons.includes('stale'));
    const rows = (await coordinator.api.send('GET', '/api/v1/capacity?departement=69')).json().rows;
    assert.equal(rows[0].stale, 1);
    // One click confirms it.
    assert.equal(
      (await shelter.api.send('POST', `/api/v1/offers/${openOffer}/capacity`, {})).statusCode,
      204,
    );
    assert.equal(
      (await coordinator.api.send('GET', '/api/v1/capacity?departement=69')).json().rows[0].stale,
      0,
    );
    const below = await shelter.api.send('POST', `/api/v1/offers/${openOffer}/capacity`, { capacity: 0 });
    assert.equal(below.statusCode, 422, 'cannot go below the places in use');
  });
});
