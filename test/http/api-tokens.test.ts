import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { build, type TestContext } from '../support/app.js';

describe('API bearer tokens and GET /api/v1/me', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await build({ workers: false });
  });
  after(() => ctx.close());

  test('a token made on the account page is shown once, works, is stored hashed, and can be revoked', async () => {
    const user = await ctx.createUser({ role: 'frontline', airport: 'CDG', organisation: { name: 'Compagnie d’essai', type: 'transport_aerien', departement: '95' } });
    const browser = await ctx.signIn(user);
    const created = await browser.postForm('/compte/jetons', { name: 'Logiciel de la permanence', scopes: ['me:read'], expiresInDays: '30' });
    assert.equal(created.statusCode, 200);
    const token = /(rls_[\w-]{43})/.exec(created.body)?.[1];
    assert.ok(token);
    const stored = await ctx.core.db.selectFrom('api_tokens').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token);
    assert.ok(!JSON.stringify(stored).includes(token), 'only the hash is stored');
    assert.deepEqual(stored.scopes, ['me:read']);

    const api = ctx.client();
    api.bearer = token;
    const me = await api.send('GET', '/api/v1/me');
    assert.equal(me.statusCode, 200);
    const body = me.json();
    assert.equal(body.email, user.email);
    assert.equal(body.organisation.name, 'Compagnie d’essai');
    assert.deepEqual(body.grants[0].scope, { kind: 'airport', airport: 'CDG', departements: ['95'] });
    assert.deepEqual(body.authentication, { via: 'token', mfaVerified: true, scopes: ['me:read'] });

    // Tokens open the API only: pages and routes without a scope refuse them.
    assert.equal((await api.get('/compte')).statusCode, 403);
    assert.equal((await api.get('/metrics')).statusCode, 403);

    await browser.postForm(`/compte/jetons/${stored.id}/revoquer`, {});
    const revoked = await api.send('GET', '/api/v1/me');
    assert.equal(revoked.statusCode, 401);
    assert.equal(revoked.json().title, 'Jeton d’API inconnu, expiré ou révoqué.');
  });

  test('a token lacking the route’s scope gets 403; an expired one 401', async () => {
    const admin = await ctx.createUser({ role: 'national_admin' });
    const audit = { actorUserId: null, actorOrganisationId: null, requestId: 't' };
    const metricsOnly = await ctx.core.services.accounts.apiTokens.createForEmail(admin.email, audit, { name: 'Prometheus', scopes: ['metrics:read'] });
    const api = ctx.client();
    api.bearer = metricsOnly.token;
    const me = await api.send('GET', '/api/v1/me');
    assert.equal(me.statusCode, 403);
    assert.equal(me.json().title, 'Le jeton d’API n’a pas la portée « me:read ».');
    const metrics = await api.get('/metrics');
    assert.equal(metrics.statusCode, 200);
    assert.match(metrics.body, /relais_http_request_duration_seconds/);

    const short = await ctx.core.services.accounts.apiTokens.createForEmail(admin.email, audit, { name: 'court', expiresInDays: 1 });
    ctx.clock.advance(2 * 24 * 3600 * 1000);
    const expired = ctx.client();
    expired.bearer = short.token;
    assert.equal((await expired.send('GET', '/api/v1/me')).statusCode, 401);
    ctx.clock.set(new Date());
  });

  test('bad token input is reported on the account page', async () => {
    const browser = await ctx.signIn(await ctx.createUser({ role: 'trainer' }));
    const response = await browser.postForm('/compte/jetons', { name: 'x', scopes: ['inconnu:tout'], expiresInDays: '9999' });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Donnez un nom au jeton/);
    assert.match(response.body, /Portée inconnue/);
    assert.match(response.body, /entre 1 et 730/);
  });

  test('the OpenAPI document describes /api/v1/me with its bearer security and is readable at /api/docs', async () => {
    const doc = (await ctx.client().get('/api/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/me'].get.responses['200']);
    assert.deepEqual(doc.paths['/api/v1/me'].get.security, [{ bearer: [] }]);
    assert.equal(doc.paths['/connexion'], undefined, 'pages are not in the API document');
    const reader = await ctx.client().get('/api/docs');
    assert.match(reader.body, /<code>\/api\/v1\/me<\/code>/);
  });
});
