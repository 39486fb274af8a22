import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { communesWithCoordinates, generateDirectory, mapRequests } from '../../../bench/directory.js';
import { createMapIndex } from '../../../src/modules/directory/map-index.js';
import { createPlaces, tileAlignedBox } from '../../../src/modules/directory/places.js';
import { ValidationError } from '../../../src/platform/http/errors.js';
import { build, type TestContext } from '../../support/app.js';

describe('the map answered from memory gives what the database gives', () => {
  let ctx: TestContext;
  let requests: ReturnType<typeof mapRequests>;

  before(async () => {
    ctx = await build({ workers: false });
    ctx.clock.set('2026-11-26T09:00:00Z'); // Thursday, 10:00 in Paris
    await generateDirectory(ctx.core.db, 3000, ctx.clock.now());
    requests = mapRequests(await communesWithCoordinates(ctx.core.db), 120);
  });
  after(() => ctx.close());

  test('same places, same order, same JSON for boxes, filters, open now, the whole country', async () => {
    const places = createPlaces({ db: ctx.core.db, clock: ctx.clock });
    const index = createMapIndex({ places, clock: ctx.clock });
    const cases = [
      ...requests.map((r) => r.filters),
      {},
      { public: 'mineurs' },
      { departement: '75', openNow: true },
      { language: 'ro', exploitation: 'sexuelle' },
      { bbox: tileAlignedBox({ west: 2.2, south: 48.7, east: 2.5, north: 48.95 }, 10) },
    ];
    let nonEmpty = 0;
    for (const filters of cases) {
      const fromMemory = JSON.parse(await index.geojson(filters));
      const fromDatabase = await places.geojson(filters);
      if (fromDatabase.features.length >= 2000) continue; // the cap: the database filters "open now" after it
      assert.deepEqual(fromMemory, fromDatabase, JSON.stringify(filters));
      if (fromDatabase.features.length > 0) nonEmpty++;
    }
    assert.ok(nonEmpty > 30, `${nonEmpty} non-empty answers compared`);
    await assert.rejects(index.geojson({ bbox: '5,48,2,49' }), ValidationError);
  });

  test('a change through Relais shows at once; a change elsewhere within a minute', async () => {
    const places = createPlaces({ db: ctx.core.db, clock: ctx.clock });
    const index = createMapIndex({ places, clock: ctx.clock });
    const one = await ctx.core.db
      .selectFrom('directory_service_at_locations as sal')
      .innerJoin('directory_services as s', 's.id', 'sal.service_id')
      .innerJoin('directory_locations as l', 'l.id', 'sal.location_id')
      .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
      .where('s.visibility', '=', 'public')
      .where('s.status', '=', 'active')
      .where('l.visibility', '=', 'public')
      .where('o.visibility', '=', 'public')
      .select(['sal.id', 's.id as service', 'l.departement_code'])
      .orderBy('sal.id')
      .executeTakeFirstOrThrow();
    const shown = async () =>
      JSON.parse(await index.geojson({ departement: one.departement_code! })).features.some(
        (f: { properties: { id: string } }) => f.properties.id === one.id,
      );
    assert.ok(await shown());
    const hide = (visibility: 'public' | 'professionnels') =>
      ctx.core.db
        .updateTable('directory_services')
        .set({ visibility })
        .where('id', '=', one.service)
        .execute();
    await hide('professionnels');
    assert.ok(await shown(), 'changed elsewhere: the index of the last minute still answers');
    index.changed();
    assert.ok(!(await shown()), 'changed through Relais: at once');
    await hide('public');
    ctx.clock.advance(61_000);
    assert.ok(!(await shown()), 'a minute later: the old index answers while the new one is built');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.ok(await shown(), 'then the rebuilt one');
  });
});
