import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../seeds/demo.js';
import { seedDemoSteering } from '../../seeds/demo-steering.js';
import { build, type TestContext } from '../support/app.js';
import { axeClean, browserUnavailable, launch, screenshot, signIn } from '../support/browser.js';

const skip = browserUnavailable();

describe('in Chromium: the joint review of the first plan, the public progress pages, the collective', { skip }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;
  let firstPlan: string;

  before(async () => {
    ctx = await build({ workers: false });
    await seedDemo(ctx.core);
    await seedDemoSteering(ctx.core);
    firstPlan = (await ctx.core.db.selectFrom('plans').select('id').where('slug', '=', 'pnat-2014-2016').executeTakeFirstOrThrow()).id;
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await ctx?.close();
  });

  test('an association rates a measure with a comment on a phone; the coordinator sees it in the synthesis; axe-core clean', async () => {
    const member = await ctx.createUser({ role: 'collective_member', scopeKind: 'organisation', organisation: 'Hors la Rue' });
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })).newPage();
    await signIn(phone, base, member, ctx, '/pilotage/plans');
    await axeClean(phone);
    await phone.getByRole('link', { name: /Premier plan d’action national/ }).click();
    await phone.waitForURL(`${base}/pilotage/plans/${firstPlan}`);
    await axeClean(phone);
    await screenshot(phone, 'steering-1-plan-390');
    await phone.getByRole('link', { name: /^1\.2 — Formations de l’OFII et de l’OFPRA/ }).click();
    await phone.getByRole('heading', { name: 'Votre avis sur cette mesure' }).waitFor();
    await axeClean(phone);
    // Improve without a comment: the form says what is missing and keeps the choice.
    await phone.locator('label[for="champ-rating-1"]').click(); // DSFR draws the radio on its label
    await phone.getByRole('button', { name: 'Enregistrer mon avis' }).click();
    await phone.getByText('Dites ce qui doit changer.').first().waitFor();
    assert.equal(await phone.getByRole('radio', { name: 'À améliorer' }).isChecked(), true);
    await axeClean(phone);
    await phone.getByRole('textbox', { name: /^Commentaire/ }).fill('Étendre ces formations à toutes les formes d’exploitation, travail forcé compris.');
    await phone.getByRole('button', { name: 'Enregistrer mon avis' }).click();
    await phone.getByText('Enregistré.').waitFor();
    assert.equal(await phone.getByRole('radio', { name: 'À améliorer' }).isChecked(), true);
    await screenshot(phone, 'steering-2-rating-390');
    await phone.getByRole('link', { name: 'Premier plan d’action national contre la traite des êtres humains (2014-2016)' }).click();
    assert.match((await phone.locator('main').textContent()) ?? '', /À améliorer/);

    const coordinator = await ctx.createUser({ role: 'coordinator' });
    const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' })).newPage();
    await signIn(desk, base, coordinator, ctx, `/pilotage/plans/${firstPlan}/synthese`);
    await desk.getByText('1 association a donné son avis.').waitFor();
    const row = desk.locator('tr', { hasText: '1.2 — Formations de l’OFII et de l’OFPRA' });
    assert.deepEqual(await row.locator('td').allTextContents().then((cells) => cells.slice(1, 4)), ['0', '1', '0']);
    assert.match((await row.textContent()) ?? '', /Hors la Rue \(À améliorer\) : Étendre ces formations/);
    await axeClean(desk);
    await screenshot(desk, 'steering-3-synthesis-1280');
    const download = desk.waitForEvent('download');
    await desk.getByRole('link', { name: 'Télécharger la synthèse (PDF)' }).click();
    assert.match((await download).suggestedFilename(), /^synthese-pnat-2014-2016\.pdf$/);
  });

  test('public pages: the plan with its charts and tables, deployment, pilots (small figures withheld); the collective', async () => {
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })).newPage();
    await phone.goto(`${base}/plan`);
    await phone.getByRole('heading', { level: 1, name: /Premier plan d’action national/ }).waitFor();
    assert.equal(await phone.locator('figure svg[role="img"]').count() >= 1, true);
    await axeClean(phone);
    await screenshot(phone, 'steering-4-public-plan-390');
    await phone.goto(`${base}/plan/projets-pilotes`);
    assert.match((await phone.locator('main').textContent()) ?? '', /Non publié : moins de 11 cas/);
    await axeClean(phone);
    await screenshot(phone, 'steering-5-pilots-390');
    await phone.goto(`${base}/plan/deploiement`);
    await axeClean(phone);
    await screenshot(phone, 'steering-6-deployment-390');

    const member = await ctx.createUser({ role: 'collective_member', scopeKind: 'organisation', organisation: 'Secours Catholique – Caritas France' });
    await signIn(phone, base, member, ctx, '/collectif');
    await axeClean(phone);
    await screenshot(phone, 'collective-1-home-390');
    await phone.getByRole('link', { name: 'Plénière du collectif avec la MIPROF : deuxième plan et projets pilotes' }).first().click();
    await phone.getByRole('heading', { name: 'Ordre du jour' }).waitFor();
    await axeClean(phone);
    await screenshot(phone, 'collective-2-plenary-390');
  });
});
