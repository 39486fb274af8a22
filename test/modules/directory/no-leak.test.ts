import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDemoDirectory } from '../../../seeds/demo-directory.js';
import { seedDemoPlacements } from '../../../seeds/demo-placements.js';
import { build, type TestContext } from '../../support/app.js';
import { withDemoAlerting } from '../../support/alerting.js';
import { AUDIT, placementHelpers } from '../../support/placements.js';

/**
 * Walks every public GET route of the application (without a session) with demo data that holds hidden shelters
 * and professionals-only directory entries, and proves none of them shows up.
 */
describe('no professionals-only entry and no secret address on any public page or endpoint', () => {
  let ctx: TestContext;
  const secrets: string[] = [];
  const ids: Record<string, string> = {};

  before(async () => {
    ctx = await build({ workers: false });
    await withDemoAlerting(ctx);
    await seedDemoPlacements(ctx.core);
    await seedDemoDirectory(ctx.core);
    const h = placementHelpers(ctx);
    const shelter = await h.structure('Refuge secret de la vérification');
    await h.offer(shelter.actor, {
      public: 'femmes',
      commune: '67482',
      secretAddress: true,
      address: '9 allée des Fuchsias',
    });
    secrets.push(
      '9 allée des Fuchsias',
      'Adresse non publiée (démonstration)',
      'Refuge secret de la vérification',
    );
    const db = ctx.core.db;
    const org = await db
      .insertInto('directory_organizations')
      .values({ name: 'Réseau confidentiel de vérification', visibility: 'professionnels' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const service = await db
      .insertInto('directory_services')
      .values({
        organization_id: org.id,
        name: 'Mise à l’abri confidentielle',
        service_type: 'hebergement',
        publics: ['mineurs'],
        visibility: 'professionnels',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const location = await db
      .insertInto('directory_locations')
      .values({
        organization_id: org.id,
        address: '3 impasse Discrète',
        commune_code: '75056',
        departement_code: '75',
        latitude: 48.8,
        longitude: 2.3,
        visibility: 'professionnels',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const sal = await db
      .insertInto('directory_service_at_locations')
      .values({ service_id: service.id, location_id: location.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    Object.assign(ids, { org: org.id, service: service.id, sal: sal.id });
    secrets.push(
      'Réseau confidentiel de vérification',
      'Mise à l’abri confidentielle',
      '3 impasse Discrète',
      org.id,
      service.id,
      sal.id,
    );
    void AUDIT;
  });
  after(() => ctx.close());

  test('every public GET route, with and without filters', async () => {
    const publicRoutes = ctx.app.relaisRoutes.filter((r) => r.method === 'GET');
    const visited: string[] = [];
    const samples: Record<string, string[]> = {
      '/carte': [
        '/carte',
        '/carte?public=mineurs',
        '/carte?departement=75',
        '/carte?q=abri',
        '/carte?type=hebergement',
      ],
      '/carte.csv': ['/carte.csv', '/carte.csv?public=mineurs'],
      '/api/v1/directory/places.geojson': [
        '/api/v1/directory/places.geojson',
        '/api/v1/directory/places.geojson?bbox=2,48,3,49',
      ],
      '/hsds/services': ['/hsds/services', '/hsds/services?search=abri', '/hsds/services?per_page=100'],
      '/hsds/service_at_locations': [
        '/hsds/service_at_locations?per_page=100',
        '/hsds/service_at_locations?lat=48.8&lon=2.3&radius_km=5',
      ],
      '/hsds/organizations': ['/hsds/organizations?per_page=100'],
    };
    for (const route of publicRoutes) {
      if (route.url.includes(':')) continue;
      for (const url of samples[route.url] ?? [route.url]) {
        const response = await ctx.client().get(url);
        if (response.statusCode >= 300) continue; // needs a session or a parameter: not public
        visited.push(url);
        for (const secret of secrets) assert.ok(!response.body.includes(secret), `${url} shows ${secret}`);
      }
    }
    for (const url of [
      `/carte/lieux/${ids.sal}`,
      `/hsds/services/${ids.service}`,
      `/hsds/organizations/${ids.org}`,
    ]) {
      assert.equal((await ctx.client().get(url)).statusCode, 404, url);
    }
    assert.ok(visited.length >= 20, `public pages visited: ${visited.length}`);
    assert.ok(
      visited.includes('/carte') &&
        visited.includes('/hsds/services') &&
        visited.includes('/api/v1/directory/data-inclusion.json'),
    );
  });
});
