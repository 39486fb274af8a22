import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, } from 'playwright-core';
import { build, type TestContext, type TestUser } from '../support/app.js';
import { DESKS, withDemoAlerting } from '../support/alerting.js';
import { browserUnavailable, launch, screenshot, seriousViolations, signIn } from '../support/browser.js';

const skip = browserUnavailable();

describe('in Chromium: an alert raised on a phone appears live on a duty desk’s page', { skip }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;
  let reporter: TestUser;
  let deskMember: TestUser;

  before(async () => {
    ctx = await build();
    const helpers = await withDemoAlerting(ctx);
    reporter = await ctx.createUser({ role: 'frontline', airport: 'CDG' });
    deskMember = await helpers.member(DESKS.parquetMineurs);
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await ctx?.close();
  });

  test('raise at 390×844, seen without reload by the parquet des mineurs desk; axe-core clean', async () => {
    const deskContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const desk = await deskContext.newPage();
    await signIn(desk, base, deskMember, ctx, '/pro/alertes');
    assert.deepEqual((await seriousViolations(desk)).map((v) => v.id), []);
    const before = await desk.locator('.relais-alert').count();

    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await phoneContext.newPage();
    const errors: string[] = [];
    phone.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const started = Date.now();
    await signIn(phone, base, reporter, ctx, '/pro/alertes/nouvelle');
    assert.deepEqual((await seriousViolations(phone)).map((v) => v.id), []);
    await phone.getByRole('link', { name: 'Aéroport' }).click();
    await phone.waitForURL(/contexte=aeroport/);
    assert.deepEqual((await seriousViolations(phone)).map((v) => `${v.id} ${v.nodes.map((n) => n.target).join()}`), []);
    await screenshot(phone, 'alerte-formulaire-390');
    // CDG is preselected for an airport-scoped reporter; one person, a minor.
    await phone.getByText('Oui', { exact: true }).first().click();
    await phone.getByLabel('Âge estimé').fill('15');
    await phone.getByLabel('Genre').selectOption('female');
    await phone.getByLabel('Nationalité').selectOption('NG');
    await phone.getByText('Exploitation sexuelle').click();
    await phone.getByText('Un accompagnateur surveille ses déplacements et ses paroles').click();
    await phone.getByText('Mineur : pas de consentement requis').click();
    await phone.getByRole('button', { name: 'Envoyer l’alerte' }).click();
    await phone.waitForURL(/envoyee=1/);
    const elapsed = Date.now() - started;
    const heading = await phone.getByRole('heading', { level: 2 }).first().textContent();
    const reference = /ALR-\d{4}-\d{6}/.exec(heading ?? '')?.[0];
    assert.ok(reference, heading ?? '');
    assert.deepEqual((await seriousViolations(phone)).map((v) => v.id), []);
    await screenshot(phone, 'alerte-envoyee-390');
    assert.deepEqual(errors, []);
    assert.ok(elapsed < 120_000, `raised in ${elapsed} ms`);

    // The desk's page, still open, shows it without reload.
    await desk.locator('.relais-alert', { hasText: reference! }).waitFor({ timeout: 5000 });
    assert.equal(await desk.locator('.relais-alert').count(), before + 1);
    assert.match((await desk.locator('[data-live-announce]').textContent()) ?? '', new RegExp(reference!));
    await screenshot(desk, 'permanence-liste-1280');
    await desk.locator('.relais-alert a', { hasText: reference! }).click();
    await desk.getByRole('button', { name: 'Prendre en compte' }).click();
    await desk.waitForURL(/\/pro\/alertes\/[0-9a-f-]{36}$/);
    assert.match((await desk.locator('.fr-alert--success').textContent()) ?? '', /Alerte prise en compte/);
    assert.deepEqual((await seriousViolations(desk)).map((v) => v.id), []);
    await screenshot(desk, 'permanence-alerte-1280');
    await phoneContext.close();
    await deskContext.close();
  });

  test('offline, the form keeps the draft and sends itself when the network is back (same key, one alert)', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, base, reporter, ctx, '/pro/alertes/nouvelle?contexte=gare_port');
    await page.locator('label[for="champ-placeKind-2"]').click();
    await page.locator('#champ-departement').selectOption('13');
    await page.getByText('Non', { exact: true }).first().click();
    await page.getByText('Adulte qui refuse : alerte anonyme').click();
    const count = async () => Number((await ctx.core.db.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Envoyer l’alerte' }).click();
    await page.locator('[data-offline-message]', { hasText: 'Pas de réseau' }).waitFor();
    assert.equal(await count(), before);
    const draft = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('relais-alert-draft:')));
    assert.deepEqual(draft, ['relais-alert-draft:gare_port']);
    await context.setOffline(false);
    await page.waitForURL(/envoyee=1/, { timeout: 20_000 });
    assert.equal(await count(), before + 1);
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('relais-alert-draft:'))), [], 'the draft is cleared once sent');
    await context.close();
  });
});
