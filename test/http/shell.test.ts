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
});
