import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, } from 'playwright-core';
import { seedDemoPlacements } from '../../seeds/demo-placements.js';
import { build, type TestContext, type TestUser } from '../support/app.js';
import { DESKS, minorAtCdg, withDemoAlerting } from '../support/alerting.js';
import { axeClean, browserUnavailable, launch, screenshot, signIn } from '../support/browser.js';
import { AUDIT } from '../support/placements.js';

const skip = browserUnavailable();

describe('in Chromium, on a phone: from a minor’s alert to a place far away, the structure’s answer and the OPP clock', {
  skip,
}, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;
  let deskMember: TestUser;
  let alertId: string;

  before(async () => {
    ctx = await build();
    const helpers = await withDemoAlerting(ctx);
    await seedDemoPlacements(ctx.core);
    deskMember = await helpers.member(DESKS.parquetMineurs);
    const reporter = await ctx.createUser({ role: 'frontline', airport: 'CDG' });
    const actor = (await ctx.core.sessions.loadActor(reporter.id, 'token', {
      mfaVerified: true,
      sessionId: null,
      tokenScopes: null,
    }))!;
    alertId = (await ctx.core.services.alerts.intake.raise(actor, AUDIT, minorAtCdg())).alert.id;
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await ctx?.close();
  });

  test('search from the alert, hold, accept, OPP clock and order; capacity map; axe-core clean at 390 px', async () => {
    const phone = await (
      await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: 'fr-FR',
      })
    ).newPage();
    const errors: string[] = [];
    phone.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await signIn(phone, base, deskMember, ctx, `/pro/alertes/${alertId}`);
    await phone.getByRole('link', { name: 'Chercher une place loin du lieu d’exploitation' }).click();
    await phone.waitForURL(/\/pro\/placements\/recherche\?alerte=/);
    // The alert's place (CDG) and person (a girl of 15 speaking English) fill the search.
    await phone.getByText('Recherche pour l’alerte').waitFor();
    assert.equal(await phone.getByLabel('Public accueilli').inputValue(), 'mineures');
    const results = phone.locator('.relais-cards > li');
    assert.ok((await results.count()) >= 5, 'several of the 12 volunteer structures');
    assert.match((await results.first().textContent()) ?? '', /Structure volontaire n° \d+/);
    assert.match((await results.first().textContent()) ?? '', /Langue parlée/);
    await axeClean(phone);
    await screenshot(phone, 'placements-1-recherche-390');

    const chosen = ((await results.first().locator('p').first().textContent()) ?? '').split(' · ')[0]!.trim();
    await results.first().getByRole('button', { name: 'Réserver une place (4 h)' }).click();
    await phone.waitForURL(/\/pro\/placements\/[0-9a-f-]{36}$/);
    await phone.getByText('la structure est prévenue').waitFor();
    await axeClean(phone);
    await screenshot(phone, 'placements-2-reservation-390');
    const placementUrl = phone.url();

    // The structure answers from its phone.
    const staff = await ctx.createUser({
      role: 'host_staff',
      scopeKind: 'organisation',
      organisation: chosen,
    });
    const host = await (
      await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: 'fr-FR',
      })
    ).newPage();
    await signIn(host, base, staff, ctx, '/pro/offres');
    await host.getByText('1 demande à traiter').waitFor();
    await axeClean(host);
    await screenshot(host, 'placements-3-offres-structure-390');
    await host.goto(placementUrl);
    await host.getByRole('button', { name: 'Accepter' }).click();
    await host.getByText('Demande acceptée').waitFor();
    await axeClean(host);
    await screenshot(host, 'placements-4-acceptee-390');

    // Back on the desk's phone: the OPP clock for the minor.
    await phone.goto(`${base}/pro/alertes/${alertId}`);
    await phone.getByRole('link', { name: 'Saisine du parquet des mineurs : délai OPP' }).click();
    await phone.waitForURL(/\/pro\/opp\?alerte=/);
    await axeClean(phone);
    await phone.getByRole('button', { name: 'Démarrer le délai de 48 h' }).click();
    await phone.waitForURL(/\/pro\/opp\/[0-9a-f-]{36}$/);
    await phone.getByText(/Reste 4[78] h/).waitFor();
    await axeClean(phone);
    await screenshot(phone, 'placements-5-opp-390');
    await phone.getByLabel('Juridiction').fill('Juge des enfants du tribunal judiciaire de Paris');
    await phone.locator('#champ-placementId').selectOption({ index: 1 });
    await phone.getByRole('button', { name: 'Enregistrer l’ordonnance' }).click();
    await phone.getByText('OPP rendue dans le délai').waitFor();

    // The national coordination reads capacity on the map and in the table.
    const coordinator = await ctx.createUser({ role: 'coordinator' });
    const desktop = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' })
    ).newPage();
    await signIn(desktop, base, coordinator, ctx, '/pro/capacite');
    assert.ok((await desktop.locator('svg.relais-map path').count()) >= 96);
    // The only place for boys is the Koutcha project, not funded and paused: a gap.
    await desktop.getByText('Aucune place libre pour : Mineurs', { exact: true }).waitFor();
    await axeClean(desktop);
    await screenshot(desktop, 'placements-6-capacite-1280');
    assert.deepEqual(errors, []);
  });
});
