import assert from 'node:assert/strict';
import net, { type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import Provider from 'oidc-provider';
import { build, location, type TestContext } from '../support/app.js';

/**
 * ProConnect sign-in against a real OpenID Connect provider (oidc-provider) on a local port, with its
 * development login and consent pages driven like a browser would.
 */
describe('ProConnect sign-in (OpenID Connect)', () => {
  let ctx: TestContext;
  let issuer: string;
  let server: import('node:http').Server;
  const accounts: Record<string, { email: string }> = {};

  before(async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer();
      probe.listen(0, '127.0.0.1', () => {
        const p = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(p));
      });
    });
    issuer = `http://127.0.0.1:${port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'relais',
          client_secret: 'secret-de-test-proconnect',
          redirect_uris: ['http://relais.test/connexion/proconnect/callback'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, email: accounts[id]?.email, email_verified: true }) }),
      pkce: { required: () => true },
    });
    provider.proxy = false;
    server = provider.listen(port);
    ctx = await build({ workers: false, env: { PROCONNECT_ISSUER: issuer, PROCONNECT_CLIENT_ID: 'relais', PROCONNECT_CLIENT_SECRET: 'secret-de-test-proconnect' } });
  });
  after(async () => {
    await ctx.close();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Follows the provider's pages (login, consent) with a cookie jar until it redirects back to Relais. */
  async function throughProvider(start: string, login: string): Promise<URL> {
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let url = start;
    let body: URLSearchParams | undefined;
    for (let step = 0; step < 20; step++) {
      const response = await fetch(url, {
        method: body ? 'POST' : 'GET',
        redirect: 'manual',
        headers: { cookie: cookieHeader(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body,
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const [name, ...value] = pair!.split('=');
        jar.set(name!.trim(), value.join('='));
      }
      body = undefined;
      const next = response.headers.get('location');
      if (next) {
        const target = new URL(next, url);
        if (target.origin === 'http://relais.test') return target;
        url = target.href;
        continue;
      }
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`no form on ${url}: ${html.slice(0, 200)}`);
      body = new URLSearchParams();
      for (const [input] of html.matchAll(/<input[^>]*>/g)) {
        const name = /name="([^"]+)"/.exec(input)?.[1];
        if (name) body.set(name, /value="([^"]*)"/.exec(input)?.[1] ?? '');
      }
      if (body.has('login')) {
        body.set('login', login);
        body.set('password', 'peu-importe');
      }
      url = new URL(action.replace(/&amp;/g, '&'), url).href;
    }
    throw new Error('too many steps at the provider');
  }

  test('an invited account signs in through ProConnect and lands where it wanted to go', async () => {
    const user = await ctx.createUser({ role: 'trainer' });
    accounts['agent-123'] = { email: user.email.toUpperCase() };
    const client = ctx.client();
    const signInPage = await client.get('/connexion');
    assert.match(signInPage.body, /S’identifier avec/);
    const start = await client.get('/connexion/proconnect?retour=/compte');
    assert.equal(start.statusCode, 303);
    const authorize = new URL(location(start));
    assert.equal(authorize.origin, issuer);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    const callback = await throughProvider(authorize.href, 'agent-123');
    const landed = await client.get(`${callback.pathname}${callback.search}`);
    assert.equal(landed.statusCode, 303, landed.body.slice(0, 400));
    assert.equal(location(landed), '/compte');
    assert.equal((await client.get('/compte')).statusCode, 200);
    const bound = await ctx.core.db.selectFrom('users').select('proconnect_sub').where('id', '=', user.id).executeTakeFirstOrThrow();
    assert.equal(bound.proconnect_sub, 'agent-123');
    const session = await ctx.core.db.selectFrom('sessions').select('auth_method').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    assert.equal(session.auth_method, 'proconnect');
  });

  test('an identity without a Relais account is refused with a clear message', async () => {
    accounts['inconnu-456'] = { email: 'personne-sans-compte@exemple.test' };
    const client = ctx.client();
    const start = await client.get('/connexion/proconnect');
    const callback = await throughProvider(location(start), 'inconnu-456');
    const refused = await client.get(`${callback.pathname}${callback.search}`);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Aucun compte Relais actif ne correspond à votre identité ProConnect/);
    assert.equal(client.cookies.has('relais_session'), false);
  });

  test('a replayed or forged callback is refused', async () => {
    const client = ctx.client();
    const forged = await client.get('/connexion/proconnect/callback?code=abc&state=def');
    assert.equal(forged.statusCode, 422);
    assert.match(forged.body, /La connexion ProConnect a expiré/);
  });
});
