import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HOUR, MINUTE } from '../../../src/platform/time/clock.js';
import { build, type TestContext } from '../../support/app.js';
import { DESKS, minorAtCdg, withDemoAlerting } from '../../support/alerting.js';
import { AUDIT, placementHelpers } from '../../support/placements.js';

describe('the 48-hour OPP clock for minors (fake clock, real SMTP)', () => {
  let ctx: TestContext;
  let h: ReturnType<typeof placementHelpers>;
  let parquet: Awaited<ReturnType<ReturnType<typeof placementHelpers>['person']>>;
  let memberEmail: string;

  before(async () => {
    ctx = await build({ workers: true });
    // Thursday 26 November 2026, 10:00 in Paris.
    ctx.clock.set('2026-11-26T09:00:00Z');
    const alerting = await withDemoAlerting(ctx);
    h = placementHelpers(ctx);
    parquet = await h.person({ role: 'duty_desk', departements: '75', email: 'opp.parquet@exemple.test' });
    memberEmail = parquet.user.email;
    await ctx.core.db
      .insertInto('desk_members')
      .values({ desk_id: alerting.deskId(DESKS.parquetMineurs), user_id: parquet.user.id })
      .execute();
  });
  after(() => ctx.close());

  const sweep = () => ctx.core.services.placements.opp.sweep();
  const mailsTo = (reference: string) =>
    ctx.smtp.messages.filter((m) => m.to.includes(memberEmail) && m.subject.includes(reference));

  test('warnings with 24 h and 4 h left, a recorded breach at 48 h; each once', async () => {
    const referred = await parquet.api.send('POST', '/api/v1/opp', {});
    assert.equal(referred.statusCode, 201, referred.body);
    const { id, reference, deadlineAt, remainingMs, state } = referred.json();
    assert.equal(state, 'running');
    assert.equal(remainingMs, 48 * HOUR);
    assert.equal(deadlineAt, '2026-11-28T09:00:00.000Z');

    ctx.clock.advance(24 * HOUR - MINUTE);
    assert.equal(await sweep(), 0, 'nothing before 24 h left');
    ctx.clock.advance(MINUTE);
    assert.equal(await sweep(), 1);
    const first = await ctx.waitForMail(
      (m) => m.to.includes(memberEmail) && m.subject === `Relais — OPP ${reference} : 24 h restantes`,
    );
    assert.match(first.text, /il reste 24 h 00/);
    assert.match(first.text, /samedi 28 novembre 2026 à 10:00|28\/11\/2026 10:00|28 nov/);
    assert.equal(await sweep(), 0, 'recorded once');

    ctx.clock.advance(20 * HOUR - MINUTE);
    assert.equal(await sweep(), 0);
    ctx.clock.advance(MINUTE);
    assert.equal(await sweep(), 1);
    await ctx.waitForMail(
      (m) => m.to.includes(memberEmail) && m.subject === `Relais — URGENT OPP ${reference} : 4 h restantes`,
    );

    ctx.clock.advance(4 * HOUR);
    assert.equal(await sweep(), 1);
    await ctx.waitForMail(
      (m) => m.to.includes(memberEmail) && m.subject === `Relais — OPP ${reference} : délai de 48 h dépassé`,
    );
    assert.equal(await sweep(), 0);

    const view = (await parquet.api.send('GET', `/api/v1/opp/${id}`)).json();
    assert.equal(view.state, 'overdue');
    assert.equal(view.warned24hAt, '2026-11-27T09:00:00.000Z');
    assert.equal(view.warned4hAt, '2026-11-28T05:00:00.000Z');
    assert.equal(view.breachedAt, '2026-11-28T09:00:00.000Z');
    assert.equal(mailsTo(reference).length, 3, 'three messages, no duplicate');
    const audit: Array<{ action: string }> = await ctx.core.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['opp.referred', 'opp.warned', 'opp.warned', 'opp.breached'],
    );

    // The order comes two hours late: recorded as such, with the structure of an accepted placement for a minor.
    ctx.clock.advance(2 * HOUR);
    const host = await h.structure();
    const offer = await h.offer(host.actor, { public: 'mineures', commune: '37261', capacity: 1 });
    const held = await ctx.core.services.placements.reservations.reserve(parquet.actor, AUDIT, {
      offerId: offer,
      public: 'mineures',
    });
    const notAccepted = await parquet.api.send('POST', `/api/v1/opp/${id}/order`, {
      court: 'Juge des enfants de Paris',
      placementId: held.id,
    });
    assert.equal(notAccepted.statusCode, 422);
    await ctx.core.services.placements.reservations.accept(host.actor, AUDIT, held.id);
    const ordered = await parquet.api.send('POST', `/api/v1/opp/${id}/order`, {
      court: 'Juge des enfants de Paris',
      placementId: held.id,
    });
    assert.equal(ordered.statusCode, 200, ordered.body);
    assert.equal(ordered.json().state, 'ordered');
    assert.equal(ordered.json().orderedLate, true);
    assert.equal(ordered.json().offerId, offer);
    const twice = await parquet.api.send('POST', `/api/v1/opp/${id}/order`, {
      court: 'Juge des enfants de Paris',
      placementId: held.id,
    });
    assert.equal(twice.statusCode, 409);
  });

  test('a referral recorded late is caught up at once; an order in time stops the clock', async () => {
    const referredAt = new Date(ctx.clock.now().getTime() - 30 * HOUR).toISOString();
    const late = (await parquet.api.send('POST', '/api/v1/opp', { referredAt })).json();
    assert.ok(late.warned24hAt, 'the 24-hour warning is recorded with the referral');
    assert.equal(late.warned4hAt, null);
    await ctx.waitForMail(
      (m) => m.to.includes(memberEmail) && m.subject === `Relais — OPP ${late.reference} : 24 h restantes`,
    );

    const host = await h.structure();
    const offer = await h.offer(host.actor, { public: 'mineurs', commune: '63113', capacity: 1 });
    const held = await ctx.core.services.placements.reservations.reserve(parquet.actor, AUDIT, {
      offerId: offer,
      public: 'mineurs',
    });
    await ctx.core.services.placements.reservations.accept(host.actor, AUDIT, held.id);
    const ordered = (
      await parquet.api.send('POST', `/api/v1/opp/${late.id}/order`, {
        court: 'Tribunal pour enfants de Paris',
        placementId: held.id,
      })
    ).json();
    assert.equal(ordered.orderedLate, false);
    ctx.clock.advance(20 * HOUR);
    assert.equal(await sweep(), 0, 'no warning after the order');
    assert.equal(mailsTo(late.reference).length, 1);
  });

  test('bad input: a future or too old referral, an order before the referral, a withdrawn clock, an alert without a minor', async () => {
    const future = await parquet.api.send('POST', '/api/v1/opp', {
      referredAt: new Date(ctx.clock.now().getTime() + HOUR).toISOString(),
    });
    assert.equal(future.statusCode, 422);
    assert.equal(future.json().errors[0].message, 'L’heure ne peut pas être dans le futur.');
    const old = await parquet.api.send('POST', '/api/v1/opp', { referredAt: '2026-01-01T00:00:00Z' });
    assert.equal(old.statusCode, 422);

    const { id, referredAt } = (await parquet.api.send('POST', '/api/v1/opp', {})).json();
    const before = await parquet.api.send('POST', `/api/v1/opp/${id}/order`, {
      court: 'Juge des enfants',
      orderedAt: new Date(new Date(referredAt).getTime() - MINUTE).toISOString(),
      offerId: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(before.statusCode, 422);
    assert.deepEqual(
      before
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['offerId', 'orderedAt'],
    );
    const withdrawn = await parquet.api.send('POST', `/api/v1/opp/${id}/withdraw`, { reason: 'adult' });
    assert.equal(withdrawn.json().state, 'withdrawn');
    ctx.clock.advance(48 * HOUR);
    await sweep();
    assert.equal(
      (await parquet.api.send('GET', `/api/v1/opp/${id}`)).json().breachedAt,
      null,
      'a stopped clock never breaches',
    );

    // An adult's alert cannot start a minor's clock.
    const frontline = await h.person({ role: 'frontline', airport: 'CDG' });
    const adult = (
      await frontline.api.send(
        'POST',
        '/api/v1/alerts',
        minorAtCdg({
          persons: [{ minor: 'no', estimatedAge: 30, gender: 'female' }],
          consent: 'adult_refuses',
        }),
      )
    ).json();
    const coordination = await h.person({ role: 'coordinator' });
    const noMinor = await coordination.api.send('POST', '/api/v1/opp', {
      alertId: adult.id,
      deskId: (
        await ctx.core.db
          .selectFrom('desks')
          .select('id')
          .where('name', '=', DESKS.parquetMineurs)
          .executeTakeFirstOrThrow()
      ).id,
    });
    assert.equal(noMinor.statusCode, 422);
    assert.ok(noMinor.json().errors.some((e: { field: string }) => e.field === 'alertId'));

    // Another territory's desk member does not see the clock.
    const elsewhere = await h.person({ role: 'duty_desk', departements: '13' });
    assert.equal((await elsewhere.api.send('GET', `/api/v1/opp/${id}`)).statusCode, 404);
  });
});
