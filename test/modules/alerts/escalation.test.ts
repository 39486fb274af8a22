import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HOUR, MINUTE } from '../../../src/platform/time/clock.js';
import { build, type Client, type TestContext } from '../../support/app.js';
import { DESKS, minorAtCdg, withDemoAlerting } from '../../support/alerting.js';

describe('escalation, on-call windows and reminders (fake clock)', () => {
  let ctx: TestContext;
  let reporter: Client;
  let helpers: Awaited<ReturnType<typeof withDemoAlerting>>;

  before(async () => {
    // Wednesday 26 November 2026, 11:00 in Paris.
    ctx = await build({ workers: true });
    ctx.clock.set('2026-11-26T10:00:00Z');
    helpers = await withDemoAlerting(ctx);
    // The CDG rule escalates to the minors' parquet desk when nobody acknowledges.
    await ctx.core.db
      .updateTable('routing_rules')
      .set({ escalation_desk_ids: [helpers.deskId(DESKS.parquetMineurs)] })
      .where('name', 'like', 'Aéroport%')
      .execute();
    await ctx.core.db.transaction().execute((trx) => ctx.core.services.alerts.routing.changed(trx));
    // A token, not a session: the fake clock runs far past a session's idle timeout.
    const user = await ctx.createUser({ role: 'frontline', airport: 'CDG' });
    reporter = ctx.client();
    reporter.bearer = (
      await ctx.core.services.accounts.apiTokens.createForEmail(
        user.email,
        { actorUserId: null, actorOrganisationId: null, requestId: 't' },
        { name: 'essai' },
      )
    ).token;
  });
  after(() => ctx.close());

  const adultAtCdg = () =>
    minorAtCdg({
      persons: [{ minor: 'no', estimatedAge: 30, gender: 'male' }],
      consent: 'adult_refuses',
      exploitation: ['travail_force'],
    });

  test('not acknowledged in time: escalated to the rule’s escalation desk and the coordination, who are e-mailed', async () => {
    const parquet = await helpers.member(DESKS.parquetMineurs, { email: 'escalade.parquet@exemple.test' });
    const { id, reference } = (await reporter.send('POST', '/api/v1/alerts', adultAtCdg())).json();
    assert.deepEqual(
      await ctx.core.services.alerts.notifications.sweep(),
      { escalated: 0, reminded: 0 },
      'nothing due yet',
    );
    ctx.clock.advance(14 * MINUTE);
    assert.equal((await ctx.core.services.alerts.notifications.sweep()).escalated, 0);
    ctx.clock.advance(2 * MINUTE);
    assert.equal((await ctx.core.services.alerts.notifications.sweep()).escalated, 1);
    const alert = await ctx.core.db
      .selectFrom('alerts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(alert.escalation_level, 1);
    const recipients = await ctx.core.db
      .selectFrom('alert_recipients')
      .selectAll()
      .where('alert_id', '=', id)
      .where('level', '=', 1)
      .execute();
    assert.deepEqual(
      recipients.map((r) => r.desk_id).sort(),
      [helpers.deskId(DESKS.coordination), helpers.deskId(DESKS.parquetMineurs)].sort(),
    );
    assert.ok(recipients.every((r) => r.role === 'responder'));
    await ctx.waitForMail(
      (m) => m.to.includes(parquet.email) && m.subject === `Relais — alerte ${reference} non prise en compte`,
    );
    await ctx.waitForMail(
      (m) =>
        m.to.includes('coordination@demo.relais.test') &&
        m.subject.includes(reference) &&
        /non prise en compte/.test(m.subject),
    );
    // Sweeping again at once changes nothing; after the next deadline, level 2 re-alerts the coordination, then it stops.
    assert.equal((await ctx.core.services.alerts.notifications.sweep()).escalated, 0);
    ctx.clock.advance(16 * MINUTE);
    assert.equal((await ctx.core.services.alerts.notifications.sweep()).escalated, 1);
    ctx.clock.advance(40 * MINUTE);
    assert.equal((await ctx.core.services.alerts.notifications.sweep()).escalated, 0, 'level 2 is the last');
    const events = await ctx.core.db
      .selectFrom('alert_events')
      .select(['kind', 'details'])
      .where('alert_id', '=', id)
      .where('kind', '=', 'escalated')
      .execute();
    assert.deepEqual(
      events.map((e) => e.details.level),
      [1, 2],
    );
  });

  test('acknowledged in time: no escalation', async () => {
    const paf = await ctx.signIn(await helpers.member(DESKS.paf, { departements: '95' }));
    const { id } = (await reporter.send('POST', '/api/v1/alerts', adultAtCdg())).json();
    ctx.clock.advance(5 * MINUTE);
    await paf.send('POST', `/api/v1/alerts/${id}/acknowledge`, {});
    ctx.clock.advance(30 * MINUTE);
    await ctx.core.services.alerts.notifications.sweep();
    const alert = await ctx.core.db
      .selectFrom('alerts')
      .select('escalation_level')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(alert.escalation_level, 0);
  });

  test('members are e-mailed during their on-call window only; nobody on call means everybody', async () => {
    const day = await helpers.member(DESKS.gta, { departements: '95', email: 'jour.gta@exemple.test' });
    const night = await helpers.member(DESKS.gta, { departements: '95', email: 'nuit.gta@exemple.test' });
    const desk = helpers.deskId(DESKS.gta);
    await ctx.core.db
      .insertInto('desk_shifts')
      .values([
        {
          desk_id: desk,
          user_id: day.id,
          weekdays: [1, 2, 3, 4, 5],
          start_minute: 8 * 60,
          end_minute: 20 * 60,
        },
        {
          desk_id: desk,
          user_id: night.id,
          weekdays: [1, 2, 3, 4, 5, 6, 7],
          start_minute: 20 * 60,
          end_minute: 8 * 60,
        },
      ])
      .execute();
    // Wednesday 21:30 in Paris (UTC+1): the night member only.
    ctx.clock.set('2026-11-25T20:30:00Z');
    const night1 = (await reporter.send('POST', '/api/v1/alerts', adultAtCdg())).json();
    await ctx.waitForMail((m) => m.to.includes(night.email) && m.subject.includes(night1.reference));
    // Thursday 10:00 in Paris: the day member only.
    ctx.clock.set('2026-11-26T09:00:00Z');
    const day1 = (await reporter.send('POST', '/api/v1/alerts', adultAtCdg())).json();
    await ctx.waitForMail((m) => m.to.includes(day.email) && m.subject.includes(day1.reference));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const subjects = (email: string) =>
      ctx.smtp.messages.filter((m) => m.to.includes(email)).map((m) => m.subject);
    assert.ok(
      !subjects(day.email).some((s) => s.includes(night1.reference)),
      'the day member was not woken at night',
    );
    assert.ok(!subjects(night.email).some((s) => s.includes(day1.reference)));
    // Sunday 11:00 in Paris: nobody's window; everybody is told rather than nobody.
    ctx.clock.set('2026-11-29T10:00:00Z');
    const sunday = (await reporter.send('POST', '/api/v1/alerts', adultAtCdg())).json();
    await ctx.waitForMail((m) => m.to.includes(day.email) && m.subject.includes(sunday.reference));
    await ctx.waitForMail((m) => m.to.includes(night.email) && m.subject.includes(sunday.reference));
    ctx.clock.set('2026-11-26T09:00:00Z');
  });

  /** An alert taken over by the PAF (and closed by it, if asked), then left without news for 25 hours. */
  async function quietAlert(options: { closed?: boolean } = {}): Promise<string> {
    const { id } = (await reporter.send('POST', '/api/v1/alerts', adultAtCdg())).json();
    const paf = await ctx.signIn(await helpers.member(DESKS.paf, { departements: '95' }));
    await paf.send('POST', `/api/v1/alerts/${id}/take-over`, {});
    if (options.closed) {
      const closed = await paf.send('POST', `/api/v1/alerts/${id}/close`, { outcome: 'case_opened' });
      assert.equal(closed.statusCode, 200, closed.body);
    }
    ctx.clock.advance(25 * HOUR);
    return id;
  }
  const reminders = (alertId: string) =>
    ctx.core.db.selectFrom('alert_events').select('kind').where('alert_id', '=', alertId).where('kind', '=', 'reminder').execute();

  test('an open alert without news for 24 hours is reminded to its desks', async () => {
    const id = await quietAlert();
    // The take-over's mail, sent by a worker running late: written 25 hours on, it is no news.
    await ctx.core.db
      .insertInto('alert_events')
      .values({
        alert_id: id,
        occurred_at: ctx.clock.now(),
        kind: 'notified',
        details: JSON.stringify({ reason: 'taken_over' }),
      })
      .execute();
    // The minute job may sweep at the same moment and write the reminder itself: the events tell, not the count.
    await ctx.core.services.alerts.notifications.sweep();
    assert.equal((await reminders(id)).length, 1);
    assert.equal(
      (await ctx.core.services.alerts.notifications.sweep()).reminded,
      0,
      'the reminder itself is news: not repeated at once',
    );
  });

  test('a closed alert is never reminded, however quiet', async () => {
    const id = await quietAlert({ closed: true });
    await ctx.core.services.alerts.notifications.sweep();
    assert.deepEqual(await reminders(id), []);
  });

  test('sweeps running at once remind a quiet alert once', async () => {
    const id = await quietAlert();
    const { notifications } = ctx.core.services.alerts;
    const results = await Promise.all([notifications.sweep(), notifications.sweep(), notifications.sweep()]);
    assert.equal((await reminders(id)).length, 1);
    // Earlier tests' alerts are quiet again too: each is reminded once, counted by the sweep that wrote it (the
    // minute job may be one of the writers, so the three calls count at most what was written).
    const written = await ctx.core.db
      .selectFrom('alert_events')
      .select(['alert_id'])
      .where('kind', '=', 'reminder')
      .where('occurred_at', '=', ctx.clock.now())
      .execute();
    assert.equal(new Set(written.map((r) => r.alert_id)).size, written.length, 'no alert reminded twice');
    assert.ok(
      results.reduce((sum, r) => sum + r.reminded, 0) <= written.length,
      'each sweep counts only the reminders it wrote',
    );
  });
});
