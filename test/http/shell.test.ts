import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { build, type TestContext } from '../support/app.js';

describe('DSFR shell and public pages', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await build();
  });
  after(() => ctx.close());

  test('the home page is French, uses the DSFR stylesheet and works without JavaScript', async () => {
    const response = await ctx.client().get('/');
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /text\/html/);
    assert.match(response.body, /^<!DOCTYPE html><html lang="fr"/);
    assert.match(response.body, /<link rel="stylesheet" href="\/dsfr\/dsfr\.min\.css"/);
    assert.match(response.body, /Relais — lutte contre la traite|Relais<\/p>/);
    // Skip links, the three spaces in the navigation, mandatory footer links.
    for (const text of ['href="#contenu"', 'href="/pro"', 'href="/pilotage"', 'href="/accessibilite"', 'href="/mentions-legales"', 'href="/donnees-personnelles"', 'href="/gestion-des-cookies"']) {
      assert.ok(response.body.includes(text), `missing ${text}`);
    }
    assert.match(response.body, /data-quick-exit/);
    // Emergency numbers, prominently.
    for (const number of ['tel:17', 'tel:112', 'tel:119']) assert.ok(response.body.includes(number));
  });

  test('the DSFR assets are served from the package, not the working directory', async () => {
    const css = await ctx.client().get('/dsfr/dsfr.min.css');
    assert.equal(css.statusCode, 200);
    assert.match(css.headers['content-type'] as string, /text\/css/);
    const outside = await ctx.client().get('/dsfr/../package.json');
    assert.notEqual(outside.statusCode, 200);
  });

  test('public pages without a form are cacheable (ETag, no cookie); forms and signed-in pages are not', async () => {
    const home = await ctx.client().get('/');
    assert.equal(home.headers['set-cookie'], undefined);
    assert.match(String(home.headers['cache-control']), /^public, max-age=60/);
    assert.ok(home.headers.etag);
    const again = await ctx.app.inject({ method: 'GET', url: '/', headers: { 'if-none-match': String(home.headers.etag) } });
    assert.equal(again.statusCode, 304);
    const signIn = await ctx.client().get('/connexion');
    assert.match(String(signIn.headers['set-cookie']), /relais_csrf=/);
    assert.equal(signIn.headers['cache-control'], 'private, no-store');
    const client = await ctx.signIn(await ctx.createUser({ role: 'trainer' }));
    const home2 = await client.get('/');
    assert.equal(home2.headers['cache-control'], 'private, no-store', 'a signed-in header shows the account');
  });

  test('the English switch keeps the page and sets lang="en"', async () => {
    const client = ctx.client();
    const switched = await client.get('/langue/en?retour=/accessibilite');
    assert.equal(switched.headers.location, '/accessibilite');
    const page = await client.get('/accessibilite');
    assert.match(page.body, /<html lang="en"/);
    assert.match(page.body, /Accessibility statement/);
    const evil = await client.get('/langue/fr?retour=//evil.example');
    assert.equal(evil.headers.location, '/');
    assert.equal((await client.get('/langue/de')).statusCode, 400);
  });
});
