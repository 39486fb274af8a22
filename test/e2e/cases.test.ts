import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, } from 'playwright-core';
import { build, type TestContext, type TestUser } from '../support/app.js';
import { DESKS, minorAtCdg, withDemoAlerting } from '../support/alerting.js';
import { axeClean, browserUnavailable, launch, screenshot, signIn } from '../support/browser.js';
import { AUDIT } from '../support/placements.js';

const skip = browserUnavailable();

describe('in Chromium: a case worker opens a file from an alert, adds a trial date, records a runaway; the desk sees it live', {
  skip,
}, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;
  let worker: TestUser;
  let deskMember: TestUser;
  let alertReference: string;

  before(async () => {
    ctx = await build();
    const helpers = await withDemoAlerting(ctx);
    // Hors la Rue: a desk (its duty member watches the alerts) and a case worker (TOTP, as the role requires).
    worker = await ctx.createUser({
      role: 'case_worker',
      scopeKind: 'organisation',
      organisation: 'Hors la Rue',
    });
    deskMember = await helpers.member(DESKS.horsLaRue);
    const reporter = await ctx.createUser({ role: 'frontline', airport: 'CDG' });
    const actor = (await ctx.core.sessions.loadActor(reporter.id, 'token', {
      mfaVerified: true,
      sessionId: null,
      tokenScopes: null,
    }))!;
    alertReference = (await ctx.core.services.alerts.intake.raise(actor, AUDIT, minorAtCdg())).alert
      .reference;
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await ctx?.close();
  });

  test('TOTP sign-in, file from the alert, trial date, runaway → the desk’s open page shows the runaway alert without reload', async () => {
    const deskPage = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' })
    ).newPage();
    await signIn(deskPage, base, deskMember, ctx, '/pro/alertes');
    await deskPage.getByText(alertReference).first().waitFor();

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
    await signIn(phone, base, worker, ctx, '/pro/dossiers');
    await axeClean(phone);
    await screenshot(phone, 'cases-1-liste-390');
    await phone.getByRole('link', { name: 'Ouvrir un dossier de suivi' }).first().click();
    await phone.waitForURL(/\/pro\/dossiers\/nouveau\?alerte=/);
    await phone.getByText(`Ouvert depuis l’alerte ${alertReference}`).waitFor();
    assert.equal(await phone.getByLabel('Âge').inputValue(), '15');
    await phone.locator('label', { hasText: 'conserver son identité (chiffrée)' }).click();
    await phone.getByLabel('Nom(s) et prénom(s)').fill('Personne de démonstration');
    await axeClean(phone);
    await screenshot(phone, 'cases-2-ouverture-390');
    await phone.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await phone.waitForURL(/\/pro\/dossiers\/[0-9a-f-]{36}$/);
    await phone.getByText(/Dossier TEH-2026-\d{6} ouvert/).waitFor();
    await phone.getByText('Personne de démonstration').waitFor();

    // A trial date.
    await phone.getByText('Ajouter au journal').click();
    await phone.locator('#champ-kind').selectOption('trial');
    await phone.locator('#champ-occurredOn').fill('2027-01-15');
    await phone.getByLabel('Service, juridiction ou structure').fill('Tribunal pour enfants de Paris');
    await phone.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await phone.getByText('Enregistré au journal.').waitFor();
    await phone.getByText('Prochaine échéance : Procès, le 15 janvier 2027.').waitFor();

    // A runaway: the desk's page shows the new alert without reload.
    const before = await deskPage.locator('.relais-alert').count();
    await phone.locator('#champ-fugue-departement').fill('75');
    await phone.getByRole('button', { name: 'Signaler une fugue' }).click();
    await phone.getByText('Fugue enregistrée : les permanences et la coordination sont alertées.').waitFor();
    await axeClean(phone);
    await screenshot(phone, 'cases-3-dossier-390');
    await deskPage.waitForFunction((n) => document.querySelectorAll('.relais-alert').length > n, before, {
      timeout: 10_000,
    });
    const runawayReference = await phone
      .locator('.relais-timeline a', { hasText: 'voir l’alerte' })
      .first()
      .getAttribute('href');
    assert.ok(runawayReference);
    await screenshot(deskPage, 'cases-4-permanence-1280');
    assert.deepEqual(errors, []);
  });
});
