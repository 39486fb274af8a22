import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { build, type TestContext } from '../support/app.js';
import { axeClean, browserUnavailable, launch, screenshot, signIn } from '../support/browser.js';

const skip = browserUnavailable();

describe('in Chromium: a research authorisation granted, then a de-identified HTCDS export', { skip }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  before(async () => {
    ctx = await build({ workers: false });
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await ctx?.close();
  });

  test('the administrator grants it; the coordinator corrects a month and downloads the CSV; axe-core clean', async () => {
    const admin = await ctx.createUser({ role: 'national_admin' });
    const coordinator = await ctx.createUser({ role: 'coordinator' });
    const month = new Date().toISOString().slice(0, 7);

    const desk = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' })
    ).newPage();
    await signIn(desk, base, admin, ctx, '/pro/statistiques/recherche');
    await desk.getByRole('heading', { level: 1, name: 'Export pour la recherche' }).waitFor();
    await desk.getByRole('textbox', { name: /^Adresse électronique du compte/ }).fill(coordinator.email);
    await desk
      .getByRole('textbox', { name: /^Objet de l’étude/ })
      .fill('Étude des parcours de sortie des victimes mineures, laboratoire partenaire');
    await desk.getByRole('button', { name: 'Accorder l’autorisation' }).click();
    // The date was left empty: the form says so and keeps what was typed.
    await desk.getByText('Saisissez une date valide').first().waitFor();
    await axeClean(desk);
    const until = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    await desk.getByLabel(/^Dernier jour de validité/).fill(until);
    await desk.getByRole('button', { name: 'Accorder l’autorisation' }).click();
    await desk.getByText('L’autorisation de recherche est accordée.').waitFor();
    await desk.locator('tr', { hasText: coordinator.email }).getByText('En cours').waitFor();
    await axeClean(desk);
    await screenshot(desk, 'research-1-admin-1280');

    const phone = await (
      await browser.newContext({
        viewport: { width: 390, height: 844 },
        locale: 'fr-FR',
        acceptDownloads: true,
      })
    ).newPage();
    await signIn(phone, base, coordinator, ctx, '/pro/statistiques/recherche');
    await phone.getByText(/Votre autorisation d’export court jusqu’au/).waitFor();
    await phone.getByRole('textbox', { name: /^Premier mois/ }).fill('2026-13');
    await phone.getByRole('textbox', { name: /^Dernier mois/ }).fill(month);
    await phone.getByRole('button', { name: 'Télécharger l’export' }).click();
    await phone.getByText('Saisissez un mois au format AAAA-MM').first().waitFor();
    await axeClean(phone);
    await screenshot(phone, 'research-2-error-390');
    await phone.getByRole('textbox', { name: /^Premier mois/ }).fill(month);
    const download = phone.waitForEvent('download');
    await phone.getByRole('button', { name: 'Télécharger l’export' }).click();
    const file = await download;
    assert.equal(file.suggestedFilename(), `relais-htcds-${month}_${month}.csv`);
    const text = fs.readFileSync((await file.path())!, 'utf8');
    assert.match(text, /^cas_Id,prs_AgeBand,prs_Gender,prs_Nationality,/);
  });
});
