import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import pino from 'pino';
import { createEditions } from '../../../src/modules/newsletter/editions.js';
import { createBulkSmtpTransport, createSender } from '../../../src/modules/newsletter/sending.js';
import { createSubscriptions } from '../../../src/modules/newsletter/subscriptions.js';
import { createNewsletterTokens } from '../../../src/modules/newsletter/tokens.js';
import { build, type TestContext } from '../../support/app.js';
import { AUDIT } from '../../support/placements.js';
import { startSmtpServer } from '../../support/smtp.js';

const linkIn = (text: string, path: string) => {
  const found = text.match(new RegExp(`http://relais\\.test${path}[A-Za-z0-9._/-]+`));
  assert.ok(found, `a ${path} link in: ${text}`);
  return found[0].replace('http://relais.test', '');
};

async function subscribers(
  ctx: TestContext,
  rows: Array<{ profession: string; departement: string; language: string; status?: string }>,
  prefix: string,
) {
  return await ctx.core.db
    .insertInto('newsletter_subscribers')
    .values(
      rows.map((r, i) => ({
        email: `${prefix}-${i}@exemple.test`,
        profession: r.profession,
        departement_code: r.departement,
        language: r.language,
        status: (r.status ?? 'confirmed') as 'confirmed',
        confirmed_at: new Date(),
        is_synthetic: true,
      })),
    )
    .returning(['id', 'email'])
    .execute();
}

describe('newsletter: double opt-in, preferences, one-click unsubscribe', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await build();
  });
  after(() => ctx.close());

  test('subscribe → confirmation mail through SMTP → confirm → preferences; the same answer and no mail flood on repeat', async () => {
    const visitor = ctx.client();
    assert.equal((await visitor.get('/lettre')).statusCode, 200);
    const answer = await visitor.postForm('/lettre', {
      email: 'Assistante.Sociale@Exemple.test',
      profession: 'travail_social',
      departement: '93',
      language: 'fr',
    });
    assert.equal(answer.statusCode, 200);
    assert.match(answer.body, /Vérifiez votre messagerie/);
    const mail = await ctx.waitForMail((m) => m.to.includes('assistante.sociale@exemple.test'));
    assert.match(mail.subject, /Confirmez votre abonnement/);
    const confirm = linkIn(mail.text, '/lettre/confirmer/');

    // Not yet confirmed: nothing would be sent.
    const pending = await ctx.core.db
      .selectFrom('newsletter_subscribers')
      .selectAll()
      .where('email', '=', 'assistante.sociale@exemple.test')
      .executeTakeFirstOrThrow();
    assert.equal(pending.status, 'pending');
    assert.notEqual(
      pending.confirm_token_hash,
      confirm.split('/').at(-1),
      'only a hash of the token is stored',
    );

    // The same request again: same answer, no second mail.
    const again = await ctx.client().postForm('/lettre', {
      email: 'assistante.sociale@exemple.test',
      profession: 'travail_social',
      departement: '93',
      language: 'fr',
    });
    assert.match(again.body, /Vérifiez votre messagerie/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(ctx.smtp.messages.filter((m) => m.to.includes('assistante.sociale@exemple.test')).length, 1);

    // The link shows a button (mail scanners open links); the button confirms.
    const page = await visitor.get(confirm);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Confirmer mon abonnement/);
    const confirmed = await visitor.postForm(confirm, {});
    assert.equal(confirmed.statusCode, 303);
    const preferences = confirmed.headers.location as string;
    assert.match(preferences, /^\/lettre\/preferences\//);
    const row = await ctx.core.db
      .selectFrom('newsletter_subscribers')
      .selectAll()
      .where('id', '=', pending.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'confirmed');
    assert.equal((await visitor.get(confirm)).statusCode, 404, 'a confirmation link works once');

    // Preferences by the signed link, then export.
    assert.equal(
      (await visitor.postForm(preferences, { profession: 'association', departement: '13', language: 'ro' }))
        .statusCode,
      303,
    );
    const bad = await visitor.postForm(preferences, {
      profession: 'astronaute',
      departement: '00',
      language: 'tlh',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Choisissez votre profession dans la liste/);
    const data = await visitor.get(`${preferences}/donnees.json`);
    assert.equal(data.json().email, 'assistante.sociale@exemple.test');
    assert.equal(data.json().language, 'ro');
    assert.equal(
      (await visitor.get(`${preferences.slice(0, -3)}xyz`)).statusCode,
      404,
      'a forged link opens nothing',
    );
    // Nothing else the server signs can be turned into a subscriber's link (a CSRF token of a chosen cookie).
    const subscriberId = preferences.split('/').at(-1)!.split('.')[0]!;
    const form = await ctx.app.inject({
      method: 'GET',
      url: '/lettre',
      headers: { cookie: `relais_csrf=newsletter:${subscriberId}` },
    });
    const csrf = form.body.match(/name="_csrf" value="([^"]+)"/)?.[1];
    assert.ok(csrf);
    assert.equal(
      (await visitor.get(`/lettre/preferences/${subscriberId}.${csrf.slice(0, 32)}`)).statusCode,
      404,
    );

    // Erase: gone.
    assert.equal((await visitor.postForm(`${preferences}/effacer`, {})).statusCode, 200);
    assert.equal(
      await ctx.core.db
        .selectFrom('newsletter_subscribers')
        .select('id')
        .where('id', '=', pending.id)
        .executeTakeFirst(),
      undefined,
    );
  });

  test('bad input gets clear messages; an expired link says so and how to start again', async () => {
    const visitor = ctx.client();
    const bad = await visitor.postForm('/lettre', {
      email: 'pas-une-adresse',
      profession: 'travail_social',
      departement: '999',
      language: 'fr',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Saisissez une adresse électronique valide/);
    assert.match(bad.body, /Choisissez un département de la liste/);

    await visitor.postForm('/lettre', {
      email: 'tardive@exemple.test',
      profession: 'sante',
      departement: '69',
      language: 'en',
    });
    const mail = await ctx.waitForMail((m) => m.to.includes('tardive@exemple.test'));
    assert.match(mail.subject, /Confirm your subscription/, 'in English for a reader of another language');
    const link = linkIn(mail.text, '/lettre/confirmer/');
    ctx.clock.advance(8 * 86_400_000);
    try {
      const page = await visitor.get(link);
      assert.equal(page.statusCode, 410);
      assert.match(page.body, /a expiré/);
      assert.equal((await visitor.postForm(link, {})).statusCode, 410);
      // Subscribing again sends a fresh link (the old one is more than 15 minutes old).
      await visitor.postForm('/lettre', {
        email: 'tardive@exemple.test',
        profession: 'sante',
        departement: '69',
        language: 'en',
      });
      await ctx.waitForMail((m) => m.to.includes('tardive@exemple.test') && m.text !== mail.text);
    } finally {
      ctx.clock.set(new Date());
    }
  });

  test('an edition: audience counted before sending equals what is sent; languages; RFC 8058 one-click; archive and RSS', async () => {
    const people = await subscribers(
      ctx,
      [
        ...Array.from({ length: 6 }, () => ({
          profession: 'travail_social',
          departement: '75',
          language: 'fr',
        })),
        ...Array.from({ length: 3 }, () => ({
          profession: 'travail_social',
          departement: '93',
          language: 'en',
        })),
        ...Array.from({ length: 2 }, () => ({
          profession: 'travail_social',
          departement: '93',
          language: 'ar',
        })),
        ...Array.from({ length: 2 }, () => ({
          profession: 'travail_social',
          departement: '93',
          language: 'ro',
        })),
        { profession: 'travail_social', departement: '75', language: 'fr', status: 'unsubscribed' },
        { profession: 'travail_social', departement: '75', language: 'fr', status: 'pending' },
        ...Array.from({ length: 4 }, () => ({
          profession: 'magistrature',
          departement: '75',
          language: 'fr',
        })),
      ],
      'edition',
    );
    await ctx.core.db
      .insertInto('newsletter_suppressions')
      .values({ email: people[0]!.email, reason: 'essai' })
      .execute();
    // An address the form accepts and nodemailer writes otherwise (it encodes a non-ASCII local part) is not stamped:
    // its letter is built in full (letter-stamp.ts) and goes out like the others.
    const builtInFull = people[1]!.email.replace('@', '-élise@');
    await ctx.core.db
      .updateTable('newsletter_subscribers')
      .set({ email: builtInFull })
      .where('id', '=', people[1]!.id)
      .execute();

    const editor = await ctx.signIn(await ctx.createUser({ role: 'content_editor' }));
    const created = await editor.postForm('/pro/lettre', {
      title: 'Lettre du second semestre',
      subject: 'Relais — lettre de décembre',
      markdown: 'Bonjour,\n\n**Nouveau** : la fiche réflexe mineurs.\n\n<script>alert(1)</script>',
    });
    assert.equal(created.statusCode, 303);
    const page = created.headers.location as string;
    const id = page.split('/').at(-1)!;
    assert.equal((await editor.postForm(`${page}/langues`, { language: 'en' })).statusCode, 303);
    assert.equal(
      (
        await editor.postForm(`${page}/langues/en`, {
          subject: 'Relais — December letter',
          markdown: 'Hello,\n\n**New**: the minors’ checklist.',
        })
      ).statusCode,
      303,
    );
    assert.equal((await editor.postForm(`${page}/langues`, { language: 'ar' })).statusCode, 303);
    assert.equal(
      (await editor.postForm(`${page}/langues/ar`, { subject: 'Relais — رسالة ديسمبر', markdown: 'مرحبا' }))
        .statusCode,
      303,
    );
    const badSegment = await editor.postForm(`${page}/audience`, {
      professions: ['travail_social', 'astronaute'],
      departements: '75, 999',
    });
    assert.equal(badSegment.statusCode, 422);
    assert.equal(
      (await editor.postForm(`${page}/audience`, { professions: 'travail_social' })).statusCode,
      303,
    );
    // A resource of the library featured in every language; an unpublished one is refused.
    const resource = await ctx.core.db
      .insertInto('library_resources')
      .values({
        kind: 'guide',
        title: 'Guide d’audition des mineurs',
        status: 'published',
        published_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const draftResource = await ctx.core.db
      .insertInto('library_resources')
      .values({ kind: 'guide', title: 'Brouillon' })
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.equal(
      (await editor.postForm(`${page}/a-la-une`, { featured: [resource.id, draftResource.id] })).statusCode,
      422,
    );
    assert.equal((await editor.postForm(`${page}/a-la-une`, { featured: resource.id })).statusCode, 303);
    // The plan's progress: only a public plan; its figures as the public page shows them.
    const plan = await ctx.core.db
      .insertInto('plans')
      .values({ slug: 'plan-de-la-lettre', title: 'Plan de la lettre', period_start: 2025, period_end: 2027, status: 'published' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const axis = await ctx.core.db
      .insertInto('plan_axes')
      .values({ plan_id: plan.id, number: '1', title: 'Former' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.core.db
      .insertInto('plan_measures')
      .values([
        { plan_id: plan.id, axis_id: axis.id, number: '1.1', title: 'A', status: 'done', progress: null, weight: 3 },
        { plan_id: plan.id, axis_id: axis.id, number: '1.2', title: 'B', status: 'in_progress', progress: 20, weight: 1 },
      ])
      .execute();
    const draftPlan = await ctx.core.db
      .insertInto('plans')
      .values({ slug: 'plan-en-brouillon', title: 'Plan en brouillon', period_start: 2025, period_end: 2027 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const refusedPlan = await editor.postForm(`${page}/plan`, { plan: draftPlan.id });
    assert.equal(refusedPlan.statusCode, 422);
    assert.match(refusedPlan.body, /Choisissez un plan publié/);
    assert.doesNotMatch(refusedPlan.body, /<option value="[^"]+"[^>]*>Plan en brouillon/);
    assert.equal((await editor.postForm(`${page}/plan`, { plan: plan.id })).statusCode, 303);
    // Upcoming trainings: sessions of published courses in the six months after sending, cancelled ones left out.
    const course = await ctx.core.services.training.catalogue.create({
      title: 'Repérer les victimes à l’aéroport',
      summary: '',
      audiences: ['personnel_aerien'],
      format: 'presentiel',
      durationHours: '4',
      objectives: '',
      prerequisites: '',
      organiser: 'IATA',
      status: 'published',
      resourceIds: [],
    });
    const inDays = (days: number) => new Date(ctx.clock.now().getTime() + days * 86_400_000);
    await ctx.core.db
      .insertInto('training_sessions')
      .values([
        { course_id: course.id, starts_at: inDays(30), ends_at: inDays(30.2), place: 'Roissy', capacity: 10 },
        { course_id: course.id, starts_at: inDays(40), ends_at: inDays(40.2), place: 'Orly', capacity: 10, status: 'cancelled' },
        { course_id: course.id, starts_at: inDays(300), ends_at: inDays(300.2), place: 'Lyon', capacity: 10 },
      ])
      .execute();
    assert.equal((await editor.postForm(`${page}/formations`, { trainings: 'on' })).statusCode, 303);
    assert.match((await editor.get(page)).body, /Si la lettre partait maintenant, elle listerait 1 session/);

    const shown = await editor.get(page);
    const previewed = Number(shown.body.match(/(\d+) abonné·es confirmé·es dans ce public/)?.[1]);
    // 13 confirmed social workers, one of them refused by its server: 12.
    assert.equal(previewed, 12);

    // The count shown is what the editor confirms: a different number is refused, the edition stays a draft.
    const changedCount = await editor.postForm(`${page}/envoyer`, { expected: String(previewed + 1) });
    assert.equal(changedCount.statusCode, 409);
    assert.match(changedCount.body, /Le public a changé depuis que vous l’avez compté/);
    assert.equal((await editor.postForm(`${page}/envoyer`, { expected: String(previewed) })).statusCode, 303);
    assert.equal(
      (await editor.postForm(`${page}/envoyer`, {})).statusCode,
      409,
      'a second click does not send twice',
    );
    const deadline = Date.now() + 20_000;
    for (;;) {
      const progress = (await editor.get(`${page}/progression`)).json();
      if (progress.status === 'sent') {
        assert.equal(progress.sent, previewed);
        break;
      }
      assert.ok(Date.now() < deadline, `still ${JSON.stringify(progress)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const letters = ctx.smtp.messages.filter((m) => m.to.some((to) => to.startsWith('edition-')));
    assert.equal(letters.length, previewed, 'the previewed count is the number sent');
    assert.equal(new Set(letters.flatMap((m) => m.to)).size, previewed);
    assert.equal(letters.filter((m) => m.subject === 'Relais — December letter').length, 3);
    assert.equal(letters.filter((m) => m.subject === 'Relais — رسالة ديسمبر').length, 2);
    assert.equal(
      letters.filter((m) => m.subject === 'Relais — lettre de décembre').length,
      7,
      'French, and Romanian readers in French',
    );
    const inFull = letters.filter((m) => m.to.some((to) => to.toLowerCase() === builtInFull.toLowerCase()));
    assert.equal(inFull.length, 1, 'the letter built in full is sent once');
    const stamped = letters.filter((m) => m !== inFull[0]);
    const one = stamped.find((m) => m.subject === 'Relais — lettre de décembre')!;
    // Each language's letter is built once and stamped per subscriber: one MIME boundary per language, and each
    // message its own Message-ID (and its own token: the one-click unsubscribe below reaches its own subscriber).
    const boundary = (m: (typeof letters)[number]) =>
      (m.headers.get('content-type') as { params: { boundary: string } }).params.boundary;
    for (const subject of ['Relais — lettre de décembre', 'Relais — December letter', 'Relais — رسالة ديسمبر']) {
      assert.equal(new Set(stamped.filter((m) => m.subject === subject).map(boundary)).size, 1, subject);
    }
    assert.equal(inFull[0]!.subject, 'Relais — lettre de décembre');
    assert.notEqual(boundary(inFull[0]!), boundary(one), 'built by nodemailer, not stamped');
    const withoutTokens = (text: string) => text.replace(/[0-9a-f-]{36}\.[\w-]{32}/g, 'TOKEN');
    assert.match(one.text, /[0-9a-f-]{36}\.[\w-]{32}/, 'the letter carries its personal links');
    assert.equal(withoutTokens(inFull[0]!.text), withoutTokens(one.text), 'the same letter');
    assert.equal(new Set(letters.map((m) => m.headers.get('message-id'))).size, previewed);
    assert.match(
      one.text,
      new RegExp(`Guide d’audition des mineurs : http://relais\\.test/outils/${resource.id}`),
    );
    assert.match(letters.find((m) => m.subject === 'Relais — December letter')!.text, /Featured resources/);
    assert.match(
      one.text,
      /Où en est le plan national\nPlan de la lettre : 80 % d’avancement, 1 mesure réalisée sur 2\.\nhttp:\/\/relais\.test\/plan\/plan-de-la-lettre/,
    );
    assert.match(
      letters.find((m) => m.subject === 'Relais — December letter')!.text,
      /Where the national plan stands\nPlan de la lettre: 80 % done, 1 of 2 measures carried out\./,
    );
    assert.match(one.text, new RegExp(`Formations à venir\\n- [^\\n]+ : Repérer les victimes à l’aéroport \\(Roissy\\) : http://relais\\.test/formations/${course.slug}\\n`));
    assert.doesNotMatch(one.text, /Orly|Lyon/);
    assert.match(letters.find((m) => m.subject === 'Relais — December letter')!.text, /Upcoming trainings\n- [^\n]+: Repérer les victimes à l’aéroport \(Roissy\)/);
    const archivedLetter = await ctx.client().get(`/lettre/archives/${page.split('/').at(-1)}`);
    assert.match(archivedLetter.body, new RegExp(`<a href="/formations/${course.slug}">[^<]+ : Repérer les victimes à l’aéroport \\(Roissy\\)</a>`));
    // Editing a sent edition's blocks is refused.
    assert.equal((await editor.postForm(`${page}/formations`, {})).statusCode, 409);
    assert.match(archivedLetter.body, /Plan de la lettre : 80 % d’avancement, 1 mesure réalisée sur 2\. <a href="\/plan\/plan-de-la-lettre">Voir l’avancement du plan<\/a>/);

    // RFC 8058: the mail client POSTs to the header's link, no cookie, no form token.
    const raw = (name: string) =>
      one.headerLines
        .find((h) => h.key === name)
        ?.line.slice(name.length + 1)
        .trim() ?? '';
    const header = raw('list-unsubscribe');
    assert.equal(raw('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    // The letter's own links, in its text and its HTML, carry the header's token: they open this subscriber's page.
    const token = header.match(/\/lettre\/desabonnement\/([^>]+)>$/)![1]!;
    for (const [part, body] of [['text', one.text], ['html', one.html]] as const) {
      assert.ok(body.includes(`http://relais.test/lettre/preferences/${token}`), `preferences link in the ${part}`);
      assert.ok(body.includes(`http://relais.test/lettre/desabonnement/${token}`), `unsubscribe link in the ${part}`);
      assert.doesNotMatch(body, /%7B|\{\{/, `no placeholder left in the ${part}`);
    }
    assert.match((await ctx.client().get(`/lettre/preferences/${token}`)).body, new RegExp(one.to[0]!.replace('.', '\\.')));
    const unsubscribe = header.replace(/^<http:\/\/relais\.test/, '').replace(/>$/, '');
    const response = await ctx.app.inject({
      method: 'POST',
      url: unsubscribe,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(response.statusCode, 200);
    const gone = await ctx.core.db
      .selectFrom('newsletter_subscribers')
      .select('status')
      .where('email', '=', one.to[0]!)
      .executeTakeFirstOrThrow();
    assert.equal(gone.status, 'unsubscribed');

    // The public archive, its Arabic page right to left, and RSS.
    assert.match((await ctx.client().get('/lettre/archives')).body, /Lettre du second semestre/);
    const archived = await ctx.client().get(`/lettre/archives/${id}`);
    assert.match(archived.body, /<strong>Nouveau<\/strong>/);
    assert.match(archived.body, /Guide d’audition des mineurs/);
    assert.doesNotMatch(archived.body, /<script>alert/, 'raw HTML of editors is escaped');
    const arabic = await ctx.client().get(`/lettre/archives/${id}?langue=ar`);
    assert.match(arabic.body, /<article lang="ar" dir="rtl">/);
    const rss = await ctx.client().get('/lettre/archives.rss');
    assert.match(rss.headers['content-type'] as string, /application\/rss\+xml/);
    const feed = new XMLParser().parse(rss.body);
    const items = [feed.rss.channel.item].flat();
    assert.ok(items.some((item: { title: string }) => item.title === 'Lettre du second semestre'));
  });

  test('the bounce webhook refuses an address for good (token with the newsletter:bounces scope)', async () => {
    const [person] = await subscribers(
      ctx,
      [{ profession: 'consulat', departement: '75', language: 'fr' }],
      'webhook',
    );
    const editor = await ctx.createUser({ role: 'content_editor' });
    const api = ctx.client();
    api.bearer = (
      await ctx.core.services.accounts.apiTokens.createForEmail(editor.email, AUDIT, {
        name: 'rebonds',
        scopes: ['newsletter:bounces'],
      })
    ).token;
    assert.equal(
      (await api.send('POST', '/api/v1/newsletter/bounces', { email: 'x', type: 'hard' })).statusCode,
      422,
    );
    const done = await api.send('POST', '/api/v1/newsletter/bounces', {
      email: person!.email,
      type: 'hard',
      reason: '550 mailbox unavailable',
    });
    assert.deepEqual(done.json(), { suppressed: true, subscriber: true });
    const row = await ctx.core.db
      .selectFrom('newsletter_subscribers')
      .select('status')
      .where('id', '=', person!.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'bounced');
    // Subscribing again with that address: the same answer, no mail.
    assert.equal(
      (
        await ctx.client().postForm('/lettre', {
          email: person!.email,
          profession: 'consulat',
          departement: '75',
          language: 'fr',
        })
      ).statusCode,
      200,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(ctx.smtp.messages.filter((m) => m.to.includes(person!.email)).length, 0);
  });
});

describe('newsletter sending: hard bounces, retries, a stop in the middle never sends twice', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await build({ workers: false });
  });
  after(() => ctx.close());

  test('SMTP 5xx blocklists the address; a stop mid-send then a resume: every subscriber exactly once', async () => {
    const sink = await startSmtpServer({
      rejectWith: (address) => (address.startsWith('refus') ? 550 : undefined),
    });
    const transport = createBulkSmtpTransport(sink.url, 'Relais <lettre@relais.test>');
    const tokens = createNewsletterTokens('secret-de-test-assez-long-pour-hmac-0123456789');
    const departements = () => ctx.core.geo.departements();
    const subscriptions = createSubscriptions({
      db: ctx.core.db,
      clock: ctx.clock,
      mailer: ctx.core.mailer,
      tokens,
      publicUrl: 'http://relais.test',
      departements,
    });
    const featuredResources = (ids: readonly string[]) => ctx.core.services.library.resources.published(ids);
    const editions = createEditions({
      db: ctx.core.db,
      clock: ctx.clock,
      jobs: ctx.core.jobs,
      departements,
      featuredResources,
    });
    const sender = createSender({
      // As core.ts wires it: an embedded database commits each record before its dot.
      commitBeforeDot: ctx.core.database.kind === 'embedded',
      db: ctx.core.db,
      clock: ctx.clock,
      jobs: ctx.core.jobs,
      transport,
      tokens,
      settings: {
        rate: 0,
        connections: 4,
        publicUrl: 'http://relais.test',
        from: 'Relais <lettre@relais.test>',
      },
      logger: pino({ level: 'silent' }),
      bounced: (email, reason) => subscriptions.bounced(email, reason),
      featuredResources,
    });
    try {
      const people = await subscribers(
        ctx,
        Array.from({ length: 300 }, () => ({ profession: 'association', departement: '13', language: 'fr' })),
        'envoi',
      );
      const refused = await subscribers(
        ctx,
        [{ profession: 'association', departement: '13', language: 'fr' }],
        'refus',
      );
      const editor = await ctx.createUser({ role: 'content_editor' });
      const actor = (await ctx.core.sessions.loadActor(editor.id, 'token', {
        mfaVerified: true,
        sessionId: null,
        tokenScopes: null,
      }))!;
      const id = await editions.create(actor, AUDIT, {
        title: 'Essai d’envoi',
        subject: 'Essai',
        markdown: 'Texte',
      });
      await editions.setSegment(actor, id, { professions: ['association'], departements: ['13'] });
      const total = await editions.start(actor, AUDIT, id);
      assert.equal(total, 301);

      // Stop after ~100 messages: what is in flight finishes, the rest goes back to the queue.
      const running = sender.send(id);
      while (sink.messages.length < 100) await new Promise((resolve) => setTimeout(resolve, 5));
      await sender.stop();
      assert.equal(await running, 'stopped');
      const half = await editions.progress(id);
      assert.equal(half.sending, 0, 'nothing left claimed after a stop');
      const registered = () =>
        ctx.core.db.selectFrom('newsletter_sending_workers').selectAll().where('edition_id', '=', id).execute();
      assert.deepEqual(await registered(), [], 'a worker that stops leaves the register: no uncertain letter');
      assert.ok(half.queued > 0 && half.sent >= 100, JSON.stringify(half));
      assert.equal(
        sink.messages.length,
        half.sent,
        'what is marked sent is exactly what the server received',
      );

      sender.restart();
      assert.equal(await sender.send(id), 'sent');
      const done = await editions.progress(id);
      assert.equal(done.status, 'sent');
      assert.equal(done.sent, 300);
      assert.equal(done.bounced, 1);
      assert.deepEqual(await registered(), []);
      const recipients = sink.messages.flatMap((m) => m.to);
      assert.equal(recipients.length, 300, 'no one twice');
      assert.equal(new Set(recipients).size, 300);
      assert.deepEqual(new Set(recipients), new Set(people.map((p) => p.email)));
      const suppressed = await ctx.core.db
        .selectFrom('newsletter_suppressions')
        .selectAll()
        .where('email', '=', refused[0]!.email)
        .executeTakeFirst();
      assert.ok(suppressed, 'the refused address is blocklisted');
    } finally {
      transport.close();
      await sink.close();
    }
  });
});
