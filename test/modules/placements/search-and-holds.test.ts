import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HOUR, MINUTE } from '../../../src/platform/time/clock.js';
import { build, type TestContext } from '../../support/app.js';
import { AUDIT, placementHelpers } from '../../support/placements.js';

type Helpers = ReturnType<typeof placementHelpers>;
type Person = Awaited<ReturnType<Helpers['person']>>;

describe('placement search and holds', () => {
  let ctx: TestContext;
  let h: Helpers;
  let desk: Person;
  let host: Person;

  before(async () => {
    ctx = await build({ workers: false });
    h = placementHelpers(ctx);
    desk = await h.person({ role: 'duty_desk', departements: '75' });
    host = await h.structure();
  });
  after(() => ctx.close());

  const search = (body: unknown) => desk.api.send('POST', '/api/v1/placements/search', body);

  test('éloignement: a structure 40 km from the place of exploitation is excluded at 100 km, included at 30 km', async () => {
    // Meaux is about 40 km from the centre of Paris.
    const meaux = await h.offer(host.actor, { public: 'hommes', commune: '77284', capacity: 3 });
    const far = await search({ public: 'hommes', place: { commune: '75056' }, includeExcluded: true });
    assert.equal(far.statusCode, 200, far.body);
    assert.equal(far.json().criteria.minDistanceKm, 100, 'the default éloignement is 100 km');
    assert.ok(!far.json().results.some((r: { offerId: string }) => r.offerId === meaux));
    const excluded = far.json().excluded.find((e: { offerId: string }) => e.offerId === meaux);
    assert.deepEqual(excluded.reasons, ['too_close']);

    const near = await search({ public: 'hommes', place: { commune: '75056' }, minDistanceKm: 30 });
    const found = near.json().results.find((r: { offerId: string }) => r.offerId === meaux);
    assert.ok(found, 'included at 30 km');
    assert.ok(found.distanceKm >= 38 && found.distanceKm <= 43, `distance ${found.distanceKm}`);
    assert.deepEqual(found.reasons.slice(0, 3), ['public', 'free_place', 'far_enough']);
    assert.equal(found.freePlaces, 3);
  });

  test('hard filters then ranking: public, conditions, paused and full offers; language and specialisation rank first', async () => {
    const staff = host.actor;
    // From Roissy-CDG: Lyon, Rennes and Tours are all far enough.
    const lyonTeh = await h.offer(staff, {
      public: 'mineures',
      commune: '69123',
      specialisation: 'teh',
      languages: ['en'],
      minAge: 13,
      maxAge: 17,
    });
    const rennes = await h.offer(staff, { public: 'mineures', commune: '35238', minAge: 15, maxAge: 17 });
    const tours = await h.offer(staff, { public: 'mineures', commune: '37261', capacity: 1 });
    const paused = await h.offer(staff, { public: 'mineures', commune: '44109' });
    await ctx.core.services.placements.offers.setStatus(staff, AUDIT, paused, 'paused');
    await h.offer(staff, { public: 'femmes', commune: '31555' });
    // Tours is full: its only place is held.
    await ctx.core.services.placements.reservations.reserve(desk.actor, AUDIT, {
      offerId: tours,
      public: 'mineures',
    });

    const response = await search({
      public: 'mineures',
      age: 14,
      languages: ['en'],
      place: { airport: 'CDG' },
      includeExcluded: true,
    });
    assert.equal(response.statusCode, 200, response.body);
    const { results, excluded } = response.json();
    assert.deepEqual(
      results.map((r: { offerId: string }) => r.offerId),
      [lyonTeh],
      'Rennes takes 15–17 only, Tours is full, Nantes paused, Toulouse hosts women',
    );
    assert.ok(results[0].reasons.includes('language') && results[0].reasons.includes('specialised'));
    const why = Object.fromEntries(
      excluded.map((e: { offerId: string; reasons: string[] }) => [e.offerId, e.reasons]),
    );
    assert.deepEqual(why[rennes], ['age']);
    assert.deepEqual(why[tours], ['full']);
    assert.deepEqual(why[paused], ['paused']);

    // Without the age, Rennes comes back, after Lyon (language, specialisation).
    const again = (await search({ public: 'mineures', languages: ['en'], place: { airport: 'CDG' } })).json();
    assert.deepEqual(
      again.results.map((r: { offerId: string }) => r.offerId),
      [lyonTeh, rennes],
    );
  });

  test('bad input: negative distance, unknown commune, unknown département, missing public — clear problem+json', async () => {
    const negative = await search({ public: 'femmes', place: { commune: '75056' }, minDistanceKm: -5 });
    assert.equal(negative.statusCode, 422);
    assert.match(negative.headers['content-type'] as string, /application\/problem\+json/);
    assert.deepEqual(negative.json().errors, [
      { field: 'minDistanceKm', message: 'L’éloignement ne peut pas être négatif.' },
    ]);

    const unknown = await search({ public: 'femmes', place: { commune: '99999' } });
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().errors[0].field, 'place.commune');
    assert.match(unknown.json().errors[0].message, /Commune inconnue/);

    const departement = await search({ public: 'femmes', place: { departement: '00' } });
    assert.equal(departement.statusCode, 422);

    const noPublic = await search({ place: { commune: '75056' } });
    assert.equal(noPublic.statusCode, 422);
    assert.equal(noPublic.json().errors[0].field, 'public');

    const badShape = await search({ public: 'femmes', place: { commune: '75056', airport: 'CDG' } });
    assert.equal(badShape.statusCode, 400, 'one place only');
  });

  test('50 concurrent reservations of the last free place: exactly one succeeds, 49 are clearly refused', async () => {
    const offer = await h.offer(host.actor, {
      public: 'familles',
      commune: '13055',
      capacity: 1,
      accompaniedChildren: true,
    });
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        desk.api.send('POST', '/api/v1/placements', { offerId: offer, public: 'familles' }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    assert.equal(statuses.filter((s) => s === 201).length, 1, `statuses: ${statuses.join(',')}`);
    const refusals = responses.filter((r) => r.statusCode !== 201);
    assert.equal(refusals.length, 49);
    for (const refusal of refusals) {
      assert.equal(refusal.statusCode, 409);
      assert.equal(
        refusal.json().title,
        'Plus aucune place libre dans cette offre : elle vient d’être réservée. Choisissez une autre structure.',
      );
    }
    const held = await ctx.core.db
      .selectFrom('placements')
      .select('id')
      .where('offer_id', '=', offer)
      .execute();
    assert.equal(held.length, 1, 'one row, no phantom hold');
  });

  test('a hold on a paused offer is refused; a hold expires by itself (job) and frees the place; accepting it then is refused', async () => {
    const offer = await h.offer(host.actor, { public: 'hommes', commune: '33063', capacity: 1 });
    await ctx.core.services.placements.offers.setStatus(host.actor, AUDIT, offer, 'paused');
    const onPaused = await desk.api.send('POST', '/api/v1/placements', { offerId: offer, public: 'hommes' });
    assert.equal(onPaused.statusCode, 409);
    assert.match(onPaused.json().title, /en pause/);
    await ctx.core.services.placements.offers.setStatus(host.actor, AUDIT, offer, 'open');

    const created = await desk.api.send('POST', '/api/v1/placements', {
      offerId: offer,
      public: 'hommes',
      holdHours: 1,
    });
    assert.equal(created.statusCode, 201, created.body);
    const { id, holdExpiresAt } = created.json();
    assert.equal(new Date(holdExpiresAt).getTime(), ctx.clock.now().getTime() + HOUR);
    const full = await desk.api.send('POST', '/api/v1/placements', { offerId: offer, public: 'hommes' });
    assert.equal(full.statusCode, 409, 'the only place is held');

    ctx.clock.advance(HOUR + MINUTE);
    // The place is free again as soon as the hold is past, even before the job marks it.
    const meanwhile = await desk.api.send('POST', '/api/v1/placements/search', {
      public: 'hommes',
      place: { commune: '75056' },
    });
    assert.equal(
      meanwhile.json().results.find((r: { offerId: string }) => r.offerId === offer)?.freePlaces,
      1,
    );
    const accept = await host.api.send('POST', `/api/v1/placements/${id}/accept`, {});
    assert.equal(accept.statusCode, 409);
    assert.match(accept.json().title, /La réservation a expiré/);

    // The sweep job (every minute) marks it expired.
    assert.equal(await ctx.core.services.placements.reservations.expireHolds(), 1);
    const after = await desk.api.send('GET', `/api/v1/placements/${id}`);
    assert.equal(after.json().status, 'expired');
    assert.equal(await ctx.core.services.placements.reservations.expireHolds(), 0, 'once');
  });

  test('hold → accept → start → end; ending twice, refusing without a reason, acting as another structure: clear errors', async () => {
    const offer = await h.offer(host.actor, { public: 'femmes', commune: '67482', capacity: 2 });
    const { id } = (
      await desk.api.send('POST', '/api/v1/placements', {
        offerId: offer,
        public: 'femmes',
        place: { commune: '75056' },
      })
    ).json();
    const other = await h.structure();
    const stranger = await other.api.send('POST', `/api/v1/placements/${id}/accept`, {});
    assert.equal(stranger.statusCode, 404, 'another structure does not see it');
    const startEarly = await host.api.send('POST', `/api/v1/placements/${id}/start`, {});
    assert.equal(startEarly.statusCode, 409);

    const accepted = await host.api.send('POST', `/api/v1/placements/${id}/accept`, {});
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().status, 'accepted');
    assert.equal(
      (await host.api.send('POST', `/api/v1/placements/${id}/start`, {})).json().status,
      'started',
    );
    const capacity = (await host.api.send('GET', '/api/v1/offers'))
      .json()
      .offers.find((o: { id: string }) => o.id === offer);
    assert.deepEqual([capacity.occupied, capacity.held, capacity.free], [1, 0, 1]);

    const badReason = await host.api.send('POST', `/api/v1/placements/${id}/end`, { reason: 'vacances' });
    assert.equal(badReason.statusCode, 400);
    const ended = await host.api.send('POST', `/api/v1/placements/${id}/end`, {
      reason: 'autonomy',
      note: 'Logement trouvé.',
    });
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(ended.json().endReason, 'autonomy');
    const twice = await host.api.send('POST', `/api/v1/placements/${id}/end`, { reason: 'autonomy' });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.json().title, /déjà terminé/);
    const freed = (await host.api.send('GET', '/api/v1/offers'))
      .json()
      .offers.find((o: { id: string }) => o.id === offer);
    assert.equal(freed.free, 2, 'the place is free again');
    // The note is encrypted at rest.
    const row = await ctx.core.db
      .selectFrom('placements')
      .select('note')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.ok(row.note && !row.note.includes('Logement'));
  });

  test('refusal frees the place and tells the requester by e-mail, with the reason', async () => {
    const mailCtx = await build({ workers: true });
    try {
      const mh = placementHelpers(mailCtx);
      const requester = await mh.person({ role: 'case_worker', scopeKind: 'organisation' });
      const structure = await mh.structure();
      const offer = await mh.offer(structure.actor, { public: 'femmes', commune: '69123', capacity: 1 });
      const held = await requester.api.send('POST', '/api/v1/placements', {
        offerId: offer,
        public: 'femmes',
      });
      const { id, reference } = held.json();
      await mailCtx.waitForMail(
        (m) => m.to.includes(structure.user.email) && m.subject === `Relais — demande de place ${reference}`,
      );
      const refused = await structure.api.send('POST', `/api/v1/placements/${id}/refuse`, {
        reason: 'language',
      });
      assert.equal(refused.json().status, 'refused');
      const mail = await mailCtx.waitForMail(
        (m) => m.to.includes(requester.user.email) && m.subject === `Relais — place refusée ${reference}`,
      );
      assert.match(mail.text, /: Langue\./);
      const again = await requester.api.send('POST', '/api/v1/placements', {
        offerId: offer,
        public: 'femmes',
      });
      assert.equal(again.statusCode, 201, 'the place is free again');
    } finally {
      await mailCtx.close();
    }
  });
});
