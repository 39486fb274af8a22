import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MINUTE } from '../../../src/platform/time/clock.js';
import { build, location, type TestContext } from '../../support/app.js';

describe('signing in with a password and a second factor', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await build({
      env: {
        LOGIN_MAX_ATTEMPTS: '3',
        LOGIN_LOCK_MINUTES: '15',
        SESSION_IDLE_MINUTES: '30',
        SESSION_ABSOLUTE_HOURS: '12',
      },
    });
  });
  after(() => ctx.close());

  test('a wrong password answers with a French message on the form and no session', async () => {
    const user = await ctx.createUser({ role: 'frontline' });
    const client = ctx.client();
    const response = await client.postForm('/connexion', {
      email: user.email,
      password: 'pas le bon mot de passe',
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Adresse électronique ou mot de passe incorrect/);
    assert.match(response.body, new RegExp(`value="${user.email}"`), 'the typed address is kept');
    assert.equal(client.cookies.has('relais_session'), false);
    const unknown = await client.postForm('/connexion', {
      email: 'personne@exemple.test',
      password: 'peu importe ici',
    });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /Adresse électronique ou mot de passe incorrect/);
  });

  test('a role without case data signs in with its password alone and reaches the professional space', async () => {
    const user = await ctx.createUser({ role: 'frontline' });
    const client = ctx.client();
    const response = await client.postForm('/connexion', {
      email: user.email.toUpperCase(),
      password: user.password,
    });
    assert.equal(response.statusCode, 303);
    assert.equal(location(response), '/pro');
    const cookie = (response.cookies as Array<{ name: string; httpOnly?: boolean; sameSite?: string }>).find(
      (c) => c.name === 'relais_session',
    );
    assert.ok(cookie?.httpOnly, 'the session cookie is HttpOnly');
    assert.equal(cookie?.sameSite, 'Lax');
    const space = await client.get('/pro');
    assert.equal(space.statusCode, 200);
    assert.match(space.body, /Espace professionnel/);
  });

  test('after too many failures the account locks, even for the right password, and its holder is told by e-mail', async () => {
    const user = await ctx.createUser({ role: 'trainer' });
    const client = ctx.client();
    for (let i = 0; i < 2; i++) {
      assert.equal(
        (await client.postForm('/connexion', { email: user.email, password: `faux ${i} mot de passe` }))
          .statusCode,
        422,
      );
    }
    const third = await client.postForm('/connexion', {
      email: user.email,
      password: 'encore un faux mot de passe',
    });
    assert.equal(third.statusCode, 429);
    assert.match(third.body, /bloqué pendant 15 minutes/);
    const right = await client.postForm('/connexion', { email: user.email, password: user.password });
    assert.equal(right.statusCode, 429, 'locked even with the right password');
    const mail = await ctx.waitForMail((m) => m.to.includes(user.email) && /bloqué/.test(m.subject));
    assert.match(mail.text, /mot-de-passe-oublie/);
    ctx.clock.advance(16 * MINUTE);
    assert.equal(
      (await client.postForm('/connexion', { email: user.email, password: user.password })).statusCode,
      303,
    );
  });

  test('a case worker must enrol TOTP before anything else, then gets ten recovery codes', async () => {
    const user = await ctx.createUser({ role: 'case_worker' });
    await ctx.core.db
      .updateTable('users')
      .set({ totp_secret: null, totp_enabled_at: null })
      .where('id', '=', user.id)
      .execute();
    const client = ctx.client();
    const signIn = await client.postForm('/connexion', { email: user.email, password: user.password });
    assert.equal(location(signIn), '/compte/2fa');
    // Before enrolment every protected page sends back to enrolment.
    const blocked = await client.get('/pro');
    assert.equal(blocked.statusCode, 302);
    assert.equal(location(blocked), '/compte/2fa');
    const api = await client.send('GET', '/api/v1/me');
    assert.equal(api.statusCode, 403);
    assert.match(api.json().title, /double authentification/);

    const enrol = await client.get('/compte/2fa');
    assert.equal(enrol.statusCode, 200);
    assert.match(enrol.body, /data:image\/svg\+xml;base64,/);
    const secret = /class="relais-secret">([A-Z2-7 ]+)</.exec(enrol.body)?.[1]?.replace(/ /g, '');
    assert.ok(secret, 'the key is shown for manual entry');
    const wrong = await client.postForm('/compte/2fa', { code: '000000' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Code incorrect/);
    const code = ctx.totpCode({ ...user, totpSecret: secret });
    const confirmed = await client.postForm('/compte/2fa', { code });
    assert.equal(confirmed.statusCode, 200);
    const codes = [...confirmed.body.matchAll(/<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})<\/code>/g)].map(
      (m) => m[1]!,
    );
    assert.equal(codes.length, 10);
    assert.equal((await client.get('/pro')).statusCode, 200);

    // A later sign-in asks for the code; a recovery code works once.
    const next = ctx.client();
    const again = await next.postForm('/connexion', { email: user.email, password: user.password });
    assert.match(location(again), /^\/connexion\/2fa/);
    assert.equal((await next.get('/pro')).statusCode, 302);
    const bad = await next.postForm('/connexion/2fa', { code: '123456' });
    assert.equal(bad.statusCode, 422);
    assert.equal((await next.postForm('/connexion/2fa', { code: codes[0]!.toUpperCase() })).statusCode, 303);
    assert.equal((await next.get('/pro')).statusCode, 200);

    const reuse = ctx.client();
    await reuse.postForm('/connexion', { email: user.email, password: user.password });
    const reused = await reuse.postForm('/connexion/2fa', { code: codes[0]! });
    assert.equal(reused.statusCode, 422, 'a recovery code works only once');
    assert.match(reused.body, /Code incorrect/);
  });

  test('an idle session expires after SESSION_IDLE_MINUTES, any session after SESSION_ABSOLUTE_HOURS', async () => {
    const user = await ctx.createUser({ role: 'frontline' });
    const client = await ctx.signIn(user);
    ctx.clock.advance(29 * MINUTE);
    assert.equal((await client.get('/compte')).statusCode, 200, 'activity renews the idle timer');
    ctx.clock.advance(31 * MINUTE);
    const expired = await client.get('/compte');
    assert.equal(expired.statusCode, 302);
    assert.equal(location(expired), '/connexion?retour=%2Fcompte');

    const busy = await ctx.signIn(user);
    for (let i = 0; i < 25; i++) {
      ctx.clock.advance(29 * MINUTE);
      await busy.get('/compte');
    }
    const past = await busy.get('/compte');
    assert.equal(past.statusCode, 302, 'the absolute limit holds even for an active session');
  });

  test('signing out ends the session; "sign out everywhere" ends all of them', async () => {
    const user = await ctx.createUser({ role: 'trainer' });
    const first = await ctx.signIn(user);
    const second = await ctx.signIn(user);
    const out = await first.postForm('/deconnexion', {});
    assert.equal(out.statusCode, 303);
    assert.equal((await first.get('/compte')).statusCode, 302);
    assert.equal((await second.get('/compte')).statusCode, 200);
    const third = await ctx.signIn(user);
    assert.equal((await third.postForm('/compte/sessions/revoquer', {})).statusCode, 303);
    assert.equal((await second.get('/compte')).statusCode, 302);
    assert.equal((await third.get('/compte')).statusCode, 302);
  });

  test('a forgotten password is reset through a one-time e-mailed link', async () => {
    const user = await ctx.createUser({ role: 'content_editor' });
    const client = ctx.client();
    const asked = await client.postForm('/mot-de-passe-oublie', { email: user.email });
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /Si un compte actif correspond/);
    const unknown = await client.postForm('/mot-de-passe-oublie', { email: 'inconnu@exemple.test' });
    assert.equal(
      unknown.body.includes('Si un compte actif correspond'),
      true,
      'same answer for an unknown address',
    );
    const malformed = await client.postForm('/mot-de-passe-oublie', { email: 'pas-une-adresse' });
    assert.equal(malformed.statusCode, 422);

    const mail = await ctx.waitForMail(
      (m) => m.to.includes(user.email) && /nouveau mot de passe/.test(m.subject),
    );
    const link = /http:\/\/relais\.test(\/mot-de-passe\/nouveau\?jeton=[\w-]+)/.exec(mail.text)?.[1];
    assert.ok(link, 'the mail carries the link');
    const token = new URL(link, 'http://x').searchParams.get('jeton')!;
    const form = await client.get(link);
    assert.equal(form.statusCode, 200);
    const short = await client.postForm('/mot-de-passe/nouveau', {
      jeton: token,
      password: 'court',
      confirmation: 'court',
    });
    assert.equal(short.statusCode, 422);
    assert.match(short.body, /au moins 12 caractères/);
    const done = await client.postForm('/mot-de-passe/nouveau', {
      jeton: token,
      password: 'une toute nouvelle phrase',
      confirmation: 'une toute nouvelle phrase',
    });
    assert.equal(done.statusCode, 303);
    assert.equal(
      (
        await client.postForm('/mot-de-passe/nouveau', {
          jeton: token,
          password: 'encore une autre phrase',
          confirmation: 'encore une autre phrase',
        })
      ).statusCode,
      410,
    );
    assert.equal((await client.get(link)).statusCode, 410, 'the link works once');
    assert.equal(
      (await ctx.client().postForm('/connexion', { email: user.email, password: user.password })).statusCode,
      422,
    );
    assert.equal(
      (
        await ctx
          .client()
          .postForm('/connexion', { email: user.email, password: 'une toute nouvelle phrase' })
      ).statusCode,
      303,
    );
  });

  test('a deactivated account cannot sign in and loses its open sessions', async () => {
    const admin = await ctx.createUser({ role: 'national_admin' });
    const user = await ctx.createUser({ role: 'frontline' });
    const session = await ctx.signIn(user);
    const adminClient = await ctx.signIn(admin);
    assert.equal(
      (await adminClient.postForm(`/admin/utilisateurs/${user.id}/desactiver`, {})).statusCode,
      303,
    );
    assert.equal((await session.get('/compte')).statusCode, 302);
    assert.equal(
      (await ctx.client().postForm('/connexion', { email: user.email, password: user.password })).statusCode,
      422,
    );
  });
});
