import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { DEMO_MODULE_SLUG, seedDemoLearning } from '../../../seeds/demo-learning.js';
import { parisDate } from '../../../src/platform/time/paris.js';
import { build, type Client, type TestContext } from '../../support/app.js';

const base = `/formations/${DEMO_MODULE_SLUG}`;

/** The quiz's questions with their right choices, read from the database the seed filled. */
async function answerKey(ctx: TestContext) {
  const rows = await ctx.core.db
    .selectFrom('quiz_questions as q')
    .innerJoin('courses as c', 'c.id', 'q.course_id')
    .select(['q.id', 'q.choices', 'q.multiple'])
    .where('c.slug', '=', DEMO_MODULE_SLUG)
    .orderBy('q.position')
    .execute();
  return rows.map((r) => ({
    field: `q-${r.id}`,
    right: r.choices.filter((c) => c.correct).map((c) => c.id),
    wrong: r.choices.filter((c) => !c.correct).map((c) => c.id),
    multiple: r.multiple,
  }));
}

const attemptOf = (location: string | undefined) => {
  const match = /\/quiz\/([0-9a-f-]{36})$/.exec(location ?? '');
  assert.ok(match, `a quiz attempt address, got ${location}`);
  return match[1]!;
};

describe('distance learning: lessons, quiz, certificate', () => {
  let ctx: TestContext;
  let learner: Client;

  before(async () => {
    ctx = await build();
    await seedDemoLearning(ctx.core);
    learner = await ctx.signIn(await ctx.createUser({ role: 'case_worker', scopeKind: 'organisation' }));
  });
  after(() => ctx.close());

  test('the module needs a signed-in professional; an unknown module is 404', async () => {
    const anonymous = await ctx.client().get(`${base}/cours`);
    assert.equal(anonymous.statusCode, 302);
    assert.equal((await learner.get('/formations/nexiste-pas/cours')).statusCode, 404);
  });

  test('a learner reads the lessons, fails, retries, passes and downloads a certificate that parses', async () => {
    const outline = await learner.get(`${base}/cours`);
    assert.equal(outline.statusCode, 200);
    assert.match(outline.body, /0 leçon sur 4/);

    // Each lesson read leads to the next; after the last one, to a new quiz attempt.
    let response = await learner.postForm(`${base}/cours/1`, {});
    assert.equal(response.headers.location, `${base}/cours/2`);
    for (const position of [2, 3]) await learner.postForm(`${base}/cours/${position}`, {});
    response = await learner.postForm(`${base}/cours/4`, {});
    const first = attemptOf(response.headers.location as string);
    assert.match((await learner.get(`${base}/cours`)).body, /4 leçons sur 4/);

    const key = await answerKey(ctx);
    assert.equal(key.length, 5);
    // Unanswered questions and no category: the form comes back with the errors and the answers kept.
    const partial = { [key[0]!.field]: key[0]!.right[0]! };
    response = await learner.postForm(`${base}/quiz/${first}`, {
      ...partial,
      category: '',
      departementCode: '',
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Répondez à cette question/);
    assert.match(response.body, /Choisissez votre catégorie professionnelle/);
    assert.match(response.body, new RegExp(`value="${key[0]!.right[0]}"[^>]*checked`));
    // A choice that is not one of the question's.
    response = await learner.postForm(`${base}/quiz/${first}`, {
      ...Object.fromEntries(key.map((q) => [q.field, 'z'])),
      category: 'travail_social',
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /ne fait pas partie de la question/);

    // All wrong: failed, no certificate.
    const wrong = Object.fromEntries(key.map((q) => [q.field, q.wrong[0]!]));
    response = await learner.postForm(`${base}/quiz/${first}`, {
      ...wrong,
      category: 'travail_social',
      departementCode: '93',
    });
    assert.equal(response.statusCode, 303);
    let result = await learner.get(`${base}/quiz/${first}`);
    assert.match(result.body, /Quiz non réussi : 0 %/);
    // The same attempt cannot be answered twice.
    response = await learner.postForm(`${base}/quiz/${first}`, { ...wrong, category: 'travail_social' });
    assert.equal(response.statusCode, 409);

    // A new attempt, all right: passed, and the certificate is issued with the declared category.
    response = await learner.postForm(`${base}/quiz`, {});
    const second = attemptOf(response.headers.location as string);
    assert.notEqual(second, first);
    const right = Object.fromEntries(key.map((q) => [q.field, q.multiple ? q.right : q.right[0]!]));
    await learner.postForm(`${base}/quiz/${second}`, {
      ...right,
      category: 'travail_social',
      departementCode: '93',
    });
    result = await learner.get(`${base}/quiz/${second}`);
    assert.match(result.body, /Quiz réussi : 100 %/);
    const link = /href="(\/formations\/attestations\/[0-9a-f-]{36}\/pdf)"/.exec(result.body);
    assert.ok(link, 'a link to the certificate');
    const pdf = await learner.get(link[1]!);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const doc = await PDFDocument.load(pdf.rawPayload);
    assert.equal(doc.getPageCount(), 1);

    // Another professional cannot open this learner's attempt nor certificate.
    const other = await ctx.signIn(await ctx.createUser({ role: 'case_worker', scopeKind: 'organisation' }));
    assert.equal((await other.get(`${base}/quiz/${second}`)).statusCode, 404);
    assert.notEqual((await other.get(link[1]!)).statusCode, 200);

    // The certificate counts in the plan's figures: one social worker trained, in Seine-Saint-Denis.
    // The day in Paris, as the counts read it: between 23:00 and midnight UTC it is already tomorrow there.
    const today = parisDate(ctx.clock.now());
    const rows = await ctx.core.services.training.counts.count({
      from: today,
      to: today,
      category: 'travail_social',
      departementCode: '',
    });
    const row = rows.find((r) => r.category === 'travail_social' && r.departement_code === '93');
    assert.deepEqual([row?.distance, row?.total], [1, 1]);
  });

  test('a trainer writes a lesson and a question; bad input is explained and kept', async () => {
    const trainer = await ctx.signIn(await ctx.createUser({ role: 'trainer' }));
    const home = `/pro/formations/${DEMO_MODULE_SLUG}/contenu`;
    assert.equal((await learner.get(home)).statusCode, 403);
    assert.equal((await trainer.get(home)).statusCode, 200);

    let response = await trainer.postForm(`${home}/lecons`, { title: 'Une leçon', body: '   ' });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Écrivez le texte de la leçon/);
    assert.match(response.body, /value="Une leçon"/);
    response = await trainer.postForm(`${home}/lecons`, { title: 'Une leçon', body: 'Le **texte**.' });
    assert.equal(response.statusCode, 303);
    assert.match((await learner.get(`${base}/cours/5`)).body, /<strong>texte<\/strong>/);

    const question = {
      text: 'Quel délai pour l’OPP ?',
      kind: 'single',
      choices: '* 48 heures\n* 30 jours',
      explanation: '',
    };
    response = await trainer.postForm(`${home}/questions`, question);
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Une question à choix unique n’a qu’une bonne réponse/);
    assert.match(response.body, /Quel délai pour l’OPP/);
    response = await trainer.postForm(`${home}/questions`, {
      ...question,
      choices: '* 48 heures\n- 30 jours',
    });
    assert.equal(response.statusCode, 303);
    assert.equal((await answerKey(ctx)).length, 6);

    response = await trainer.postForm(`${home}/seuil`, { passMark: '150' });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /entre 1 et 100/);
    assert.equal((await trainer.postForm(`${home}/seuil`, { passMark: '80 %' })).statusCode, 303);
    assert.match((await learner.get(`${base}/cours`)).body, /Seuil de réussite : 80 %/);
  });
});
