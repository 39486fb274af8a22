import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { build, type TestContext } from '../support/app.js';
import { browserUnavailable, launch, screenshot, seriousViolations } from '../support/browser.js';

const skip = browserUnavailable();

describe('in Chromium: the shell, sign-in and accessibility', { skip }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  before(async () => {
    ctx = await build();
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await ctx?.close();
  });

  for (const [name, path] of [
    ['accueil', '/'],
    ['connexion', '/connexion'],
  ] as const) {
    test(`${path}: no serious or critical axe-core violation, on a phone and on a desktop`, async () => {
      for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
        const page = await browser.newPage({ viewport });
        const errors: string[] = [];
        page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
        await page.goto(`${base}${path}`);
        const violations = await seriousViolations(page);
        assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), []);
        assert.deepEqual(errors, [], 'no console error (CSP included)');
        await screenshot(page, `${name}-${viewport.width}`);
        await page.close();
      }
    });
  }

  test('a coordinator signs in with password and TOTP, and reaches the administration', async () => {
    const user = await ctx.createUser({ role: 'coordinator' });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/admin`);
    assert.match(page.url(), /\/connexion\?retour=%2Fadmin$/);
    await page.getByLabel('Adresse électronique').fill(user.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/connexion\/2fa/);
    assert.deepEqual((await seriousViolations(page)).map((v) => v.id), []);
    await page.getByLabel('Code de vérification').fill(ctx.totpCode(user));
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.waitForURL(`${base}/admin`);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Vue d’ensemble');
    assert.deepEqual((await seriousViolations(page)).map((v) => v.id), []);
    await screenshot(page, 'admin-390');
    await page.close();
  });

  test('“Quitter rapidement” and the Escape key leave for a neutral site and replace the history entry', async () => {
    const page = await browser.newPage();
    await page.route('https://meteofrance.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Météo</title><p>Météo</p>' }));
    await page.goto('about:blank');
    await page.goto(`${base}/`);
    await page.keyboard.press('Escape');
    await page.waitForURL('https://meteofrance.com/');
    await page.goBack();
    assert.equal(page.url(), 'about:blank', 'the Relais page is no longer in the history');

    await page.goto(`${base}/accessibilite`);
    await page.getByRole('link', { name: 'Quitter rapidement' }).click();
    await page.waitForURL('https://meteofrance.com/');
    await page.close();
  });

  test('the language switch and the dark theme work without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'English' }).click();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match((await page.getByRole('heading', { level: 1 }).textContent()) ?? '', /coordinating the fight/);
    await page.goto(`${base}/affichage`);
    await page.getByText('Dark theme', { exact: true }).click(); // DSFR draws the radio on its label
    await page.getByRole('button', { name: 'Save' }).click();
    assert.equal(await page.getAttribute('html', 'data-fr-theme'), 'dark');
    await screenshot(page, 'accueil-sombre-en');
    await context.close();
  });
});
