import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO_SCENARIO_SLUG, seedDemoScenario } from '../../seeds/demo-scenario.js';
import { build, type TestContext } from '../support/app.js';
import { axeClean, browserUnavailable, launch, screenshot, signIn } from '../support/browser.js';

const skip = browserUnavailable();

/** The path of good practice through the shipped scenario, by the start of each action's label. */
const GOOD_PATH: Array<[string, RegExp]> = [
  ['Au comptoir des correspondances', /^Enregistrer normalement/],
  ['La police aux frontières prend le relais', /^Lancer une alerte Relais/],
  ['La permanence du parquet', /^Retenir la minorité/],
  ['L’ordonnance de placement provisoire', /^L’orienter vers une structure volontaire/],
  ['À l’abri, loin de l’Île-de-France', /^Lui laisser le temps de se sécuriser/],
  ['L’audition, puis l’attente du procès', /^Maintenir l’accompagnement/],
];

describe('in Chromium: a case exercise played on a phone, and its authoring page', { skip }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  before(async () => {
    ctx = await build({ workers: false });
    await seedDemoScenario(ctx.core.db);
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await ctx?.close();
  });

  test('a social worker plays the shipped scenario to the debrief on a phone; axe-core clean on every kind of page', async () => {
    const learner = await ctx.createUser({ role: 'case_worker', scopeKind: 'organisation' });
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })
    ).newPage();
    await signIn(phone, base, learner, ctx, '/formations/exercices');
    await axeClean(phone);
    await screenshot(phone, 'scenario-1-list-390');
    await phone.getByRole('link', { name: 'Repérée à Roissy : de l’alerte au procès' }).click();
    await phone.waitForURL(`${base}/formations/exercices/${DEMO_SCENARIO_SLUG}`);
    await phone.getByText('Cas fictif, à des fins de formation').waitFor();
    await axeClean(phone);
    await screenshot(phone, 'scenario-2-intro-390');
    await phone.getByRole('button', { name: 'Commencer l’exercice' }).click();

    // Confirming without a choice: the page says what is missing.
    await phone.getByRole('heading', { level: 1, name: 'Au comptoir des correspondances' }).waitFor();
    await phone.getByRole('button', { name: 'Valider mon choix' }).click();
    await phone.getByText('Choisissez une action avant de valider.').first().waitFor();
    await axeClean(phone);
    await screenshot(phone, 'scenario-3a-step-error-390');

    for (const [i, [title, label]] of GOOD_PATH.entries()) {
      await phone.getByRole('heading', { level: 1, name: title }).waitFor();
      if (i === 1) {
        await phone.getByText('Ce qui s’est passé').waitFor();
        await axeClean(phone);
        await screenshot(phone, 'scenario-3-step-390');
      }
      const radio = phone.getByRole('radio', { name: label });
      const id = await radio.getAttribute('id');
      await phone.locator(`label[for="${id}"]`).click(); // DSFR draws the radio on its label
      assert.equal(await radio.isChecked(), true);
      await phone.getByRole('button', { name: 'Valider mon choix' }).click();
    }

    await phone.getByRole('heading', { level: 1, name: 'Bilan de l’exercice' }).waitFor();
    assert.match(phone.url(), /\/formations\/exercices\/parcours\/[0-9a-f-]{36}\/bilan$/);
    const main = (await phone.locator('main').textContent()) ?? '';
    assert.match(main, /Fin de l’histoire : Le procès, avec la victime/);
    assert.match(main, /Vos choix : bonne pratique 6, acceptable 0, à éviter 0\./);
    assert.match(main, /Aucun défaut de coordination dans votre parcours\./);
    await axeClean(phone);
    await screenshot(phone, 'scenario-4-debrief-390');
  });

  test('a poor path: the debrief shows where coordination failed and the time lost against good practice', async () => {
    const learner = await ctx.createUser({ role: 'frontline', airport: 'CDG' });
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })
    ).newPage();
    await signIn(phone, base, learner, ctx, `/formations/exercices/${DEMO_SCENARIO_SLUG}`);
    await phone.getByRole('button', { name: 'Commencer l’exercice' }).click();
    const choose = async (label: RegExp) => {
      const radio = phone.getByRole('radio', { name: label });
      await phone.locator(`label[for="${await radio.getAttribute('id')}"]`).click();
      await phone.getByRole('button', { name: 'Valider mon choix' }).click();
    };
    await choose(/^Interroger la jeune femme sur place/);
    await choose(/^Traiter d’abord la fraude documentaire/);
    await phone.getByRole('heading', { level: 1, name: 'En zone d’attente' }).waitFor();
    await choose(/^Ne rien signaler/);
    await phone.getByRole('heading', { level: 1, name: 'Bilan de l’exercice' }).waitFor();
    const main = (await phone.locator('main').textContent()) ?? '';
    assert.match(
      main,
      /Fin de l’histoire : Renvoyée vers le réseau\. La bonne pratique menait à une autre issue\./,
    );
    assert.match(main, /Le repérage a été éventé/);
    assert.match(main, /La victime a été traitée comme une fraudeuse/);
    await axeClean(phone);
    await screenshot(phone, 'scenario-5-debrief-poor-390');
  });

  test('a trainer’s authoring page shows the dead end and refuses to publish; axe-core clean', async () => {
    const trainer = await ctx.createUser({ role: 'trainer' });
    const page = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })
    ).newPage();
    await signIn(page, base, trainer, ctx, '/pro/formations/exercices');
    await axeClean(page);
    await page.getByLabel('Titre', { exact: true }).fill('Exercice en cours d’écriture');
    await page.getByRole('button', { name: 'Créer l’exercice' }).click();
    await page.getByText('Exercice créé. Ajoutez maintenant son étape de départ.').waitFor();
    const addStep = async (key: string, title: string, phase: string, end = false) => {
      await page.getByLabel(/^Identifiant de l’étape/).fill(key);
      await page.getByLabel('Phase du cas').selectOption({ label: phase });
      await page.getByLabel('Titre de l’étape').fill(title);
      await page.getByLabel(/^Situation/).fill('Une situation fictive.');
      if (end) await page.locator('label[for="etape-champ-isEnd-0"]').click();
      await page.getByRole('button', { name: 'Ajouter une étape' }).click();
      await page.getByText('Étape enregistrée.').waitFor();
    };
    await addStep('depart', 'Le repérage', 'Repérage');
    // On the new step's page: a choice towards a step yet to be written is impossible, so go back and add it.
    await page.getByRole('link', { name: 'Retour à l’exercice' }).click();
    await addStep('impasse', 'Une étape sans issue', 'Alerte');
    await page.getByRole('link', { name: 'Retour à l’exercice' }).click();
    await page.getByRole('link', { name: /^Modifier l’étape et ses choix\s+Le repérage/ }).click();
    await page.getByLabel(/^Action proposée/).fill('Alerter la PAF');
    await page.getByLabel('Étape suivante', { exact: true }).selectOption('impasse');
    await page.getByLabel('Durée de l’action', { exact: true }).fill('10');
    const good = page.getByRole('radio', { name: 'Bonne pratique' });
    await page.locator(`label[for="${await good.getAttribute('id')}"]`).click();
    await page.getByRole('button', { name: 'Ajouter un choix' }).click();
    await page.getByText('Choix enregistré.').waitFor();
    await axeClean(page);
    await screenshot(page, 'scenario-7-step-edit-390');
    await page.getByRole('link', { name: 'Retour à l’exercice' }).click();
    await page
      .getByText('Étape sans sortie : « impasse » n’a aucun choix et n’est pas une étape de fin.')
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Publier l’exercice' }).click();
    await page
      .getByRole('heading', { name: 'Publication refusée : chaque chemin doit mener à une fin' })
      .waitFor();
    await axeClean(page);
    await screenshot(page, 'scenario-6-authoring-390');
  });
});
