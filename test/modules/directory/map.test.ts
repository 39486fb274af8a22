import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { build, type TestContext } from '../../support/app.js';

describe('the public map: list first, filters, CSV, GeoJSON, départements; nothing for professionals only', () => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};

  before(async () => {
    ctx = await build({ workers: false });
    // Thursday 26 November 2026, 10:00 in Paris.
    ctx.clock.set('2026-11-26T09:00:00Z');
    const db = ctx.core.db;
    const org = async (name: string, visibility: 'public' | 'professionnels' = 'public') =>
      (
        await db
          .insertInto('directory_organizations')
          .values({ name, visibility, is_synthetic: true })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const place = async (values: {
      organization: string;
      name: string;
      type: string;
      publics: string[];
      forms?: string[];
      languages?: string[];
      hours?: string;
      commune: string;
      departement: string;
      lat: number;
      lon: number;
      visibility?: 'public' | 'professionnels';
      locationVisibility?: 'public' | 'professionnels';
    }) => {
      const service = await db
        .insertInto('directory_services')
        .values({
          organization_id: values.organization,
          name: values.name,
          description: 'Service de démonstration (synthétique)',
          service_type: values.type,
          publics: values.publics,
          exploitation_forms: values.forms ?? [],
          languages: values.languages ?? [],
          opening_hours: values.hours ?? null,
          visibility: values.visibility ?? 'public',
          is_synthetic: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const location = await db
        .insertInto('directory_locations')
        .values({
          organization_id: values.organization,
          commune_code: values.commune,
          departement_code: values.departement,
          latitude: values.lat,
          longitude: values.lon,
          visibility: values.locationVisibility ?? 'public',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (
        await db
          .insertInto('directory_service_at_locations')
          .values({ service_id: service.id, location_id: location.id })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    };
    const a = await org('Association parisienne démo');
    const b = await org('Association lyonnaise démo');
    const hidden = await org('Réseau professionnel démo', 'professionnels');
    ids.parisMinors = await place({
      organization: a,
      name: 'Accueil de jour des mineurs',
      type: 'accueil_de_jour',
      publics: ['mineurs'],
      forms: ['delits'],
      languages: ['ro', 'fr'],
      hours: 'Mo-Fr 09:00-17:00',
      commune: '75056',
      departement: '75',
      lat: 48.86,
      lon: 2.35,
    });
    ids.parisLegal = await place({
      organization: a,
      name: 'Permanence juridique',
      type: 'juridique',
      publics: ['femmes'],
      hours: 'Sa 10:00-12:00',
      commune: '75056',
      departement: '75',
      lat: 48.85,
      lon: 2.36,
    });
    ids.lyon = await place({
      organization: b,
      name: 'Hébergement d’urgence',
      type: 'hebergement',
      publics: ['mineurs', 'femmes'],
      commune: '69123',
      departement: '69',
      lat: 45.76,
      lon: 4.84,
    });
    ids.proOnly = await place({
      organization: a,
      name: 'Orientation réservée aux professionnels',
      type: 'accompagnement_social',
      publics: ['mineurs'],
      commune: '75056',
      departement: '75',
      lat: 48.86,
      lon: 2.34,
      visibility: 'professionnels',
    });
    ids.hiddenOrg = await place({
      organization: hidden,
      name: 'Service du réseau professionnel',
      type: 'hebergement',
      publics: ['mineurs'],
      commune: '75056',
      departement: '75',
      lat: 48.87,
      lon: 2.33,
    });
    ids.hiddenLocation = await place({
      organization: b,
      name: 'Hébergement à adresse réservée',
      type: 'hebergement',
      publics: ['femmes'],
      commune: '13055',
      departement: '13',
      lat: 43.3,
      lon: 5.37,
      locationVisibility: 'professionnels',
    });
  });
  after(() => ctx.close());

  const get = (url: string) => ctx.client().get(url);

  test('the list works without JavaScript and filters by public, département, type, language, words and opening hours', async () => {
    const all = await get('/carte');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /3 lieux/);
    const minors75 = await get('/carte?public=mineurs&departement=75');
    assert.match(minors75.body, /1 lieu</);
    assert.match(minors75.body, /Accueil de jour des mineurs/);
    assert.ok(!minors75.body.includes('Hébergement d’urgence'));
    assert.match((await get('/carte?q=hebergement')).body, /Hébergement d’urgence/, 'accents ignored');
    assert.match((await get('/carte?langue=ro')).body, /1 lieu</);
    // Thursday 10:00: the day centre is open, the Saturday legal desk is not.
    const open = await get('/carte?ouvert=oui');
    assert.match(open.body, /Accueil de jour des mineurs/);
    assert.ok(!open.body.includes('Permanence juridique'));
    const bad = await get('/carte?public=martiens');
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Valeur inconnue/);
  });

  test('CSV of the current list, GeoJSON by bounds, a page per place, départements as a map and a table', async () => {
    const csv = await get('/carte.csv?departement=75');
    assert.match(csv.headers['content-type'] as string, /^text\/csv/);
    const lines = csv.body.trim().split('\n');
    assert.equal(lines.length, 3, 'header and the two Paris places');
    const geo = await get('/api/v1/directory/places.geojson?bbox=2.0,48.5,2.6,49.0&public=mineurs');
    assert.equal(geo.statusCode, 200);
    assert.match(geo.headers['content-type'] as string, /application\/geo\+json/);
    const features = geo.json().features;
    assert.deepEqual(
      features.map((f: { properties: { id: string } }) => f.properties.id),
      [ids.parisMinors],
    );
    assert.deepEqual(features[0].geometry.coordinates, [2.35, 48.86]);
    assert.equal((await get('/api/v1/directory/places.geojson?bbox=5,48,2,49')).statusCode, 422);
    const placePage = await get(`/carte/lieux/${ids.lyon}`);
    assert.equal(placePage.statusCode, 200);
    assert.match(placePage.body, /Hébergement d’urgence/);
    const departements = await get('/carte/departements');
    assert.match(departements.body, /<title>Paris \(75\) : 2 lieux<\/title>/);
    assert.match(departements.body, /Rhône \(69\)/);
  });

  test('no professionals-only entry, organisation or location leaks through any public page or endpoint', async () => {
    // The service of the reserved location is public; the location (its place, its coordinates) is not.
    const secrets = [
      'Orientation réservée aux professionnels',
      'Service du réseau professionnel',
      'Réseau professionnel démo',
      ids.proOnly,
      ids.hiddenOrg,
      ids.hiddenLocation,
    ];
    const urls = [
      '/carte',
      '/carte?public=mineurs',
      '/carte?q=reserve',
      '/carte?q=adresse',
      '/carte.csv',
      '/carte/departements',
      '/api/v1/directory/places.geojson',
      '/hsds/services',
      '/hsds/service_at_locations',
      '/hsds/organizations',
    ];
    for (const url of urls) {
      const { body } = await get(url);
      for (const secret of secrets) assert.ok(!body.includes(secret!), `${url} leaks ${secret}`);
    }
    for (const id of [ids.proOnly, ids.hiddenOrg, ids.hiddenLocation])
      assert.equal((await get(`/carte/lieux/${id}`)).statusCode, 404);
    const features = (await get('/api/v1/directory/places.geojson')).json().features;
    assert.ok(
      !features.some((f: { geometry: { coordinates: number[] } }) => f.geometry.coordinates[0] === 5.37),
      'the reserved location is not on the map',
    );
    assert.ok(!(await get('/carte.csv')).body.includes('43.3,5.37'));
    assert.doesNotMatch((await get('/carte/departements')).body, /Bouches-du-Rhône \(13\) : 1/);
  });

  test('keeping it true: the public reports an error; editors see it with the entries not verified for 12 months', async () => {
    const visitor = ctx.client();
    const page = await visitor.get(`/carte/lieux/${ids.lyon}`);
    assert.match(page.body, /pas été vérifiées depuis plus de 12 mois/, 'never verified: flagged');
    const short = await visitor.postForm(`/carte/lieux/${ids.lyon}/signaler`, { message: 'non' });
    assert.equal(short.statusCode, 422);
    assert.match(short.body, /Décrivez l’erreur/);
    const sent = await visitor.postForm(`/carte/lieux/${ids.lyon}/signaler`, {
      message: 'Le service a déménagé à Villeurbanne.',
    });
    assert.equal(sent.statusCode, 303);
    assert.match((await visitor.get(String(sent.headers.location))).body, /votre signalement a été transmis/);
    assert.equal(
      (
        await visitor.postForm(`/carte/lieux/${ids.proOnly}/signaler`, {
          message: 'Erreur sur une fiche réservée',
        })
      ).statusCode,
      404,
    );

    const real = await ctx.core.db
      .insertInto('directory_organizations')
      .values({ name: 'Organisation réelle à vérifier' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const service = await ctx.core.db
      .insertInto('directory_services')
      .values({
        organization_id: real.id,
        name: 'Service à vérifier',
        service_type: 'juridique',
        last_verified_at: new Date('2025-06-01T00:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const editor = await ctx.signIn(await ctx.createUser({ role: 'content_editor' }));
    const worklist = await editor.get('/pro/annuaire');
    assert.equal(worklist.statusCode, 200);
    assert.match(worklist.body, /Le service a déménagé à Villeurbanne\./);
    assert.match(worklist.body, /Service à vérifier/);
    assert.ok(
      !worklist.body.includes('Accueil de jour des mineurs'),
      'synthetic entries are not in the editors’ worklist',
    );
    const report = await ctx.core.db.selectFrom('directory_reports').select('id').executeTakeFirstOrThrow();
    assert.equal(
      (await editor.postForm(`/pro/annuaire/signalements/${report.id}/traite`, {})).statusCode,
      303,
    );
    assert.equal((await editor.postForm(`/pro/annuaire/services/${service.id}/verifie`, {})).statusCode, 303);
    const after = await editor.get('/pro/annuaire');
    assert.ok(!after.body.includes('Villeurbanne') && !after.body.includes('Service à vérifier'));
  });

  test('an organisation proposes changes to its own entry; editors see the diff and publish it', async () => {
    const member = await ctx.createUser({
      role: 'host_staff',
      scopeKind: 'organisation',
      organisation: { name: 'Foyer qui tient sa fiche', type: 'structure_accueil' },
    });
    const org = await ctx.core.db
      .insertInto('directory_organizations')
      .values({ name: 'Foyer qui tient sa fiche', organisation_id: member.organisationId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const service = await ctx.core.db
      .insertInto('directory_services')
      .values({
        organization_id: org.id,
        name: 'Accueil du foyer',
        service_type: 'hebergement',
        opening_hours: 'Mo-Fr 09:00-17:00',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const other = await ctx.core.db
      .selectFrom('directory_services')
      .select('id')
      .where('name', '=', 'Permanence juridique')
      .executeTakeFirstOrThrow();
    const pages = await ctx.signIn(member);
    assert.match((await pages.get('/pro/annuaire/mes-fiches')).body, /Accueil du foyer/);
    assert.equal(
      (await pages.postForm(`/pro/annuaire/mes-fiches/${other.id}`, { name: 'Détournée' })).statusCode,
      404,
      'not its own entry',
    );
    const bad = await pages.postForm(`/pro/annuaire/mes-fiches/${service.id}`, {
      name: 'Accueil du foyer',
      opening_hours: 'le matin',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Horaires illisibles/);
    assert.equal(
      (
        await pages.postForm(`/pro/annuaire/mes-fiches/${service.id}`, {
          name: 'Accueil du foyer',
          opening_hours: 'Mo-Sa 08:00-20:00',
        })
      ).statusCode,
      303,
    );

    const editor = await ctx.signIn(await ctx.createUser({ role: 'content_editor' }));
    const worklist = await editor.get('/pro/annuaire');
    assert.match(worklist.body, /Mo-Fr 09:00-17:00/);
    assert.match(worklist.body, /Mo-Sa 08:00-20:00/);
    const proposal = await ctx.core.db
      .selectFrom('directory_proposals')
      .select('id')
      .where('service_id', '=', service.id)
      .executeTakeFirstOrThrow();
    assert.equal(
      (await editor.postForm(`/pro/annuaire/propositions/${proposal.id}/accepter`, {})).statusCode,
      303,
    );
    const updated = await ctx.core.db
      .selectFrom('directory_services')
      .select(['opening_hours', 'last_verified_at'])
      .where('id', '=', service.id)
      .executeTakeFirstOrThrow();
    assert.equal(updated.opening_hours, 'Mo-Sa 08:00-20:00');
    assert.ok(updated.last_verified_at, 'accepting verifies the entry');
    assert.equal(
      (await editor.postForm(`/pro/annuaire/propositions/${proposal.id}/rejeter`, {})).statusCode,
      409,
      'once',
    );
  });

  test("the map follows the list's filters; its answers are cached per request, with an ETag, and cleared by a change", async () => {
    const names = async (url: string) =>
      (await get(url)).json().features.map((f: { properties: { service: string } }) => f.properties.service);
    // Every filter of the list reaches the map (language, open now: Thursday 10:00 in Paris).
    assert.deepEqual(await names('/api/v1/directory/places.geojson?langue=ro'), [
      'Accueil de jour des mineurs',
    ]);
    assert.deepEqual(await names('/api/v1/directory/places.geojson?departement=75&ouvert=oui'), [
      'Accueil de jour des mineurs',
    ]);
    assert.equal((await get('/api/v1/directory/places.geojson?langue=xx')).statusCode, 422);

    const first = await get('/api/v1/directory/places.geojson?departement=75');
    const etag = first.headers.etag as string;
    assert.match(etag, /^"[\w-]+"$/);
    assert.equal(first.headers['cache-control'], 'public, max-age=60');
    const again = await ctx
      .client()
      .get('/api/v1/directory/places.geojson?departement=75', { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');

    // Open now follows the clock, not the cache: Saturday 11:00 the legal clinic opens.
    ctx.clock.set('2026-11-28T10:00:00Z');
    assert.deepEqual(await names('/api/v1/directory/places.geojson?departement=75&ouvert=oui'), [
      'Permanence juridique',
    ]);

    // A change accepted through Relais shows at once (the same minute: the same cache key).
    const cached = (await get('/api/v1/directory/places.geojson?departement=75')).headers.etag;
    const legal = await ctx.core.db
      .selectFrom('directory_services')
      .select('id')
      .where('name', '=', 'Permanence juridique')
      .executeTakeFirstOrThrow();
    const proposal = await ctx.core.db
      .insertInto('directory_proposals')
      .values({ service_id: legal.id, changes: JSON.stringify({ name: 'Permanence juridique gratuite' }) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const editor = await ctx.signIn(await ctx.createUser({ role: 'content_editor' }));
    assert.equal(
      (await editor.postForm(`/pro/annuaire/propositions/${proposal.id}/accepter`, {})).statusCode,
      303,
    );
    const after = await get('/api/v1/directory/places.geojson?departement=75');
    assert.notEqual(after.headers.etag, cached);
    assert.ok(
      after
        .json()
        .features.some(
          (f: { properties: { service: string } }) =>
            f.properties.service === 'Permanence juridique gratuite',
        ),
    );
    ctx.clock.set('2026-11-26T09:00:00Z');
  });
});
