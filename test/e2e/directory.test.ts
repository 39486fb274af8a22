import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedDemoDirectory } from '../../seeds/demo-directory.js';
import { build, type TestContext } from '../support/app.js';
import { axeClean, browserUnavailable, launch, screenshot } from '../support/browser.js';

const skip = browserUnavailable();

describe('in Chromium: the public map filtered by minors and a département, keyboard only', { skip }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  before(async () => {
    ctx = await build();
    await seedDemoDirectory(ctx.core);
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await ctx?.close();
  });

  test('/carte: choose “Mineurs” and Paris with the keyboard, submit, open a place; axe-core clean', async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })
    ).newPage();
    await page.goto(`${base}/carte`);
    await axeClean(page);
    // Keyboard only: focus the fields by tabbing, choose with the keys, submit with Enter.
    const focusOn = async (id: string) => {
      for (let i = 0; i < 60; i++) {
        if (await page.evaluate((target) => document.activeElement?.id === target, id)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`never reached #${id} with Tab`);
    };
    await focusOn('champ-departement');
    await page.keyboard.type('75');
    await focusOn('champ-public');
    await page.keyboard.type('Min');
    assert.equal(await page.locator('#champ-departement').inputValue(), '75');
    assert.equal(await page.locator('#champ-public').inputValue(), 'mineurs');
    await focusOn('carte-afficher');
    await page.keyboard.press('Enter');
    await page.waitForURL(/departement=75/);
    await page.getByRole('heading', { name: /lieu/ }).first().waitFor();
    const cards = page.locator('.relais-cards > li');
    assert.equal(await cards.count(), 2, 'Hors la Rue and the parquet des mineurs in Paris');
    await axeClean(page);
    await screenshot(page, 'directory-1-carte-390');
    await page.keyboard.press('Tab');
    const first = cards.first().locator('a');
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/carte\/lieux\//);
    await axeClean(page);
    await page.goto(`${base}/carte/departements`);
    await axeClean(page);
    await screenshot(page, 'directory-2-departements-390');
  });
});
