import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { build, type Client, location, type TestContext } from '../../support/app.js';
import { DESKS, withDemoAlerting } from '../../support/alerting.js';
import { AUDIT, placementHelpers } from '../../support/placements.js';

type Person = Awaited<ReturnType<ReturnType<typeof placementHelpers>['person']>>;

describe('placement pages: offers, search, holds, OPP, capacity (server-rendered forms with DSFR errors)', () => {
  let ctx: TestContext;
  let h: ReturnType<typeof placementHelpers>;
  let shelter: Person;
  let desk: Person;
  let shelterPages: Client;
  let deskPages: Client;

  before(async () => {
    ctx = await build({ workers: false });
    ctx.clock.set('2026-11-26T09:00:00Z');
    const alerting = await withDemoAlerting(ctx);
    h = placementHelpers(ctx);
    shelter = await h.structure('Foyer de test des pages');
    desk = await h.person({ role: 'duty_desk', departements: '75' });
    await ctx.core.db
      .insertInto('desk_members')
      .values({ desk_id: alerting.deskId(DESKS.parquetMineurs), user_id: desk.user.id })
      .execute();
    shelterPages = await ctx.signIn(shelter.user);
    deskPages = await ctx.signIn(desk.user);
  });
  after(() => ctx.close());

  test('a structure declares an offer; bad input is shown on the form with the values kept', async () => {
    const form = await shelterPages.get('/pro/offres/nouvelle');
    assert.equal(form.statusCode, 200);
    const bad = await shelterPages.postForm('/pro/offres', {
      name: 'Accueil de mineures',
      public: 'mineures',
      capacity: '-2',
      specialisation: 'foster_families',
      fosterFamilyCount: '',
      minAge: '17',
      maxAge: '13',
      commune: 'Nulle-Part-sur-Mer',
      secretAddress: 'oui',
      address: '',
    });
    assert.equal(bad.statusCode, 422);
    const badOrganisation = await shelterPages.postForm('/pro/offres', {
      name: 'Offre',
      public: 'femmes',
      capacity: '1',
      specialisation: 'teh',
      commune: 'Limoges',
      organisationId: 'zz',
    });
    assert.equal(badOrganisation.statusCode, 422);
    for (const message of [
      'Indiquez un nombre de places entre 0 et 500.',
      'Indiquez le nombre de familles d’accueil (au moins 1).',
      'L’âge maximum doit être supérieur ou égal à l’âge minimum.',
      'Commune inconnue : vérifiez l’orthographe ou saisissez le code INSEE.',
      'Une adresse secrète doit être saisie (elle est chiffrée).',
    ]) {
      assert.ok(bad.body.includes(message), message);
    }
    assert.match(bad.body, /fr-input-group--error/);
    assert.match(bad.body, /value="Accueil de mineures"/, 'typed values are kept');
    assert.equal(
      await ctx.core.db
        .selectFrom('host_offers')
        .select('id')
        .where('name', '=', 'Accueil de mineures')
        .executeTakeFirst(),
      undefined,
    );

    const good = await shelterPages.postForm('/pro/offres', {
      name: 'Accueil de mineures',
      public: 'mineures',
      capacity: '2',
      specialisation: 'foster_families',
      fosterFamilyCount: '3',
      minAge: '13',
      maxAge: '17',
      languages: ['en', 'fr'],
      commune: 'Limoges',
    });
    assert.equal(good.statusCode, 303, good.body.slice(0, 500));
    assert.equal(location(good), '/pro/offres');
    const list = await shelterPages.get('/pro/offres');
    assert.match(list.body, /Offre déclarée\./);
    assert.match(list.body, /Accueil de mineures/);
    assert.match(list.body, /Limoges \(87\)/);
    assert.match(list.body, /2 places libres/);

    const offer = await ctx.core.db
      .selectFrom('host_offers')
      .select('id')
      .where('name', '=', 'Accueil de mineures')
      .executeTakeFirstOrThrow();
    const pause = await shelterPages.postForm(`/pro/offres/${offer.id}/statut`, { status: 'paused' });
    assert.equal(pause.statusCode, 303);
    assert.match((await shelterPages.get('/pro/offres')).body, /En pause/);
    const again = await shelterPages.postForm(`/pro/offres/${offer.id}/statut`, { status: 'paused' });
    assert.equal(again.statusCode, 303);
    assert.match((await shelterPages.get('/pro/offres')).body, /L’offre est déjà en pause\./);
    await shelterPages.postForm(`/pro/offres/${offer.id}/statut`, { status: 'open' });
    const tooMany = await shelterPages.postForm(`/pro/offres/${offer.id}/capacite`, { capacity: '9999' });
    assert.equal(tooMany.statusCode, 303);
    assert.match(
      (await shelterPages.get('/pro/offres')).body,
      /Capacité non modifiée : Indiquez un nombre de places entre 0 et 500\./,
    );
  });

  test('search by commune name, département or airport; bad input on the form; a hold; the structure accepts on its page', async () => {
    const offer = await h.offer(shelter.actor, {
      public: 'femmes',
      commune: '35238',
      capacity: 1,
      languages: ['ro'],
    });
    const negative = await deskPages.get('/pro/placements/recherche?public=femmes&lieu=Paris&distance=-3');
    assert.equal(negative.statusCode, 422);
    assert.match(negative.body, /L’éloignement ne peut pas être négatif\./);
    assert.match(negative.body, /value="-3"/);
    const unknown = await deskPages.get('/pro/placements/recherche?public=femmes&lieu=Atlantide');
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /Commune inconnue/);
    const several = await deskPages.get('/pro/placements/recherche?public=femmes&lieu=Saint-Denis');
    assert.equal(several.statusCode, 422);
    assert.match(several.body, /Plusieurs communes portent ce nom/);
    assert.match(several.body, /Saint-Denis \(93\)/);

    for (const lieu of ['Paris', '75', 'CDG', '75056']) {
      const found = await deskPages.get(`/pro/placements/recherche?public=femmes&lieu=${lieu}&langue=ro`);
      assert.equal(found.statusCode, 200, lieu);
      assert.match(found.body, /1 place proposée/, lieu);
      assert.match(found.body, /Langue parlée/);
    }

    const held = await deskPages.postForm('/pro/placements', {
      offerId: offer,
      public: 'femmes',
      lieu: 'Paris',
      urgence: 'immediate',
    });
    assert.equal(held.statusCode, 303, held.body.slice(0, 300));
    const placementUrl = location(held);
    const page = await deskPages.get(placementUrl);
    assert.match(page.body, /Place réservée \(PLC-2026-\d+\) : la structure est prévenue\./);
    assert.match(page.body, /Place réservée jusqu’au/);

    // The last place is taken: a second hold is refused on the search page, with fresh results.
    // An alert that is not one of the desk's (or not an alert at all) is refused clearly, not a server error.
    for (const alerte of ['abc', '00000000-0000-4000-8000-000000000000']) {
      const wrong = await deskPages.postForm('/pro/placements', {
        offerId: offer,
        public: 'femmes',
        lieu: 'Paris',
        alerte,
      });
      assert.equal(wrong.statusCode, 422, alerte);
      assert.match(wrong.body, /Alerte inconnue ou hors de vos permanences\./);
    }
    const refused = await deskPages.postForm('/pro/placements', {
      offerId: offer,
      public: 'femmes',
      lieu: 'Paris',
    });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Plus aucune place libre dans cette offre/);

    // The structure sees the request on its offers page and answers it.
    const offers = await shelterPages.get('/pro/offres');
    assert.match(offers.body, /1 demande à traiter/);
    const refuseWithout = await shelterPages.postForm(`${placementUrl}/refuser`, { reason: '' });
    assert.equal(refuseWithout.statusCode, 422);
    assert.match(refuseWithout.body, /Choisissez un motif\./);
    const accepted = await shelterPages.postForm(`${placementUrl}/accepter`, {});
    assert.equal(accepted.statusCode, 303);
    assert.match((await shelterPages.get(placementUrl)).body, /Demande acceptée/);
    assert.equal((await shelterPages.postForm(`${placementUrl}/arrivee`, {})).statusCode, 303);
    assert.equal(
      (await shelterPages.postForm(`${placementUrl}/fin`, { reason: 'transfer' })).statusCode,
      303,
    );
    const twice = await shelterPages.postForm(`${placementUrl}/fin`, { reason: 'transfer' });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /Ce placement est déjà terminé\./);
  });

  test('OPP pages: a referral with a Paris time, the countdown, an order with its errors kept on the form', async () => {
    const list = await deskPages.get('/pro/opp');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /value="2026-11-26T10:00"/, 'the referral time defaults to now, in Paris');
    const future = await deskPages.postForm('/pro/opp', { referredAt: '2026-11-27T10:00' });
    assert.equal(future.statusCode, 422);
    assert.match(future.body, /L’heure ne peut pas être dans le futur\./);
    const garbage = await deskPages.postForm('/pro/opp', { referredAt: 'demain' });
    assert.equal(garbage.statusCode, 422);
    assert.match(garbage.body, /Heure invalide/);

    // Referred at 08:30 Paris time (07:30 UTC): the deadline is Saturday 08:30.
    const referred = await deskPages.postForm('/pro/opp', { referredAt: '2026-11-26T08:30' });
    assert.equal(referred.statusCode, 303, referred.body.slice(0, 300));
    const detail = await deskPages.get(location(referred));
    assert.match(detail.body, /Délai de 48 h démarré \(OPP-2026-\d+\)/);
    assert.match(detail.body, /Reste 46 h 30/);
    assert.match(detail.body, /28\/11\/2026 08:30/);
    const opp = await ctx.core.db
      .selectFrom('opp_procedures')
      .selectAll()
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(opp.referred_at.toISOString(), '2026-11-26T07:30:00.000Z');

    const noCourt = await deskPages.postForm(`/pro/opp/${opp.id}/ordonnance`, {
      court: '',
      orderedAt: '2026-11-26T09:45',
    });
    assert.equal(noCourt.statusCode, 422);
    assert.match(noCourt.body, /Indiquez la juridiction\./);
    assert.match(noCourt.body, /value="2026-11-26T09:45"/);

    const host = await h.structure();
    const offer = await h.offer(host.actor, { public: 'mineures', commune: '86194', capacity: 1 });
    const placement = await ctx.core.services.placements.reservations.reserve(desk.actor, AUDIT, {
      offerId: offer,
      public: 'mineures',
    });
    await ctx.core.services.placements.reservations.accept(host.actor, AUDIT, placement.id);
    const ordered = await deskPages.postForm(`/pro/opp/${opp.id}/ordonnance`, {
      court: 'Juge des enfants de Paris',
      orderedAt: '2026-11-26T09:45',
      placementId: placement.id,
    });
    assert.equal(ordered.statusCode, 303, ordered.body.slice(0, 300));
    const done = await deskPages.get(`/pro/opp/${opp.id}`);
    assert.match(done.body, /OPP rendue dans le délai/);
    assert.match(done.body, /Juge des enfants de Paris/);
    const stop = await deskPages.postForm(`/pro/opp/${opp.id}/arret`, { reason: 'adult' });
    assert.equal(stop.statusCode, 409);
    assert.match(stop.body, /L’OPP est déjà enregistrée\./);
  });

  test('capacity page filters by département and public; a structure sees its own', async () => {
    const coordinator = await ctx.signIn((await h.person({ role: 'coordinator' })).user);
    const filtered = await coordinator.get('/pro/capacite?departement=35&public=femmes');
    assert.equal(filtered.statusCode, 200);
    assert.match(filtered.body, /Ille-et-Vilaine \(35\)/);
    assert.match(filtered.body, /href="\/pro\/capacite\.csv\?departement=35&amp;public=femmes"/);
    assert.ok(!/<td[^>]*>Vienne \(86\)/.test(filtered.body), 'other départements are not in the table');
    assert.match((await coordinator.get('/pro/capacite')).body, /<td[^>]*>Vienne \(86\)/);
    const bad = await coordinator.get('/pro/capacite?departement=XX');
    assert.equal(bad.statusCode, 400);
    const own = await shelterPages.get('/pro/capacite');
    assert.match(own.body, /Les places de votre structure/);
    assert.ok(!own.body.includes('relais-map" viewBox="0 0 613'), 'no national map for a structure');
    assert.equal((await deskPages.get('/pro/capacite')).statusCode, 403);
  });
});
