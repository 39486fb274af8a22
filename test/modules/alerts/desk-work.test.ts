import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { build, type Client, type TestContext, type TestUser } from '../../support/app.js';
import { DESKS, minorAtCdg, withDemoAlerting } from '../../support/alerting.js';

describe('duty desks work an alert: acknowledge, take over, hand off, note, close', () => {
  let ctx: TestContext;
  let reporter: Client;
  let reporterUser: TestUser;
  let paf: Client;
  let pafUser: TestUser;
  let parquet: Client;
  let parquetUser: TestUser;
  let alertId: string;
  let helpers: Awaited<ReturnType<typeof withDemoAlerting>>;

  before(async () => {
    ctx = await build();
    helpers = await withDemoAlerting(ctx);
    reporterUser = await ctx.createUser({ role: 'frontline', airport: 'CDG' });
    reporter = await ctx.signIn(reporterUser);
    pafUser = await helpers.member(DESKS.paf, { departements: '95', email: 'agent.paf@exemple.test' });
    paf = await ctx.signIn(pafUser);
    parquetUser = await helpers.member(DESKS.parquetMineurs, { email: 'permanence.parquet@exemple.test' });
    parquet = await ctx.signIn(parquetUser);
    const raised = await reporter.send(
      'POST',
      '/api/v1/alerts',
      minorAtCdg({ description: 'Note de l’émetteur, chiffrée' }),
    );
    assert.equal(raised.statusCode, 201);
    alertId = raised.json().id;
  });
  after(() => ctx.close());

  test('a desk member sees the whole alert; the reporter sees where it stands, not the desks’ work', async () => {
    const desk = await paf.send('GET', `/api/v1/alerts/${alertId}`);
    assert.equal(desk.statusCode, 200);
    assert.equal(desk.json().view, 'desk');
    assert.equal(desk.json().alert.description, 'Note de l’émetteur, chiffrée');
    assert.equal(desk.json().alert.persons[0].nationality, 'NG');
    assert.ok(desk.json().alert.myDeadlineAt);
    const own = await reporter.send('GET', `/api/v1/alerts/${alertId}`);
    assert.equal(own.json().view, 'reporter');
    assert.deepEqual(Object.keys(own.json().alert).sort(), [
      'createdAt',
      'hasMinor',
      'id',
      'immediateDanger',
      'outcome',
      'reference',
      'status',
      'takenOverBy',
      'updatedAt',
    ]);
    const page = await paf.get(`/pro/alertes/${alertId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Prendre en compte/);
    assert.match(page.body, /Note de l’émetteur, chiffrée/);
  });

  test('another territory’s user gets 404, even with the right role', async () => {
    const marseille = await ctx.signIn(await ctx.createUser({ role: 'coordinator', departements: '13' }));
    assert.equal((await marseille.send('GET', `/api/v1/alerts/${alertId}`)).statusCode, 404);
    assert.equal((await marseille.get(`/pro/alertes/${alertId}`)).statusCode, 404);
    assert.equal((await marseille.send('POST', `/api/v1/alerts/${alertId}/acknowledge`, {})).statusCode, 404);
    const otherDesk = await ctx.signIn(await ctx.createUser({ role: 'duty_desk', departements: '95' }));
    assert.equal(
      (await otherDesk.send('GET', `/api/v1/alerts/${alertId}`)).statusCode,
      404,
      'a duty desk member of no recipient desk',
    );
    const lyon = await ctx.signIn(await ctx.createUser({ role: 'coordinator', departements: '95' }));
    assert.equal(
      (await lyon.send('GET', `/api/v1/alerts/${alertId}`)).json().view,
      'coordination',
      'the Val-d’Oise coordinator sees a CDG alert',
    );
    const listed = await marseille.send('GET', '/api/v1/alerts?vue=territoire&statut=toutes');
    assert.ok(!listed.json().alerts.some((a: { id: string }) => a.id === alertId));
  });

  test('acknowledging stops the clock; taking over tells the other desks', async () => {
    const ack = await paf.send('POST', `/api/v1/alerts/${alertId}/acknowledge`, {});
    assert.equal(ack.statusCode, 200, ack.body);
    assert.equal(ack.json().alert.status, 'acknowledged');
    assert.equal(ack.json().alert.myDeadlineAt, null);
    const again = await paf.send('POST', `/api/v1/alerts/${alertId}/acknowledge`, {});
    assert.equal(again.statusCode, 200, 'acknowledging twice is harmless');

    const take = await parquet.postForm(`/pro/alertes/${alertId}/relais`, {});
    assert.equal(take.statusCode, 303);
    const reading = (await parquet.send('GET', `/api/v1/alerts/${alertId}`)).json().alert;
    assert.equal(reading.status, 'in_progress');
    assert.equal(reading.leadDesk, DESKS.parquetMineurs);
    const told = await ctx.waitForMail(
      (m) => m.to.includes('agent.paf@exemple.test') && /a pris le relais/.test(m.subject),
    );
    assert.match(told.subject, new RegExp(DESKS.parquetMineurs));
    assert.equal(
      (await parquet.postForm(`/pro/alertes/${alertId}/relais`, {})).statusCode,
      409,
      'already the lead',
    );
  });

  test('hand-off: to a desk that does not exist is refused; to a real one adds it with a note', async () => {
    const missing = await parquet.send('POST', `/api/v1/alerts/${alertId}/hand-off`, {
      toDeskId: '00000000-0000-4000-8000-000000000000',
      note: 'Pour vous',
    });
    assert.equal(missing.statusCode, 422);
    assert.equal(missing.json().errors[0].field, 'toDeskId');
    const emptyNote = await parquet.send('POST', `/api/v1/alerts/${alertId}/hand-off`, {
      toDeskId: helpers.deskId(DESKS.ase),
      note: '  ',
    });
    assert.equal(emptyNote.statusCode, 422);
    const asePerson = await helpers.member(DESKS.ase, { email: 'ase.essai@exemple.test' });
    const handed = await parquet.send('POST', `/api/v1/alerts/${alertId}/hand-off`, {
      toDeskId: helpers.deskId(DESKS.ase),
      note: 'Placement à prévoir, voir avec la structure n° 3',
    });
    assert.equal(handed.statusCode, 200, handed.body);
    assert.equal(handed.json().alert.status, 'open', 'the new desk must acknowledge');
    assert.equal(handed.json().alert.leadDesk, null);
    const event = handed.json().alert.timeline.find((e: { kind: string }) => e.kind === 'handed_off');
    assert.equal(event.targetDesk, DESKS.ase);
    assert.equal(event.note, 'Placement à prévoir, voir avec la structure n° 3');
    const mail = await ctx.waitForMail(
      (m) => m.to.includes(asePerson.email) && /transmise à votre permanence/.test(m.subject),
    );
    assert.doesNotMatch(mail.text, /structure n° 3/, 'the note stays in Relais');
    const stored = await ctx.core.db
      .selectFrom('alert_events')
      .select('note')
      .where('kind', '=', 'handed_off')
      .executeTakeFirstOrThrow();
    assert.match(stored.note!, /^rk1\./, 'notes are encrypted');
  });

  test('notes, then closure with an outcome; the reporter sees the outcome and is e-mailed', async () => {
    const note = await parquet.postForm(`/pro/alertes/${alertId}/notes`, {
      note: 'OPP demandée au juge des enfants',
    });
    assert.equal(note.statusCode, 303);
    const empty = await parquet.postForm(`/pro/alertes/${alertId}/notes`, { note: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Écrivez la note/);
    await parquet.send('POST', `/api/v1/alerts/${alertId}/take-over`, {});
    const noOutcome = await parquet.postForm(`/pro/alertes/${alertId}/cloture`, { outcome: '' });
    assert.equal(noOutcome.statusCode, 422);
    assert.match(noOutcome.body, /Choisissez l’issue/);
    const notLead = await paf.send('POST', `/api/v1/alerts/${alertId}/close`, { outcome: 'case_opened' });
    assert.equal(notLead.statusCode, 403);
    const closed = await parquet.send('POST', `/api/v1/alerts/${alertId}/close`, {
      outcome: 'placement_requested',
      note: 'Mise à l’abri en cours',
    });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().alert.status, 'closed');
    assert.equal(
      (await parquet.send('POST', `/api/v1/alerts/${alertId}/notes`, { note: 'encore' })).statusCode,
      200,
      'notes after closure are kept',
    );
    assert.equal(
      (await parquet.send('POST', `/api/v1/alerts/${alertId}/close`, { outcome: 'case_opened' })).statusCode,
      409,
    );
    const mine = (await reporter.send('GET', '/api/v1/alerts?vue=miennes'))
      .json()
      .alerts.find((a: { id: string }) => a.id === alertId);
    assert.equal(mine.outcome, 'placement_requested');
    const reporterPage = await reporter.get(`/pro/alertes/${alertId}`);
    assert.match(reporterPage.body, /Mise à l’abri demandée/);
    assert.doesNotMatch(reporterPage.body, /OPP demandée/, 'the desks’ notes are not shown to the reporter');
    await ctx.waitForMail(
      (m) => m.to.includes(reporterUser.email) && /votre alerte .* est close/.test(m.subject),
    );
  });

  test('every view and change is in the audit trail', async () => {
    const actions = (
      await ctx.core.db.selectFrom('audit_events').select('action').where('target_id', '=', alertId).execute()
    ).map((e) => e.action);
    for (const action of [
      'alert.raised',
      'alert.viewed',
      'alert.acknowledged',
      'alert.taken_over',
      'alert.handed_off',
      'alert.noted',
      'alert.closed',
    ]) {
      assert.ok(actions.includes(action), action);
    }
  });
});
