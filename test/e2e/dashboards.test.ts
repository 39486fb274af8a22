import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { buildWorld, type World } from '../modules/statistics/dashboards-fixtures.js';
import { build, type TestContext } from '../support/app.js';
import { axeClean, browserUnavailable, launch, screenshot, signIn } from '../support/browser.js';

const skip = browserUnavailable();

describe('in Chromium: a coordinator reads the dashboards on a phone', { skip }, () => {
  let ctx: TestContext;
  let world: World;
  let browser: Browser;
  let base: string;

  before(async () => {
    ctx = await build({ workers: false });
    world = await buildWorld(ctx, { setClock: false });
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await ctx?.close();
  });

  test('the Paris coordinator opens the alerts and response times, downloads a CSV, gets a clear error for a future date; axe-core clean', async () => {
    const phone = await (
      await browser.newContext({
        viewport: { width: 390, height: 844 },
        locale: 'fr-FR',
        acceptDownloads: true,
      })
    ).newPage();
    await signIn(phone, base, world.coordinator75, ctx, '/pro/statistiques');
    await phone.getByRole('heading', { level: 1, name: 'Tableaux de bord' }).waitFor();
    await axeClean(phone);
    await screenshot(phone, 'dashboards-1-overview-390');

    await phone.getByRole('link', { name: 'Alertes reçues' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Alertes reçues' }).waitFor();
    await phone.getByLabel('Du', { exact: true }).fill('2026-01-01');
    await phone.getByRole('button', { name: 'Afficher' }).click();
    await phone.getByRole('heading', { name: 'Alertes par mois' }).waitFor();
    assert.match((await phone.locator('main').textContent()) ?? '', /Paris \(75\)/);
    assert.equal(await phone.locator('figure svg[role="img"]').count(), 6);
    const row = phone.locator('table', { hasText: 'Nationalité' }).locator('tr', { hasText: 'Roumanie' });
    assert.deepEqual(await row.locator('td').allTextContents(), ['Roumanie', '2', '0']);
    await axeClean(phone);
    await screenshot(phone, 'dashboards-2-alerts-390');

    const download = phone.waitForEvent('download');
    await phone.getByRole('link', { name: 'Télécharger ce tableau (CSV)' }).first().click();
    assert.match((await download).suggestedFilename(), /^alertes-month-2026-01-01-\d{4}-\d{2}-\d{2}\.csv$/);

    await phone.getByRole('link', { name: 'Délais', exact: true }).click();
    await phone.getByRole('heading', { level: 1, name: 'Délais de réponse' }).waitFor();
    await phone.getByLabel('Du', { exact: true }).fill('2026-01-01');
    await phone.getByRole('button', { name: 'Afficher' }).click();
    await phone.getByRole('heading', { name: 'Délais depuis l’alerte, par étape' }).waitFor();
    await axeClean(phone);
    await screenshot(phone, 'dashboards-3-delays-390');

    await phone.getByLabel('Du', { exact: true }).fill('2099-01-01');
    await phone.getByRole('button', { name: 'Afficher' }).click();
    await phone.getByText('Cette date est dans le futur').first().waitFor();
    await axeClean(phone);
    await screenshot(phone, 'dashboards-4-future-390');
  });

  test('a host structure sees its placements and capacity; a frontline professional is told there is nothing for the role', async () => {
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })
    ).newPage();
    await signIn(phone, base, world.hostStaff, ctx, '/pro/statistiques/placements?from=2026-01-01');
    await phone.getByRole('heading', { name: 'Occupation des places ouvertes' }).waitFor();
    await axeClean(phone);
    await screenshot(phone, 'dashboards-5-placements-390');

    const other = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })
    ).newPage();
    await signIn(other, base, world.frontline, ctx, '/pro/statistiques');
    await other.getByRole('heading', { name: 'Aucun tableau de bord pour votre rôle' }).waitFor();
    await axeClean(other);
    await screenshot(other, 'dashboards-6-nothing-390');
  });
});
