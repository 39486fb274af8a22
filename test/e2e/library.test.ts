import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedDemoLibrary } from '../../seeds/demo-library.js';
import { seedDemoTexts } from '../../seeds/demo-texts.js';
import { build, type TestContext } from '../support/app.js';
import { axeClean, browserUnavailable, launch, screenshot } from '../support/browser.js';

const skip = browserUnavailable();

describe('in Chromium on a phone: the tools and the legal texts', { skip }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  before(async () => {
    ctx = await build({ workers: false });
    await seedDemoLibrary(ctx.core);
    await seedDemoTexts(ctx.core);
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await ctx?.close();
  });

  test('/outils: search "mineurs exploites" without accents, open the checklist; /textes and an article; axe-core clean', async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })
    ).newPage();
    await page.goto(`${base}/outils`);
    await axeClean(page);
    await page.getByLabel('Rechercher').fill('mineurs exploites');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL(/q=mineurs/);
    const first = page.locator('.relais-card h3 a').first();
    assert.match((await first.textContent()) ?? '', /modèle d’audition des mineurs exploités/);
    await axeClean(page);
    await screenshot(page, 'library-1-outils-390');
    await first.click();
    await page.waitForURL(/\/outils\/[0-9a-f-]{36}$/);
    await axeClean(page);
    await page.goto(`${base}/textes`);
    await axeClean(page);
    await screenshot(page, 'texts-1-textes-390');
    await page.getByRole('link', { name: /article 225-4-1/ }).click();
    await page.getByRole('link', { name: 'Lire le texte officiel sur Légifrance' }).waitFor();
    await axeClean(page);
    await screenshot(page, 'texts-2-article-390');
  });
});
