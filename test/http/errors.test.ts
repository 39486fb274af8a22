import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { build, location, type TestContext } from '../support/app.js';

/** A response never carries a stack trace or a file path. */
function assertNoInternals(body: string) {
  assert.doesNotMatch(body, /\n\s+at\s+\S+\s+\(/, 'no stack trace');
  assert.doesNotMatch(body, /\/work\/|node_modules|\.ts:\d+/, 'no file paths');
}

describe('bad input and failures get clear answers', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await build({ workers: false });
  });
  after(() => ctx.close());

  test('a form posted without its CSRF token is refused with a French page, and nothing changes', async () => {
    const admin = await ctx.createUser({ role: 'national_admin' });
    const client = await ctx.signIn(admin);
    const before = await ctx.core.db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const response = await client.postForm('/admin/organisations', { name: 'Association sans jeton', type: 'association' }, { csrf: false });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /Le formulaire a expiré ou ne provient pas de Relais/);
    const afterCount = await ctx.core.db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
    // A token made for another browser does not pass either.
    const other = ctx.client();
    const forged = await client.postForm('/admin/organisations', { _csrf: other.csrfToken(), name: 'Association forgée', type: 'association' }, { csrf: false });
    assert.equal(forged.statusCode, 403);
  });

  test('malformed JSON and an oversized body answer problem+json without internals', async () => {
    const client = ctx.client();
    const malformed = await ctx.app.inject({ method: 'POST', url: '/api/v1/me', headers: { 'content-type': 'application/json' }, payload: '{"pas du json' });
    assert.ok([400, 401].includes(malformed.statusCode));
    const user = await ctx.createUser({ role: 'frontline' });
    const token = await ctx.core.services.accounts.apiTokens.createForEmail(user.email, { actorUserId: null, actorOrganisationId: null, requestId: 't' }, { name: 'essai' });
    const json = await ctx.app.inject({
      method: 'POST',
      url: '/connexion',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.token}`, accept: 'application/json' },
      payload: '{"email": ',
    });
    assert.equal(json.statusCode, 400);
    assert.match(json.headers['content-type'] as string, /application\/problem\+json/);
    assert.equal(json.json().title, 'Le corps de la requête n’est pas du JSON valide.');
    assertNoInternals(json.body);
    const big = await ctx.app.inject({
      method: 'POST',
      url: '/connexion',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      payload: `email=${'a'.repeat(1_100_000)}`,
    });
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().title, 'Le contenu envoyé est trop volumineux.');
    assert.equal(client.cookies.size, 0);
  });

  test('an unknown route is a DSFR 404 page for people and problem+json for the API', async () => {
    const page = await ctx.client().get('/cette-page-n-existe-pas');
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /<html lang="fr"/);
    assert.match(page.body, /Page non trouvée/);
    const api = await ctx.client().send('GET', '/api/v1/inconnu');
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().type, 'urn:relais:probleme:not-found');
    assert.ok(api.json().requestId);
  });

  test('an expired or unknown session cookie leads to the sign-in page, which brings back afterwards', async () => {
    const client = ctx.client();
    client.cookies.set('relais_session', 'jeton-inventé');
    const response = await client.get('/compte');
    assert.equal(response.statusCode, 302);
    assert.equal(location(response), '/connexion?retour=%2Fcompte');
    assert.equal(client.cookies.has('relais_session'), false, 'the dead cookie is cleared');
    const api = await client.send('GET', '/api/v1/me');
    assert.equal(api.statusCode, 401);
    assert.equal(api.headers['www-authenticate'], 'Bearer realm="relais"');
  });

  test('a sign-in form is limited per address, with a clear message', async () => {
    const limitedApp = await build({ workers: false, env: { LOGIN_RATE_PER_MINUTE: '3' } });
    after(() => limitedApp.close());
    const client = limitedApp.client();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.postForm('/connexion', { email: `x${i}@exemple.test`, password: 'mauvais mot de passe' })).statusCode);
    assert.deepEqual(statuses, [422, 422, 422, 429]);
    const limited = await client.postForm('/connexion', { email: 'x@exemple.test', password: 'mauvais mot de passe' });
    assert.match(limited.body, /Trop de tentatives/);
    assertNoInternals(limited.body);
  });

  test('a redirect after sign-in never leaves the site', async () => {
    const user = await ctx.createUser({ role: 'trainer' });
    for (const retour of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const response = await ctx.client().postForm('/connexion', { email: user.email, password: user.password, retour });
      assert.equal(location(response), '/pro');
    }
  });
});
