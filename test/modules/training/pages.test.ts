import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { parisDate, toParisLocalInput } from '../../../src/platform/time/paris.js';
import { build, type Client, type TestContext, type TestUser } from '../../support/app.js';

const course = (title: string, values: Partial<Record<string, unknown>> = {}) => ({
  title,
  summary: '',
  audiences: ['magistrature'],
  format: 'presentiel',
  durationHours: '7',
  objectives: '- Repérer les victimes',
  prerequisites: '',
  organiser: 'École nationale de la magistrature (ENM)',
  status: 'published',
  resourceIds: [] as string[],
  ...values,
});

/** The headings of the course cards of the catalogue page. */
const titles = (html: string) =>
  [...html.matchAll(/<h3 class="fr-h5 fr-mb-1w"><a href="\/formations\/[^"]+">([^<]+)<\/a>/g)].map(
    (m) => m[1],
  );

describe('training pages: catalogue, registration with a waiting list, attendance and certificate, counts', () => {
  let ctx: TestContext;
  let trainer: Client;
  let slug: string;
  let sessionId: string;
  const people: Array<{ user: TestUser; client: Client }> = [];

  before(async () => {
    ctx = await build();
    const { catalogue } = ctx.core.services.training;
    slug = (await catalogue.create(course('Traite des êtres humains — justice pénale'))).slug;
    await catalogue.create(
      course('Personnels aériens : repérage à bord', {
        audiences: ['personnel_aerien'],
        format: 'distance',
        durationHours: '2',
      }),
    );
    await catalogue.create(
      course('Formation conjointe sur un cas réel', {
        audiences: ['associations', 'magistrature'],
        format: 'mise_en_situation',
        summary: 'Un cas suivi jusqu’à l’ouverture du procès.',
      }),
    );
    await catalogue.create(course('Brouillon pour les magistrats', { status: 'draft' }));
    trainer = await ctx.signIn(await ctx.createUser({ role: 'trainer' }));
    for (let i = 0; i < 3; i++) {
      const user = await ctx.createUser({ role: 'frontline' });
      people.push({ user, client: await ctx.signIn(user) });
    }
  });
  after(() => ctx.close());

  test('the public catalogue filters by audience, format and words, and never shows drafts', async () => {
    const anonymous = ctx.client();
    const all = await anonymous.get('/formations');
    assert.equal(all.statusCode, 200);
    assert.deepEqual(titles(all.body), [
      'Formation conjointe sur un cas réel',
      'Personnels aériens : repérage à bord',
      'Traite des êtres humains — justice pénale',
    ]);
    const judges = await anonymous.get('/formations?public=magistrature');
    assert.deepEqual(titles(judges.body), [
      'Formation conjointe sur un cas réel',
      'Traite des êtres humains — justice pénale',
    ]);
    assert.match(judges.body, /2 formations/);
    const online = await anonymous.get('/formations?format=distance');
    assert.deepEqual(titles(online.body), ['Personnels aériens : repérage à bord']);
    const words = await anonymous.get('/formations?q=proces');
    assert.deepEqual(titles(words.body), ['Formation conjointe sur un cas réel'], 'accents do not matter');
    const stale = await anonymous.get('/formations?public=inconnu&format=presentiel');
    assert.deepEqual(
      titles(stale.body),
      ['Traite des êtres humains — justice pénale'],
      'an unknown audience is ignored',
    );
    assert.equal((await anonymous.get('/formations/brouillon-pour-les-magistrats')).statusCode, 404);
    assert.equal(
      (await trainer.get('/formations/brouillon-pour-les-magistrats')).statusCode,
      200,
      'a trainer previews drafts',
    );
  });

  test('a trainer creates a course (the form keeps what was typed on error) and schedules a session', async () => {
    const bad = await trainer.postForm('/pro/formations/catalogue', {
      title: 'Inspection du travail : exploitation par le travail',
      format: 'presentiel',
      durationHours: 'deux jours',
      status: 'published',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Choisissez au moins un public\./);
    assert.match(bad.body, /Indiquez une durée en heures, supérieure à 0\./);
    assert.match(bad.body, /value="Inspection du travail : exploitation par le travail"/);
    const created = await trainer.postForm('/pro/formations/catalogue', {
      title: 'Inspection du travail : exploitation par le travail',
      audiences: ['inspection_travail', 'associations'],
      format: 'presentiel',
      durationHours: '3,5',
      objectives: '- Repérer le travail forcé',
      status: 'published',
    });
    assert.equal(created.statusCode, 303);
    const list = await trainer.get('/pro/formations/catalogue');
    assert.match(list.body, /Inspection du travail : exploitation par le travail/);
    assert.match(list.body, /Brouillon pour les magistrats/, 'drafts are listed for trainers');
    const edit = '/pro/formations/catalogue/inspection-du-travail-exploitation-par-le-travail/modifier';
    const form = await trainer.get(edit);
    assert.match(form.body, /value="3.5"/);
    assert.match(form.body, /value="inspection_travail" checked/);
    const archived = await trainer.postForm(edit, {
      title: 'Inspection du travail : exploitation par le travail',
      audiences: 'inspection_travail',
      format: 'presentiel',
      durationHours: '3.5',
      status: 'archived',
    });
    assert.equal(archived.statusCode, 303);
    assert.doesNotMatch(
      (await ctx.client().get('/formations')).body,
      /exploitation par le travail/,
      'archived courses leave the catalogue',
    );

    const starts = new Date(ctx.clock.now().getTime() + 20 * 86400_000);
    const wrong = await trainer.postForm(`/pro/formations/catalogue/${slug}/sessions`, {
      startsAt: toParisLocalInput(starts),
      endsAt: toParisLocalInput(new Date(starts.getTime() - 3600_000)),
      place: 'École nationale de la magistrature, Paris',
      capacity: '1',
    });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /La fin doit être postérieure au début de la session\./);
    const scheduled = await trainer.postForm(`/pro/formations/catalogue/${slug}/sessions`, {
      startsAt: toParisLocalInput(starts),
      endsAt: toParisLocalInput(new Date(starts.getTime() + 7 * 3600_000)),
      place: 'École nationale de la magistrature, Paris',
      departementCode: '75',
      organiser: 'ENM',
      capacity: '1',
    });
    assert.equal(scheduled.statusCode, 303);
    sessionId = String(scheduled.headers.location).split('/').pop()!;
    const audit = await ctx.core.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', sessionId)
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['training.session.create'],
    );

    // A second session, with one person registered, is cancelled: they are told by mail.
    const other = await ctx.core.services.training.sessions.create(
      (await ctx.core.services.training.catalogue.bySlug(slug))!.id,
      {
        startsAt: toParisLocalInput(starts),
        endsAt: toParisLocalInput(new Date(starts.getTime() + 3600_000)),
        place: '',
        onlineUrl: 'https://visio.exemple.test/enm',
        departementCode: '',
        organiser: 'ENM',
        capacity: '10',
      },
    );
    const registered = await ctx.createUser({ role: 'case_worker', scopeKind: 'organisation' });
    await ctx.core.services.training.sessions.register(registered.id, other, {
      category: 'associations',
      departementCode: '',
    });
    const cancelled = await trainer.postForm(`/pro/formations/sessions/${other}/annulation`, {});
    assert.equal(cancelled.statusCode, 303);
    assert.match(
      (await trainer.get(`/pro/formations/sessions/${other}`)).body,
      /Session annulée : les personnes inscrites ont été prévenues\./,
    );
    await ctx.waitForMail(
      (m) => m.to.includes(registered.email) && /^Session annulée/.test(m.subject),
      15000,
    );
  });

  test('over capacity, the answer is the waiting list with the position; anonymous people are asked to sign in', async () => {
    const anonymous = await ctx.client().get(`/formations/${slug}`);
    assert.match(anonymous.body, /Se connecter pour s’inscrire/);
    assert.match(anonymous.body, /1 place restante sur 1/);
    const [a, b, c] = people;
    const register = (client: Client) =>
      client.postForm(`/formations/${slug}/sessions/${sessionId}/inscription`, {
        category: 'magistrature',
        departementCode: '75',
      });
    const missing = await a!.client.postForm(`/formations/${slug}/sessions/${sessionId}/inscription`, {
      category: '',
      departementCode: '',
    });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /Choisissez votre catégorie professionnelle\./);
    assert.equal((await register(a!.client)).statusCode, 303);
    assert.match((await a!.client.get(`/formations/${slug}`)).body, /Vous êtes inscrit·e\. Un rappel/);
    await register(b!.client);
    const page = await b!.client.get(`/formations/${slug}`);
    assert.match(page.body, /La session est complète : vous êtes sur la liste d’attente, en position 1\./);
    assert.match(page.body, /Liste d’attente : vous êtes en position 1/);
    await register(c!.client);
    assert.match((await c!.client.get(`/formations/${slug}`)).body, /en position 2/);
    assert.match(
      (await ctx.client().get(`/formations/${slug}`)).body,
      /Complet : inscription sur liste d’attente/,
    );
  });

  test('unregistering through the page gives the place to the first person waiting, who is mailed', async () => {
    const [a, b, c] = people;
    const left = await a!.client.postForm(`/formations/${slug}/sessions/${sessionId}/desinscription`, {});
    assert.equal(left.statusCode, 303);
    assert.match((await a!.client.get(`/formations/${slug}`)).body, /Votre inscription est annulée\./);
    const mineB = await b!.client.get('/pro/formations');
    assert.match(mineB.body, /Vous êtes inscrit·e/);
    assert.doesNotMatch(mineB.body, /Liste d’attente/);
    assert.match((await c!.client.get('/pro/formations')).body, /Liste d’attente : vous êtes en position 1/);
    await ctx.waitForMail(
      (m) => m.to.includes(b!.user.email) && /place s'est libérée/.test(m.subject),
      15000,
    );
  });

  test('the attendance sheet issues a certificate whose PDF parses', async () => {
    const [, b, c] = people;
    const sheet = await trainer.get(`/pro/formations/sessions/${sessionId}`);
    assert.equal(sheet.statusCode, 200);
    assert.match(sheet.body, /Liste d’attente \(1 personne\)/);
    assert.doesNotMatch(sheet.body, new RegExp(`${c!.user.id}`), 'people waiting are not on the sheet');
    // Not begun yet: the sheet says when it opens, and a forced post records nothing.
    assert.match(sheet.body, /Les présences s’enregistrent à partir du début de la session/);
    const early = await trainer.postForm(`/pro/formations/sessions/${sessionId}/presences`, {
      present: [b!.user.id],
    });
    assert.equal(early.statusCode, 303);
    assert.match(
      (await trainer.get(`/pro/formations/sessions/${sessionId}`)).body,
      /La session n’a pas encore commencé/,
    );
    // The session took place: its dates move to this morning.
    const morning = new Date(ctx.clock.now().getTime() - 3 * 3600_000);
    await ctx.core.db
      .updateTable('training_sessions')
      .set({ starts_at: morning, ends_at: new Date(morning.getTime() + 2 * 3600_000) })
      .where('id', '=', sessionId)
      .execute();
    assert.match(
      (await trainer.get(`/pro/formations/sessions/${sessionId}`)).body,
      new RegExp(`name="present" value="${b!.user.id}"`),
    );
    const saved = await trainer.postForm(`/pro/formations/sessions/${sessionId}/presences`, {
      present: [b!.user.id],
    });
    assert.equal(saved.statusCode, 303);
    assert.match((await trainer.get(`/pro/formations/sessions/${sessionId}`)).body, /1 attestation délivrée/);
    const mine = await b!.client.get('/pro/formations');
    const href = /href="(\/formations\/attestations\/[0-9a-f-]+\/pdf)"/.exec(mine.body)?.[1];
    assert.ok(href, 'the certificate is listed under "Mes formations"');
    const pdf = await b!.client.get(href);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const doc = await PDFDocument.load(pdf.rawPayload);
    assert.equal(doc.getPageCount(), 1);
    assert.equal(doc.getTitle(), 'Attestation de formation');
    assert.equal(
      (await c!.client.get(href)).statusCode,
      404,
      'someone else’s certificate does not exist for them',
    );
  });

  test('counts: a future period is refused on its field; the CSV has the right rows', async () => {
    const coordinator = await ctx.signIn(await ctx.createUser({ role: 'coordinator' }));
    const today = parisDate(ctx.clock.now());
    const future = `${Number(today.slice(0, 4)) + 1}-01-01`;
    const refused = await coordinator.get(`/pro/formations/comptes?from=${future}&to=${future}`);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /fr-input-group--error/);
    assert.match(
      refused.body,
      /<p class="fr-message fr-message--error" id="champ-from-error">La période commence dans le futur/,
    );
    const backwards = await coordinator.get(`/pro/formations/comptes?from=${today}&to=2020-01-01`);
    assert.match(backwards.body, /id="champ-to-error">La fin de la période doit être postérieure/);
    const unknown = await coordinator.get(`/pro/formations/comptes?category=astronautes`);
    assert.match(unknown.body, /id="champ-category-error">Cette catégorie n’existe pas\./);

    // One more certificate, of a distance course, in Seine-Saint-Denis.
    const { certificates, catalogue } = ctx.core.services.training;
    const online = (await catalogue.all()).find((c) => c.format === 'distance')!;
    await certificates.issue(ctx.core.db, {
      userId: people[2]!.user.id,
      courseId: online.id,
      sessionId: null,
      kind: 'distance',
      category: 'personnel_aerien',
      departementCode: '93',
    });
    const table = await coordinator.get(`/pro/formations/comptes?from=${today}&to=${today}`);
    assert.equal(table.statusCode, 200);
    assert.match(table.body, /Magistrats<\/td><td>75 — Paris<\/td><td>1<\/td><td>0<\/td><td>1<\/td>/);
    const csv = await coordinator.get(`/pro/formations/comptes.csv?from=${today}&to=${today}`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.deepEqual(
      csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n'),
      [
        'du,au,categorie,departement,sessions,a_distance,total',
        `${today},${today},Magistrats,75,1,0,1`,
        `${today},${today},Personnels aériens,93,0,1,1`,
      ],
    );
    const magistrates = await coordinator.get(
      `/pro/formations/comptes.csv?from=${today}&to=${today}&category=magistrature`,
    );
    assert.equal(magistrates.body.trim().split('\n').length, 2);
    assert.equal((await people[0]!.client.get('/pro/formations/comptes')).statusCode, 403);
  });
});
