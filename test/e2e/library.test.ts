import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedDemoLibrary } from '../../seeds/demo-library.js';
import { seedDemoTexts } from '../../seeds/demo-texts.js';
import { seedLeaflet } from '../../seeds/leaflet.js';
import { build, type TestContext } from '../support/app.js';
import { axeClean, browserUnavailable, launch, screenshot, signIn } from '../support/browser.js';

const skip = browserUnavailable();

describe('in Chromium on a phone: the tools and the legal texts', { skip }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  before(async () => {
    ctx = await build({ workers: false });
    await seedDemoLibrary(ctx.core);
    await seedDemoTexts(ctx.core);
    await seedLeaflet(ctx.core);
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

  test('the leaflet: its languages, the Arabic page right to left; an editor changes the French and sees the diff on a translation', async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })
    ).newPage();
    await page.goto(`${base}/outils/depliant`);
    await axeClean(page);
    await page.getByRole('link', { name: 'قد تكون ضحية للاتجار بالبشر' }).click();
    await page.waitForURL(/\/outils\/depliant\/ar$/);
    assert.equal(await page.locator('article').getAttribute('dir'), 'rtl');
    await axeClean(page);
    await screenshot(page, 'leaflet-1-ar-390');

    const editor = await ctx.createUser({ role: 'content_editor' });
    const desk = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' })
    ).newPage();
    await signIn(desk, base, editor, ctx, '/pro/depliant');
    await axeClean(desk);
    await desk
      .locator('#body-appeler')
      .fill(
        '- Danger immédiat : 17 (police) ou 112.\n- Enfant en danger : 119.\nCes appels sont gratuits et possibles sans crédit.',
      );
    await desk.getByRole('button', { name: 'Enregistrer le français' }).nth(2).click();
    await desk
      .getByText(/traductions repassent en relecture|traduction repasse en relecture|Français enregistré/)
      .first()
      .waitFor();
    const section = await ctx.core.db
      .selectFrom('leaflet_sections')
      .select('id')
      .where('key', '=', 'appeler')
      .executeTakeFirstOrThrow();
    await desk.goto(`${base}/pro/depliant/${section.id}/es`);
    await desk.getByText('Le français a changé depuis cette traduction').waitFor();
    await axeClean(desk);
    await screenshot(desk, 'leaflet-2-diff');
  });
});
