import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'playwright-core';
import { DEMO_MODULE_SLUG, seedDemoLearning } from '../../seeds/demo-learning.js';
import { build, type TestContext } from '../support/app.js';
import { axeClean, browserUnavailable, launch, screenshot, signIn } from '../support/browser.js';

const skip = browserUnavailable();

describe('in Chromium: a distance module, its quiz and the certificate', { skip }, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  before(async () => {
    ctx = await build({ workers: false });
    await seedDemoLearning(ctx.core);
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await ctx?.close();
  });

  test('a social worker on a phone reads the lessons, passes the quiz and downloads a certificate that parses; axe-core clean', async () => {
    const learner = await ctx.createUser({ role: 'case_worker', scopeKind: 'organisation' });
    const phone = await (
      await browser.newContext({
        viewport: { width: 390, height: 844 },
        locale: 'fr-FR',
        acceptDownloads: true,
      })
    ).newPage();
    await signIn(phone, base, learner, ctx, `/formations/${DEMO_MODULE_SLUG}/cours`);
    await phone.getByRole('heading', { level: 1, name: /Mineurs victimes de traite/ }).waitFor();
    await axeClean(phone);
    await screenshot(phone, 'learning-1-outline-390');

    await phone.getByRole('link', { name: 'Leçon 1 : Pourquoi un circuit pour les mineurs' }).click();
    for (let position = 1; position <= 4; position++) {
      await phone.getByText(`Leçon ${position} sur 4`).waitFor();
      if (position === 2) {
        await axeClean(phone);
        await screenshot(phone, 'learning-2-lesson-390');
      }
      await phone.getByRole('button', { name: 'Marquer comme lue et continuer' }).click();
    }

    // After the last lesson, the quiz. First, a forgotten category: the error, the answers kept.
    await phone.getByRole('heading', { level: 1, name: /^Quiz/ }).waitFor();
    await axeClean(phone);
    const questions = await ctx.core.db
      .selectFrom('quiz_questions as q')
      .innerJoin('courses as c', 'c.id', 'q.course_id')
      .select(['q.id', 'q.choices'])
      .where('c.slug', '=', DEMO_MODULE_SLUG)
      .orderBy('q.position')
      .execute();
    for (const q of questions) {
      for (const [index, choice] of q.choices.entries()) {
        if (choice.correct) await phone.locator(`label[for="champ-q-${q.id}-${index}"]`).click(); // DSFR draws inputs on labels
      }
    }
    await phone.getByRole('button', { name: 'Valider mes réponses' }).click();
    await phone.getByText('Choisissez votre catégorie professionnelle.').first().waitFor();
    assert.equal(await phone.locator(`#champ-q-${questions[0]!.id}-0`).isChecked(), true);
    await axeClean(phone);
    await screenshot(phone, 'learning-3-quiz-error-390');
    await phone.getByLabel('Catégorie professionnelle').selectOption('travail_social');
    await phone.getByLabel(/Département d’exercice/).selectOption('93');
    await phone.getByRole('button', { name: 'Valider mes réponses' }).click();

    await phone.getByText('Quiz réussi : 100 %').waitFor();
    await axeClean(phone);
    await screenshot(phone, 'learning-4-result-390');
    const download = phone.waitForEvent('download');
    await phone
      .getByRole('link', { name: /attestation/i })
      .first()
      .click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^attestation-[0-9a-f]{8}\.pdf$/);
    const path = await file.path();
    const { readFile } = await import('node:fs/promises');
    const doc = await PDFDocument.load(await readFile(path));
    assert.equal(doc.getPageCount(), 1);
    assert.equal(doc.getTitle(), 'Attestation de formation');

    // The module's outline now says it is complete.
    await phone.goto(`${base}/formations/${DEMO_MODULE_SLUG}/cours`);
    await phone.getByText('Module terminé : toutes les leçons sont lues et le quiz est réussi.').waitFor();
    await screenshot(phone, 'learning-5-complete-390');
  });
});
