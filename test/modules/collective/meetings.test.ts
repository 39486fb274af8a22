import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { seedDemo } from '../../../seeds/demo.js';
import { seedDemoSteering } from '../../../seeds/demo-steering.js';
import { parseAgenda } from '../../../src/modules/collective/agenda.js';
import { build, type Client, type TestContext } from '../../support/app.js';

const events = (text: string) =>
  new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

describe('the collective: seeded plenary, meetings with nested agendas, registrations, iCal files and feed, mails', () => {
  let ctx: TestContext;
  let coordinator: Client;
  let member: Client;
  let julyId: string;

  before(async () => {
    ctx = await build();
    await seedDemo(ctx.core);
    await seedDemoSteering(ctx.core);
    coordinator = await ctx.signIn(await ctx.createUser({ role: 'coordinator' }));
    member = await ctx.signIn(
      await ctx.createUser({
        role: 'collective_member',
        scopeKind: 'organisation',
        organisation: 'Hors la Rue',
        email: 'membre@horslarue.test',
      }),
    );
    julyId = (
      await ctx.core.db
        .selectFrom('meetings')
        .select('id')
        .where('starts_at', '<', new Date('2018-07-06T00:00:00Z'))
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(() => ctx.close());

  test('the agenda is typed as an indented list and kept nested; a list deeper than three levels is refused', () => {
    assert.deepEqual(
      parseAgenda('- Accueil\n  - Tour de table\n- Bilan\n  - Formation\n    - ENM\n\n- Questions'),
      [
        { title: 'Accueil', items: [{ title: 'Tour de table' }] },
        { title: 'Bilan', items: [{ title: 'Formation', items: [{ title: 'ENM' }] }] },
        { title: 'Questions' },
      ],
    );
    assert.equal(parseAgenda('- a\n  - b\n    - c\n      - d'), null);
  });

  test('the 5 July 2018 plenary appears with its agenda, summary, organisations present, actions and next meeting', async () => {
    const home = await member.get('/collectif');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Plénière du collectif avec la MIPROF/);
    assert.match(
      home.body,
      /Rencontrer les institutions sur le deuxième plan — MIPROF, échéance le 2018-09-12/,
      'the "À suivre" list',
    );
    const page = await member.get(`/collectif/reunions/${julyId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /5 juillet 2018/);
    assert.match(
      page.body,
      /<li>Accueil par la coordinatrice du collectif<ol><li>Tour de table<\/li><\/ol><\/li>/,
    );
    assert.match(
      page.body,
      /Projets expérimentaux : mineurs à Paris, appartement en autonomie, projet Koutcha/,
    );
    assert.match(page.body, /Organisations présentes<\/h2><p>[^<]*Hors la Rue[^<]*MIPROF/);
    assert.match(
      page.body,
      /Prochaine réunion : <a href="\/collectif\/reunions\/[0-9a-f-]+">Plénière du collectif « Ensemble contre la traite des êtres humains »<\/a> — 14 septembre 2018, 10:00 – 12:30/,
    );
    assert.doesNotMatch(page.body, /Moiron|Colas|Lafaille/, 'people are not named: organisations are');
    assert.equal((await ctx.client().get('/collectif')).statusCode, 302, 'not public');
  });

  test('iCal: one file per meeting and the feed parse with ical.js; the personal feed needs its signed address', async () => {
    const one = await member.get(`/collectif/reunions/${julyId}/ical`);
    assert.match(String(one.headers['content-type']), /^text\/calendar/);
    const [july] = events(one.body);
    assert.equal(july!.summary, 'Plénière du collectif avec la MIPROF : deuxième plan et projets pilotes');
    assert.equal(july!.startDate.isDate, true, 'a day whose hours the minutes do not give');
    assert.equal(july!.startDate.toString(), '2018-07-05');
    assert.match(july!.description, /- Accueil par la coordinatrice du collectif\n {2}- Tour de table/);

    const feed = await member.get('/collectif/calendrier.ics');
    const all = events(feed.body);
    assert.equal(all.length, 3);
    const september = all.find((e) => e.startDate.toString().startsWith('2018-09-14'))!;
    assert.equal(september.startDate.toJSDate().toISOString(), '2018-09-14T08:00:00.000Z', '10:00 in Paris');
    assert.equal(september.location, 'Secours Catholique, 106 rue du Bac, 75007 Paris, salle Sidoine');

    const home = await member.get('/collectif');
    const address = /\/collectif\/calendrier\/([0-9a-f-]{36}\.[A-Za-z0-9_-]{32})\.ics/.exec(home.body)![1]!;
    const subscribed = await ctx.client().get(`/collectif/calendrier/${address}.ics`);
    assert.equal(subscribed.statusCode, 200);
    assert.equal(events(subscribed.body).length, 3);
    const forged = `${address.slice(0, 37)}${'A'.repeat(32)}`;
    assert.equal((await ctx.client().get(`/collectif/calendrier/${forged}.ics`)).statusCode, 404);
  });

  test('a meeting ending before it starts is refused on the form; a new one bumps its sequence when changed', async () => {
    const form = {
      kind: 'plenary',
      title: 'Plénière de test',
      startsAt: '2027-03-04T10:00',
      endsAt: '2027-03-04T09:00',
      place: 'Paris',
      agenda: '- Accueil\n  - Tour de table\n- Le plan',
      summary: '',
      minutes: '',
      status: 'planned',
      nextMeetingId: '',
    };
    const bad = await coordinator.postForm('/collectif/reunions', form);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /La réunion ne peut pas finir avant de commencer/);
    assert.match(bad.body, /Plénière de test/, 'what was typed is kept');
    assert.equal(
      (await member.postForm('/collectif/reunions', { ...form, endsAt: '2027-03-04T12:30' })).statusCode,
      403,
    );
    const created = await coordinator.postForm('/collectif/reunions', {
      ...form,
      endsAt: '2027-03-04T12:30',
    });
    assert.equal(created.statusCode, 303);
    const id = String(created.headers.location).split('/').at(-1)!;
    const edited = await coordinator.postForm(`/collectif/reunions/${id}/modifier`, {
      ...form,
      endsAt: '2027-03-04T13:00',
      place: 'Secours Catholique',
    });
    assert.equal(edited.statusCode, 303);
    const [event] = events((await member.get(`/collectif/reunions/${id}/ical`)).body);
    assert.equal(event!.sequence, 1);
    assert.equal(event!.endDate.toJSDate().toISOString(), '2027-03-04T12:00:00.000Z');

    // Registration, invitations with the event for calendars, through the real SMTP server.
    assert.equal(
      (await member.postForm(`/collectif/reunions/${id}/inscription`, { register: 'yes' })).statusCode,
      303,
    );
    assert.match(
      (await coordinator.get(`/collectif/reunions/${id}`)).body,
      /Organisations inscrites<\/h2><p>Hors la Rue<\/p>/,
    );
    const sent = await coordinator.postForm(`/collectif/reunions/${id}/invitations`, {});
    assert.equal(sent.statusCode, 303);
    const mail = await ctx.waitForMail(
      (m) => m.to.includes('membre@horslarue.test') && m.subject === 'Invitation : Plénière de test',
      10_000,
    );
    assert.match(mail.text, /- Accueil\n {2}- Tour de table/);
    const invitation = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))!;
    const [invited] = events(invitation.content.toString('utf8'));
    assert.equal(invited!.summary, 'Plénière de test');

    // An action with its owner goes to the "À suivre" list until it is done.
    // The coordination keeps the list of members; new meetings invite them.
    const candidate = (await ctx.core.services.organisations.findByName('OFII'))!.id;
    assert.equal(
      (await member.postForm('/collectif/membres', { organisationId: candidate })).statusCode,
      403,
    );
    assert.equal(
      (await coordinator.postForm('/collectif/membres', { organisationId: 'inconnue' })).statusCode,
      422,
    );
    assert.equal(
      (await coordinator.postForm('/collectif/membres', { organisationId: candidate })).statusCode,
      303,
    );
    const next = await coordinator.postForm('/collectif/reunions', {
      ...form,
      title: 'Plénière suivante',
      endsAt: '2027-03-04T12:30',
    });
    const nextId = String(next.headers.location).split('/').at(-1)!;
    assert.match(
      (await coordinator.get(`/collectif/reunions/${nextId}`)).body,
      /Organisations invitées<\/h2><p>[^<]*OFII/,
    );
    assert.equal((await coordinator.postForm(`/collectif/membres/${candidate}/retrait`, {})).statusCode, 303);
    assert.doesNotMatch((await coordinator.get('/collectif')).body, /<li>OFII<form/);

    const noOwner = await coordinator.postForm(`/collectif/reunions/${id}/points`, {
      kind: 'action',
      text: 'Préparer la relecture',
      ownerOrganisationId: '',
      dueOn: '',
    });
    assert.equal(noOwner.statusCode, 422);
    assert.match(noOwner.body, /Une action a une organisation responsable/);
  });
});
