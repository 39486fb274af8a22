import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { needsMfa } from '../../src/platform/auth/roles.js';
import { build, type Client, type TestContext, type TestUser } from '../support/app.js';
import { type Fixtures, MATRIX, type Outcome, PERSONA_SPECS, PERSONAS, type Persona } from './matrix.js';

function classify(status: number, location: string | undefined): Outcome {
  if (status === 401) return 'login';
  if (status >= 300 && status < 400 && location && (location === '/connexion' || location.startsWith('/connexion?'))) return 'login';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'hidden';
  return 'ok';
}

describe('role × route matrix', () => {
  let ctx: TestContext;
  let fixtures: Fixtures;
  const users = new Map<Persona, TestUser>();

  before(async () => {
    ctx = await build({ workers: false });
    for (const persona of PERSONAS) {
      if (persona === 'anonymous') continue;
      const spec = PERSONA_SPECS[persona];
      users.set(persona, await ctx.createUser({ ...spec, organisation: { name: `Organisation ${persona}`, type: 'association', departement: spec.departements?.split(',')[0] ?? '33' } }));
    }
    const user75 = await ctx.createUser({ role: 'duty_desk', departements: '75', organisation: { name: 'Association parisienne de la matrice', type: 'association', departement: '75' } });
    fixtures = {
      ctx,
      organisation75: { id: user75.organisationId },
      user75,
      freshUser75: () => ctx.createUser({ role: 'duty_desk', departements: '75', organisation: 'Association parisienne de la matrice' }),
    };
  });
  after(() => ctx.close());

  /** A client with a brand-new session (second factor passed), so probes that sign out do not leak. */
  async function clientFor(persona: Persona): Promise<Client> {
    const client = ctx.client();
    const user = users.get(persona);
    if (!user) return client;
    const session = await ctx.core.db.transaction().execute(async (trx) => {
      const created = await ctx.core.sessions.create(trx, user.id, 'password');
      await ctx.core.sessions.markMfaVerified(trx, created.id);
      return created;
    });
    client.cookies.set('relais_session', session.token);
    return client;
  }

  test('every registered route has an entry, and every entry a route', () => {
    const registered = new Set(ctx.app.relaisRoutes.map((r) => `${r.method} ${r.url}`));
    const missing = [...registered].filter((key) => !MATRIX[key]);
    const stale = Object.keys(MATRIX).filter((key) => !registered.has(key));
    assert.deepEqual(missing, [], 'routes missing from test/authz/matrix.ts');
    assert.deepEqual(stale, [], 'matrix entries without a route');
  });

  test('each persona gets the expected answer on every route', async () => {
    const failures: string[] = [];
    for (const route of ctx.app.relaisRoutes) {
      const key = `${route.method} ${route.url}`;
      const probe = MATRIX[key];
      if (!probe) continue;
      for (const persona of PERSONAS) {
        const client = await clientFor(persona);
        const path = typeof probe.path === 'function' ? await probe.path(fixtures) : probe.path;
        const response = route.method === 'GET' ? await client.get(path) : await client.postForm(path, probe.form ?? {});
        const got = classify(response.statusCode, response.headers.location as string | undefined);
        if (got !== probe.expect[persona]) {
          failures.push(`${key} as ${persona}: expected ${probe.expect[persona]}, got ${got} (${response.statusCode} ${response.headers.location ?? ''})`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  test('personas whose role reads case data have passed a second factor', () => {
    // The matrix signs them in with TOTP verified; the sign-in tests prove what happens without it.
    for (const persona of ['national_admin', 'coordinator', 'case_worker'] as const) {
      assert.ok(users.get(persona)?.totpSecret, `${persona} has TOTP`);
    }
    assert.equal(needsMfa({ grants: [{ id: 'x', role: 'frontline', scope: { kind: 'national' } }] } as never), false);
  });
});
