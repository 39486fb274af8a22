import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { seedLeaflet } from '../../../seeds/leaflet.js';
import { LEAFLET_TITLES } from '../../../src/modules/leaflet/content.js';
import { LEAFLET_LANGUAGES } from '../../../src/modules/leaflet/leaflet.js';
import { build, type TestContext } from '../../support/app.js';

describe('the reference leaflet: eleven languages, per-section review, pages and PDFs', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await build({ workers: false });
    await seedLeaflet(ctx.core);
  });
  after(() => ctx.close());

  test('each language is a page (Arabic right to left); drafts produced with help say so until validated', async () => {
    const arabic = await ctx.client().get('/outils/depliant/ar');
    assert.equal(arabic.statusCode, 200);
    assert.match(arabic.body, /<article lang="ar" dir="rtl">/);
    assert.match(arabic.body, /حقوقك/);
    assert.match(arabic.body, /Traduction produite avec aide/);
    const french = await ctx.client().get('/outils/depliant/fr');
    assert.match(french.body, /<article lang="fr" dir="ltr">/);
    assert.doesNotMatch(french.body, /produite avec aide/);
    assert.equal((await ctx.client().get('/outils/depliant/tlh')).statusCode, 404);
    const index = await ctx.client().get('/outils/depliant');
    for (const language of ['fr', ...LEAFLET_LANGUAGES])
      assert.ok(index.body.includes(`href="/outils/depliant/${language}/pdf"`), language);
  });

  test('a PDF per language is produced, parses, carries its title and a QR code image', async () => {
    for (const language of ['fr', ...LEAFLET_LANGUAGES]) {
      const response = await ctx.client().get(`/outils/depliant/${language}/pdf`);
      assert.equal(response.statusCode, 200, language);
      assert.equal(response.headers['content-type'], 'application/pdf');
      const bytes = response.rawPayload;
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
      assert.ok(pdf.getPageCount() >= 1, language);
      assert.equal(pdf.getTitle(), LEAFLET_TITLES[language], language);
      assert.match(bytes.toString('latin1'), /\/Subtype \/Image/, `${language}: the QR code`);
    }
  });

  test('a changed French section sends its translations back to review, with the diff; validation needs review', async () => {
    const editor = await ctx.signIn(await ctx.createUser({ role: 'content_editor' }));
    const section = await ctx.core.db
      .selectFrom('leaflet_sections')
      .selectAll()
      .where('key', '=', 'droits')
      .executeTakeFirstOrThrow();
    const statusOf = async (language: string) =>
      await ctx.core.db
        .selectFrom('leaflet_translations')
        .select(['status', 'assisted'])
        .where('section_id', '=', section.id)
        .where('language', '=', language)
        .executeTakeFirstOrThrow();

    // A person validates the English and the Romanian drafts.
    for (const language of ['en', 'ro']) {
      assert.equal(
        (await editor.postForm(`/pro/depliant/${section.id}/${language}/valider`, {})).statusCode,
        303,
      );
      assert.deepEqual(await statusOf(language), { status: 'validated', assisted: false });
    }
    assert.equal(
      (await editor.postForm(`/pro/depliant/${section.id}/en/valider`, {})).statusCode,
      409,
      'only what is to review',
    );
    assert.doesNotMatch(
      (await ctx.client().get('/outils/depliant/en')).body.split('Signs that should alert you')[0]!,
      /produced with help|produite avec aide/,
    );

    // The French changes: both go back to review; the English page shows what changed.
    const changed = await editor.postForm(`/pro/depliant/${section.id}`, {
      title: section.title,
      body: `${section.body}\n- Une aide pour rentrer dans votre pays, si vous le souhaitez.`,
    });
    assert.equal(changed.statusCode, 303);
    assert.equal((await statusOf('en')).status, 'to_review');
    assert.equal((await statusOf('ro')).status, 'to_review');
    const page = await editor.get(`/pro/depliant/${section.id}/en`);
    assert.match(page.body, /Le français a changé depuis cette traduction/);
    assert.match(page.body, /<ins>[^<]*Une aide pour rentrer dans votre pays/);

    // The translator updates the English: a person's text, to review; validated again.
    const bad = await editor.postForm(`/pro/depliant/${section.id}/en`, { title: '', body: '' });
    assert.equal(bad.statusCode, 422);
    const saved = await editor.postForm(`/pro/depliant/${section.id}/en`, {
      title: 'Your rights',
      body: 'You have the right to be protected, even without papers.\n- Help to go back to your country, if you wish.',
    });
    assert.equal(saved.statusCode, 303);
    assert.deepEqual(await statusOf('en'), { status: 'to_review', assisted: false });
    await editor.postForm(`/pro/depliant/${section.id}/en/valider`, {});
    assert.equal((await statusOf('en')).status, 'validated');
    assert.doesNotMatch((await editor.get(`/pro/depliant/${section.id}/en`)).body, /Le français a changé/);
  });
});
