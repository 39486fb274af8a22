import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../seeds/demo.js';
import { seedDemoTraining } from '../../seeds/demo-training.js';
import { build, type TestContext } from '../support/app.js';
import { axeClean, browserUnavailable, launch, screenshot } from '../support/browser.js';

const skip = browserUnavailable();

describe('in Chromium: the training catalogue on a phone', { skip }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  before(async () => {
    ctx = await build({ workers: false });
    await seedDemo(ctx.core);
    await seedDemoTraining(ctx.core);
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await ctx?.close();
  });

  test('a social worker filters the catalogue, opens a course, signs in and registers; axe-core clean', async () => {
    const worker = await ctx.createUser({
      role: 'case_worker',
      scopeKind: 'organisation',
      organisation: 'Aide sociale à l’enfance de Paris',
    });
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })
    ).newPage();
    await phone.goto(`${base}/formations`);
    await phone.getByRole('heading', { level: 1, name: 'Catalogue des formations' }).waitFor();
    await axeClean(phone);
    await screenshot(phone, 'training-catalogue-1-catalogue-390');

    await phone.getByLabel('Votre métier', { exact: true }).selectOption({ label: 'Associations' });
    await phone.getByLabel('Format', { exact: true }).selectOption({ label: 'Mise en situation' });
    await phone.getByRole('button', { name: 'Filtrer' }).click();
    await phone.getByRole('heading', { level: 2, name: '1 formation' }).waitFor();
    assert.match(phone.url(), /public=associations&format=mise_en_situation/);
    await axeClean(phone);
    await screenshot(phone, 'training-catalogue-2-filtered-390');

    await phone.getByRole('link', { name: 'Formation conjointe sur un cas réel' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Formation conjointe sur un cas réel' }).waitFor();
    assert.match((await phone.locator('main').textContent()) ?? '', /24 places restantes sur 24/);
    await axeClean(phone);
    await screenshot(phone, 'training-catalogue-3-course-anonymous-390');

    await phone.getByRole('link', { name: 'Se connecter pour s’inscrire' }).click();
    await phone.getByLabel('Adresse électronique').fill(worker.email);
    await phone.getByLabel('Mot de passe', { exact: true }).fill(worker.password);
    await phone.getByRole('button', { name: 'Se connecter' }).click();
    if (phone.url().includes('/connexion/2fa')) {
      await phone.getByLabel('Code de vérification').fill(ctx.totpCode(worker));
      await phone.getByRole('button', { name: 'Vérifier' }).click();
    }
    await phone.waitForURL(`${base}/formations/formation-conjointe-sur-un-cas-reel`);
    await axeClean(phone);

    // Without a category the form says what is missing and keeps the département.
    await phone.getByRole('button', { name: 'M’inscrire' }).click();
    await phone.getByText('Choisissez votre catégorie professionnelle.').first().waitFor();
    assert.equal(await phone.getByLabel('Département d’exercice (facultatif)').inputValue(), '75');
    await axeClean(phone);
    await phone.getByLabel(/^Votre catégorie professionnelle/).selectOption({ label: 'Travail social' });
    await phone.getByRole('button', { name: 'M’inscrire' }).click();
    await phone.getByText(/Vous êtes inscrit·e\. Un rappel/).waitFor();
    assert.match((await phone.locator('main').textContent()) ?? '', /23 places restantes sur 24/);
    await axeClean(phone);
    await screenshot(phone, 'training-catalogue-4-registered-390');

    await phone.goto(`${base}/pro/formations`);
    await phone.getByRole('heading', { level: 1, name: 'Mes formations' }).waitFor();
    assert.match((await phone.locator('main').textContent()) ?? '', /Formation conjointe sur un cas réel/);
    await axeClean(phone);
    await screenshot(phone, 'training-catalogue-5-mine-390');

    // The trainer ticks the attendance sheet: the social worker gets a certificate.
    const trainer = await ctx.createUser({ role: 'trainer', organisation: 'MIPROF' });
    const desk = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' })
    ).newPage();
    await desk.goto(`${base}/pro/formations/catalogue`);
    await desk.getByLabel('Adresse électronique').fill(trainer.email);
    await desk.getByLabel('Mot de passe', { exact: true }).fill(trainer.password);
    await desk.getByRole('button', { name: 'Se connecter' }).click();
    await desk.waitForURL(`${base}/pro/formations/catalogue`);
    await axeClean(desk);
    await desk.getByRole('link', { name: 'Sessions : Formation conjointe sur un cas réel' }).click();
    await desk
      .getByRole('heading', { level: 1, name: 'Sessions : Formation conjointe sur un cas réel' })
      .waitFor();
    await axeClean(desk);
    await desk.locator('main table a').first().click();
    await desk.getByRole('heading', { name: 'Feuille d’émargement' }).waitFor();
    // Before the session begins, the sheet says when it opens.
    await desk.getByText(/Les présences s’enregistrent à partir du début de la session/).waitFor();
    await axeClean(desk);
    // The session took place: its dates move to this morning.
    const morning = new Date(ctx.clock.now().getTime() - 3 * 3600_000);
    await ctx.core.db
      .updateTable('training_sessions')
      .set({ starts_at: morning, ends_at: new Date(morning.getTime() + 2 * 3600_000) })
      .where('id', 'in', ctx.core.db.selectFrom('session_registrations').select('session_id'))
      .execute();
    await desk.reload();
    await desk.locator('label[for="present-0"]').click(); // DSFR draws the checkbox on its label
    await desk.getByRole('button', { name: 'Enregistrer les présences' }).click();
    await desk.getByText('Présences enregistrées : 1 attestation délivrée.').waitFor();
    assert.equal(await desk.getByRole('checkbox').first().isChecked(), true);
    await axeClean(desk);
    await screenshot(desk, 'training-catalogue-6-attendance-1280');
    await phone.reload();
    const download = phone.waitForEvent('download');
    await phone.getByRole('link', { name: /^Formation conjointe sur un cas réel, le / }).click();
    assert.match((await download).suggestedFilename(), /^attestation-[0-9a-f]{8}\.pdf$/);
  });
});
