import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDemoTexts } from '../../../seeds/demo-texts.js';
import { build, type TestContext } from '../../support/app.js';

describe('legal texts: references, Légifrance links, our summaries; the official text only when pasted verbatim', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await build({ workers: false });
    await seedDemoTexts(ctx.core);
  });
  after(() => ctx.close());

  test('the public page lists the seeded articles by code, each page links to Légifrance and says the summary is ours', async () => {
    const list = await ctx.client().get('/textes');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /article 225-4-1 — Définition de la traite des êtres humains/);
    assert.match(list.body, /article L\. 425-1 — Titre de séjour/);
    assert.match(list.body, /n’ont pas de valeur juridique/);
    const id = (
      await ctx.core.db
        .selectFrom('legal_texts')
        .select('id')
        .where('article', '=', '225-4-1')
        .executeTakeFirstOrThrow()
    ).id;
    const page = await ctx.client().get(`/textes/${id}`);
    assert.match(
      page.body,
      /href="https:\/\/www\.legifrance\.gouv\.fr\/codes\/texte_lc\/LEGITEXT000006070719"/,
    );
    assert.match(page.body, /Le texte officiel n’est pas reproduit ici/);
    assert.match(page.body, /Version en vigueur : à consulter sur Légifrance/);
  });

  test('editors: clear errors, a draft is not public until published, a verbatim text is shown as the official text', async () => {
    const editor = await ctx.signIn(await ctx.createUser({ role: 'content_editor' }));
    const bad = await editor.postForm('/pro/textes', {
      code: 'Code pénal',
      article: '225-4-1',
      title: 'Doublon',
      topic: 'inconnu',
      versionDate: '2026-02-31',
      legifranceUrl: 'https://exemple.org/loi',
      summary: '',
      officialText: '',
    });
    assert.equal(bad.statusCode, 422);
    for (const message of [
      /Cet article de ce code existe déjà|Choisissez un thème/,
      /Date au format AAAA-MM-JJ/,
      /Le lien doit mener à Légifrance/,
      /Écrivez un résumé/,
    ])
      assert.match(bad.body, message);
    const created = await editor.postForm('/pro/textes', {
      code: 'Code pénal',
      article: '225-4-9',
      title: 'Exemption ou réduction de peine',
      topic: 'peines',
      versionDate: '2026-11-01',
      legifranceUrl: 'https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070719',
      summary: 'Résumé de démonstration.',
      officialText: 'Texte collé depuis Légifrance pour l’essai.',
    });
    assert.equal(created.statusCode, 303);
    const page = created.headers.location as string;
    const id = page.split('/').at(-1)!;
    assert.equal((await ctx.client().get(`/textes/${id}`)).statusCode, 404, 'a draft is not public');
    assert.equal((await editor.postForm(`${page}/etat`, { status: 'published' })).statusCode, 303);
    const shown = await ctx.client().get(`/textes/${id}`);
    assert.match(
      shown.body,
      /<blockquote class="fr-quote"><p>Texte collé depuis Légifrance pour l’essai\.<\/p><\/blockquote>/,
    );
    assert.match(shown.body, /en vigueur au 1 novembre 2026|en vigueur au 1er novembre 2026/);
  });
});
