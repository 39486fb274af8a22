import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { seedDemoDirectory } from '../../../seeds/demo-directory.js';
import { build, type TestContext } from '../../support/app.js';

const require = createRequire(import.meta.url);
const SCHEMAS = path.resolve(import.meta.dirname, '../../../../shared/data/hsds-3.0/compiled');
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
const schema = (name: string) => ajv.compile(require(path.join(SCHEMAS, `${name}.json`)));
const validService = schema('service');
const validOrganizationItem = schema('organization_list');
const validOrganization = schema('organization');
const validServiceAtLocationItem = schema('service_at_location_list');
const DATA_INCLUSION = path.resolve(import.meta.dirname, '../../../../shared/data/data-inclusion-v1');
const validStructure = ajv.compile(require(path.join(DATA_INCLUSION, 'structure.json')));
const validDiService = ajv.compile(require(path.join(DATA_INCLUSION, 'service.json')));

function valid(check: ReturnType<typeof schema>, value: unknown, what: string) {
  assert.ok(check(value), `${what}: ${ajv.errorsText(check.errors)}`);
}

describe('HSDS 3.0 API of the directory: valid against the specification, public entries only', () => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};

  before(async () => {
    ctx = await build({ workers: false });
    const db = ctx.core.db;
    const org = async (name: string, visibility: 'public' | 'professionnels') =>
      (
        await db
          .insertInto('directory_organizations')
          .values({
            name,
            description: `Association de démonstration ${name}`,
            visibility,
            is_synthetic: true,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    ids.publicOrg = await org('Accueil Écoute Démo', 'public');
    ids.proOrg = await org('Réseau réservé Démo', 'professionnels');
    const location = async (
      organizationId: string,
      visibility: 'public' | 'professionnels',
      lat: number,
      lon: number,
    ) =>
      (
        await db
          .insertInto('directory_locations')
          .values({
            organization_id: organizationId,
            name: 'Local',
            address: '1 rue de la Démo',
            postal_code: '75011',
            commune_code: '75056',
            departement_code: '75',
            latitude: lat,
            longitude: lon,
            visibility,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    ids.parisLocation = await location(ids.publicOrg, 'public', 48.857, 2.38);
    ids.hiddenLocation = await location(ids.publicOrg, 'professionnels', 43.3, 5.37);
    const service = async (organizationId: string, name: string, visibility: 'public' | 'professionnels') =>
      (
        await db
          .insertInto('directory_services')
          .values({
            organization_id: organizationId,
            name,
            description: 'Écoute, orientation et accompagnement des victimes de traite',
            service_type: 'ligne_ecoute',
            publics: ['femmes', 'mineurs'],
            exploitation_forms: ['sexuelle'],
            languages: ['fr', 'en'],
            opening_hours: 'Mo-Fr 09:00-18:00',
            visibility,
            is_synthetic: true,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    ids.publicService = await service(ids.publicOrg, 'Écoute des victimes', 'public');
    ids.proService = await service(
      ids.publicOrg,
      'Orientation réservée aux professionnels',
      'professionnels',
    );
    ids.serviceOfProOrg = await service(ids.proOrg, 'Service d’un réseau réservé', 'public');
    await db
      .insertInto('directory_service_at_locations')
      .values([
        { service_id: ids.publicService, location_id: ids.parisLocation },
        { service_id: ids.publicService, location_id: ids.hiddenLocation },
        { service_id: ids.proService, location_id: ids.parisLocation },
      ])
      .execute();
  });
  after(() => ctx.close());

  const get = async (url: string) => {
    const response = await ctx.client().get(url);
    return { status: response.statusCode, body: response.body, json: () => response.json() };
  };

  test('root, services, organizations and service-at-locations validate against the HSDS 3.0 compiled schemas', async () => {
    const root = (await get('/hsds/')).json();
    assert.equal(root.version, '3.0');
    const services = await get('/hsds/services');
    assert.equal(services.status, 200);
    const page = services.json();
    assert.deepEqual(
      [page.total_items, page.page_number, page.first_page, page.last_page, page.empty],
      [1, 1, true, true, false],
    );
    for (const s of page.contents) valid(validService, s, `service ${s.name}`);
    const one = (await get(`/hsds/services/${ids.publicService}`)).json();
    valid(validService, one, 'service');
    assert.deepEqual(
      one.languages.map((l: { code: string }) => l.code),
      ['fr', 'en'],
    );
    assert.equal(one.schedules[0].description, 'Mo-Fr 09:00-18:00');
    assert.deepEqual(
      one.service_at_locations.map((l: { location_id: string }) => l.location_id),
      [ids.parisLocation],
      'the professionals-only location is not linked',
    );

    const organizations = (await get('/hsds/organizations')).json();
    assert.deepEqual(
      organizations.contents.map((o: { id: string }) => o.id),
      [ids.publicOrg],
    );
    for (const o of organizations.contents) valid(validOrganizationItem, o, 'organization item');
    valid(validOrganization, (await get(`/hsds/organizations/${ids.publicOrg}`)).json(), 'organization');

    const sal = (await get('/hsds/service_at_locations')).json();
    assert.equal(sal.total_items, 1);
    for (const item of sal.contents) valid(validServiceAtLocationItem, item, 'service_at_location item');
  });

  test('search ignores accents and case; modified_after, proximity and paging filter; bad parameters are 4xx', async () => {
    assert.equal((await get('/hsds/services?search=ecoute')).json().total_items, 1, 'accents ignored');
    assert.equal((await get('/hsds/services?search=ECOUTE%20DES')).json().total_items, 1);
    assert.equal((await get('/hsds/services?search=introuvable')).json().empty, true);
    assert.equal(
      (await get('/hsds/services?search=50%25')).json().total_items,
      0,
      'LIKE wildcards are escaped',
    );
    assert.equal((await get('/hsds/services?modified_after=2999-01-01T00:00:00Z')).json().total_items, 0);
    assert.equal(
      (await get('/hsds/service_at_locations?lat=48.86&lon=2.35&radius_km=10')).json().total_items,
      1,
    );
    assert.equal(
      (await get('/hsds/service_at_locations?lat=45.76&lon=4.84&radius_km=10')).json().total_items,
      0,
      'Lyon is far from Paris',
    );
    assert.equal((await get('/hsds/service_at_locations?lat=48.86&radius_km=10')).status, 422);
    assert.equal((await get('/hsds/services?per_page=1000')).status, 400);
    assert.equal((await get('/hsds/services?modified_after=hier')).status, 422);
    assert.equal((await get('/hsds/services/pas-un-id')).status, 404);
  });

  test('no `professionnels` entry leaks through any HSDS endpoint', async () => {
    const secrets = [
      'Orientation réservée aux professionnels',
      'Réseau réservé Démo',
      'Service d’un réseau réservé',
      ids.proService,
      ids.proOrg,
      ids.serviceOfProOrg,
      ids.hiddenLocation,
    ];
    const urls = [
      '/hsds/',
      '/hsds/services',
      '/hsds/services?search=service',
      '/hsds/organizations',
      '/hsds/service_at_locations',
      `/hsds/services/${ids.publicService}`,
      `/hsds/organizations/${ids.publicOrg}`,
    ];
    for (const url of urls) {
      const { body } = await get(url);
      for (const secret of secrets) assert.ok(!body.includes(secret!), `${url} leaks ${secret}`);
    }
    for (const url of [
      `/hsds/services/${ids.proService}`,
      `/hsds/services/${ids.serviceOfProOrg}`,
      `/hsds/organizations/${ids.proOrg}`,
    ]) {
      assert.equal((await get(url)).status, 404, url);
    }
  });

  test('the demo entries from the source document are valid HSDS too', async () => {
    await seedDemoDirectory(ctx.core);
    const page = (await get('/hsds/services?per_page=100')).json();
    assert.ok(page.total_items >= 7);
    for (const s of page.contents) valid(validService, s, `service ${s.name}`);
    const sal = (await get('/hsds/service_at_locations?per_page=100')).json();
    for (const item of sal.contents) valid(validServiceAtLocationItem, item, 'service_at_location item');
  });

  test('the data·inclusion export validates against the schema v1, public entries only', async () => {
    const exported = (await get('/api/v1/directory/data-inclusion.json')).json();
    assert.ok(exported.structures.length >= 1 && exported.services.length >= 1);
    for (const structure of exported.structures)
      valid(validStructure, structure, `structure ${structure.nom}`);
    for (const service of exported.services) valid(validDiService, service, `service ${service.nom}`);
    const text = JSON.stringify(exported);
    for (const secret of [
      'Orientation réservée aux professionnels',
      'Réseau réservé Démo',
      ids.proService,
      ids.proOrg,
    ])
      assert.ok(!text.includes(secret!), secret);
  });
});
