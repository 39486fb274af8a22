import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { build, type TestContext } from '../support/app.js';
import { axeClean, browserUnavailable, launch, screenshot, signIn } from '../support/browser.js';

const skip = browserUnavailable();

describe('in Chromium: subscribing to the newsletter on a phone; an editor sends an edition and watches it go', {
  skip,
}, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  before(async () => {
    ctx = await build();
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await ctx?.close();
  });

  test('/lettre: a mistake is shown on its field; subscribe, confirm from the mail, change preferences; axe-core clean', async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })
    ).newPage();
    await page.goto(`${base}/lettre`);
    await axeClean(page);
    await screenshot(page, 'newsletter-1-lettre-390');
    await page.getByLabel('Adresse électronique').fill('educatrice@exemple');
    await page.getByLabel('Profession').selectOption('travail_social');
    await page.getByLabel('Département d’exercice').selectOption('93');
    await page.getByRole('button', { name: 'S’abonner' }).click();
    await page.getByText('Saisissez une adresse électronique valide').first().waitFor();
    await axeClean(page);
    await screenshot(page, 'newsletter-2-erreur-390');
    await page.getByLabel('Adresse électronique').fill('educatrice@exemple.test');
    await page.getByRole('button', { name: 'S’abonner' }).click();
    await page.getByText('Vérifiez votre messagerie').waitFor();

    const mail = await ctx.waitForMail((m) => m.to.includes('educatrice@exemple.test'));
    const link = mail.text.match(/http:\/\/relais\.test(\/lettre\/confirmer\/\S+)/)?.[1];
    assert.ok(link);
    await page.goto(`${base}${link}`);
    await axeClean(page);
    await page.getByRole('button', { name: 'Confirmer mon abonnement' }).click();
    await page.waitForURL(/\/lettre\/preferences\//);
    await page.getByText('abonné·e').first().waitFor();
    await page.getByLabel('Langue de la lettre').selectOption('ro');
    await page.getByRole('button', { name: 'Enregistrer mes préférences' }).click();
    await page.getByText('Vos préférences sont enregistrées').waitFor();
    await axeClean(page);
    await screenshot(page, 'newsletter-3-preferences-390');
  });

  test('/pro/lettre: compose, count the audience, send, the progress bar reaches the total; uncertain letters sent again from a phone; the archive in Arabic reads right to left', async () => {
    await ctx.core.db
      .insertInto('newsletter_subscribers')
      .values(
        Array.from({ length: 40 }, (_, i) => ({
          email: `lecteur-${i}@exemple.test`,
          profession: i % 2 ? 'travail_social' : 'association',
          departement_code: '75',
          language: i % 5 === 0 ? 'ar' : 'fr',
          status: 'confirmed' as const,
          confirmed_at: new Date(),
          is_synthetic: true,
        })),
      )
      .execute();
    const editor = await ctx.createUser({ role: 'content_editor' });
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' })
    ).newPage();
    await signIn(page, base, editor, ctx, '/pro/lettre');
    await page.getByLabel('Titre de l’édition').fill('Lettre d’hiver');
    await page.getByLabel('Objet du message').fill('Relais — lettre d’hiver');
    await page.getByLabel('Texte').fill('Bonjour,\n\n- la **fiche réflexe** mineurs\n- le guide d’audition');
    await page.getByRole('button', { name: 'Créer le brouillon' }).click();
    await page.waitForURL(/\/pro\/lettre\/[0-9a-f-]{36}$/);
    await page.getByLabel('Ajouter une langue (part du texte français, à traduire)').selectOption('ar');
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await page.locator('#subject-ar').fill('ريلي — رسالة الشتاء');
    await page.locator('#markdown-ar').fill('مرحبا');
    await page.getByRole('button', { name: 'Enregistrer cette langue' }).nth(1).click();
    await page.locator('label', { hasText: 'Travail social' }).click();
    await page.getByLabel('Départements').fill('75');
    await page.getByRole('button', { name: 'Enregistrer ce public et compter' }).click();
    await page.getByText('20 abonné·es confirmé·es dans ce public').waitFor();
    await axeClean(page);
    // The "upcoming trainings" block: no session is scheduled in this database, and the page says so.
    await page.locator('label[for="champ-trainings"]').click();
    await page.locator('form[action$="/formations"] button').click();
    await page.getByText('Aucune session n’est programmée dans les six prochains mois.').waitFor();
    assert.equal(await page.locator('#champ-trainings').isChecked(), true);
    await axeClean(page);
    await screenshot(page, 'newsletter-4-edition');
    await page.getByRole('button', { name: 'Envoyer à 20 destinataire(s)' }).click();
    await page.getByText('20 envoyé(s) sur 20').waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('#lettre-progress').getAttribute('value'), '20');
    await axeClean(page);
    await screenshot(page, 'newsletter-5-envoyee');
    assert.equal(ctx.smtp.messages.filter((m) => m.to.some((to) => to.startsWith('lecteur-'))).length, 20);

    // A worker killed with two letters in its last statement: on a phone, the editor sees them and sends them again.
    const editionUrl = page.url();
    const editionId = editionUrl.split('/').at(-1)!;
    const worker = randomUUID();
    await ctx.core.db
      .insertInto('newsletter_sending_workers')
      .values({ worker, edition_id: editionId, started_at: new Date() })
      .execute();
    const lastTwo = await ctx.core.db
      .selectFrom('newsletter_deliveries')
      .select('subscriber_id')
      .where('edition_id', '=', editionId)
      .orderBy('subscriber_id')
      .limit(2)
      .execute();
    await ctx.core.db
      .updateTable('newsletter_deliveries')
      .set({ recorded_by: worker, record_seq: 1 })
      .where('edition_id', '=', editionId)
      .where(
        'subscriber_id',
        'in',
        lastTwo.map((d) => d.subscriber_id),
      )
      .execute();
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })
    ).newPage();
    await signIn(phone, base, editor, ctx, editionUrl.slice(base.length));
    await phone.getByText('2 lettres incertaines').waitFor();
    await axeClean(phone);
    await screenshot(phone, 'newsletter-7-incertaines-390');
    await phone.getByRole('button', { name: 'Renvoyer ces 2 lettres' }).click();
    await phone.getByText('Les lettres incertaines repartent.').waitFor();
    await phone.getByText('20 envoyé(s) sur 20').waitFor({ timeout: 20_000 });
    const lecteurs = () => ctx.smtp.messages.filter((m) => m.to.some((to) => to.startsWith('lecteur-')));
    for (let i = 0; i < 100 && lecteurs().length < 22; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(lecteurs().length, 22, 'the two uncertain letters again, nobody else');
    await phone.reload();
    assert.equal(
      await phone.locator('.fr-alert__title', { hasText: 'incertaine' }).count(),
      0,
      'once they are out, the page has nothing left to decide',
    );

    const visitor = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })
    ).newPage();
    await visitor.goto(`${base}/lettre/archives`);
    await visitor.getByRole('link', { name: 'Lettre d’hiver' }).click();
    await visitor.getByRole('link', { name: 'العربية' }).click();
    assert.equal(await visitor.locator('article').getAttribute('dir'), 'rtl');
    await axeClean(visitor);
    await screenshot(visitor, 'newsletter-6-archive-ar-390');
  });
});
