import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { build, type TestContext } from '../../support/app.js';
import { DESKS, withDemoAlerting } from '../../support/alerting.js';
import { placementHelpers } from '../../support/placements.js';

type Person = Awaited<ReturnType<ReturnType<typeof placementHelpers>['person']>>;

describe('runaways through the alerts, transfers, retention and the pilot indicators, the person’s rights', () => {
  let ctx: TestContext;
  let h: ReturnType<typeof placementHelpers>;
  let helpers: Awaited<ReturnType<typeof withDemoAlerting>>;
  let worker: Person;
  let deskId: string;

  before(async () => {
    ctx = await build({ workers: true });
    ctx.clock.set('2026-11-26T09:00:00Z');
    helpers = await withDemoAlerting(ctx);
    h = placementHelpers(ctx);
    // Hors la Rue has a desk in the demo routing: its case worker's runaway alerts go there.
    worker = await h.person({ role: 'case_worker', scopeKind: 'organisation', organisation: 'Hors la Rue' });
    deskId = helpers.deskId(DESKS.horsLaRue);
  });
  after(() => ctx.close());

  const open = async (body: Record<string, unknown> = {}) => {
    const created = await worker.api.send('POST', '/api/v1/cases', {
      minor: true,
      age: 15,
      gender: 'male',
      languages: ['ro'],
      pilotTags: ['mineurs-paris'],
      ...body,
    });
    assert.equal(created.statusCode, 201, created.body);
    return created.json() as { id: string; reference: string };
  };

  test('a runaway raises an alert at once to the lead’s desk and the national coordination, linked to the file', async () => {
    const member = await helpers.member(DESKS.horsLaRue, { email: 'permanence.hlr@exemple.test' });
    void member;
    const file = await open({ exploitation: [{ form: 'delits' }] });
    const recorded = await worker.api.send('POST', `/api/v1/cases/${file.id}/events`, {
      kind: 'runaway',
      occurredOn: '2026-11-26',
      departement: '93',
    });
    assert.equal(recorded.statusCode, 201, recorded.body);
    const alert = recorded.json().alert;
    assert.match(alert.reference, /^ALR-2026-\d+$/);
    const recipients = await ctx.core.db
      .selectFrom('alert_recipients')
      .select(['desk_id', 'role'])
      .where('alert_id', '=', alert.id)
      .execute();
    assert.deepEqual(
      recipients.map((r) => [r.desk_id, r.role]).sort(),
      [
        [deskId, 'responder'],
        [helpers.deskId(DESKS.coordination), 'responder'],
      ].sort(),
    );
    const row = await ctx.core.db
      .selectFrom('alerts')
      .select(['departement_code', 'has_minor', 'immediate_danger', 'description'])
      .where('id', '=', alert.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([row.departement_code, row.has_minor, row.immediate_danger], ['93', true, true]);
    assert.match(row.description!, /^rk1\./, 'the alert’s text is encrypted, like any alert');
    await ctx.waitForMail(
      (m) => m.to.includes('permanence.hlr@exemple.test') && m.subject.includes(alert.reference),
    );
    const read = (await worker.api.send('GET', `/api/v1/cases/${file.id}`)).json();
    assert.ok(
      read.links.some(
        (l: { kind: string; id: string; reference: string }) =>
          l.kind === 'alert' && l.id === alert.id && l.reference === alert.reference,
      ),
    );
    assert.equal(
      (
        await worker.api.send('POST', `/api/v1/cases/${file.id}/events`, {
          kind: 'return',
          occurredOn: '2026-11-27',
        })
      ).statusCode,
      201,
    );
  });

  test('a transfer changes the lead; the former lead keeps only the parts it sent', async () => {
    const file = await open();
    const other = await h.person({
      role: 'case_worker',
      scopeKind: 'organisation',
      organisation: { name: 'Association d’accueil à Lyon', type: 'association', departement: '69' },
    });
    const sent = (
      await worker.api.send('POST', `/api/v1/cases/${file.id}/referrals`, {
        kind: 'transfer',
        organisationId: other.user.organisationId,
        parts: ['profile', 'runaway'],
      })
    ).json();
    const wrong = await worker.api.send('POST', `/api/v1/referrals/${sent.id}/accept`, {});
    assert.equal(wrong.statusCode, 404, 'only the receiver answers');
    const refusedWithout = await other.api.send('POST', `/api/v1/referrals/${sent.id}/refuse`, {
      reason: '',
    });
    assert.equal(refusedWithout.statusCode, 422);
    assert.equal((await other.api.send('POST', `/api/v1/referrals/${sent.id}/accept`, {})).statusCode, 200);
    const asNewLead = (await other.api.send('GET', `/api/v1/cases/${file.id}`)).json();
    assert.equal(asNewLead.access.as, 'lead');
    assert.equal(asNewLead.leadOrganisation, 'Association d’accueil à Lyon');
    const asFormer = (await worker.api.send('GET', `/api/v1/cases/${file.id}`)).json();
    assert.equal(asFormer.access.as, 'partner');
    assert.deepEqual(asFormer.access.parts.sort(), ['profile', 'runaway']);
    assert.equal(
      (
        await worker.api.send('POST', `/api/v1/cases/${file.id}/events`, {
          kind: 'closure',
          occurredOn: '2026-11-26',
          outcome: 'autonomy',
        })
      ).statusCode,
      403,
    );
  });

  test('retention with a fake clock: closed files are anonymised after 24 months; the indicators keep their counts', async () => {
    const file = await open({
      identity: { names: 'Mihai Test-Rétention' },
      consent: { scopes: ['identity'] },
    });
    const add = (body: unknown) => worker.api.send('POST', `/api/v1/cases/${file.id}/events`, body);
    assert.equal((await add({ kind: 'complaint', occurredOn: '2026-11-20' })).statusCode, 201);
    assert.equal(
      (
        await add({
          kind: 'trial',
          occurredOn: '2026-11-25',
          present: true,
          accompanied: true,
          note: 'Présent avec son éducatrice',
        })
      ).statusCode,
      201,
    );
    assert.equal(
      (await add({ kind: 'closure', occurredOn: '2026-11-26', outcome: 'autonomy' })).statusCode,
      201,
    );
    assert.equal((await add({ kind: 'housing', occurredOn: '2026-11-26' })).statusCode, 409, 'closed');

    const coordinator = await h.person({ role: 'coordinator' });
    const indicators = async () =>
      (
        await coordinator.api.send(
          'GET',
          '/api/v1/cases/indicators?from=2026-01-01&to=2026-12-31&tag=mineurs-paris',
        )
      ).json().rows[0];
    const before = await indicators();
    assert.deepEqual(
      {
        entries: before.entries,
        runaways: before.runaways,
        returns: before.returns,
        trials: before.trials,
        presentAtTrial: before.presentAtTrial,
        autonomy: before.autonomy,
      },
      { entries: 3, runaways: 1, returns: 1, trials: 1, presentAtTrial: 1, autonomy: 1 },
    );
    const badPeriod = await coordinator.api.send(
      'GET',
      '/api/v1/cases/indicators?from=2026-12-31&to=2026-01-01',
    );
    assert.equal(badPeriod.statusCode, 422);

    const retention = ctx.core.services.cases.retention;
    ctx.clock.set('2028-11-20T09:00:00Z');
    assert.equal(await retention.anonymiseExpired(), 0, 'not yet 24 months');
    ctx.clock.set('2028-11-27T09:00:00Z');
    assert.equal(await retention.anonymiseExpired(), 1);
    const row = await ctx.core.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'anonymised');
    assert.equal(row.identity_names, null);
    const notes = await ctx.core.db
      .selectFrom('case_events')
      .select('note')
      .where('case_id', '=', file.id)
      .where('note', 'is not', null)
      .execute();
    assert.equal(notes.length, 0, 'free text destroyed too');
    assert.deepEqual(await indicators(), before, 'the indicators keep their counts');
    assert.equal(await retention.anonymiseExpired(), 0, 'once');
    ctx.clock.set('2026-11-26T09:00:00Z');
  });

  test('the person’s rights: an administrator exports all that is held (logged), then erases it', async () => {
    const file = await open({
      identity: { names: 'Ion Test-Export', documents: 'X-42' },
      consent: { scopes: ['identity'] },
    });
    await worker.api.send('POST', `/api/v1/cases/${file.id}/events`, {
      kind: 'legal',
      occurredOn: '2026-11-21',
      note: 'Avocate désignée',
    });
    const admin = await ctx.createUser({ role: 'national_admin' });
    const pages = await ctx.signIn(admin);
    const exported = await pages.get(`/admin/dossiers/export?reference=${file.reference.toLowerCase()}`);
    assert.equal(exported.statusCode, 200, exported.body.slice(0, 300));
    assert.match(exported.headers['content-disposition'] as string, new RegExp(`${file.reference}\\.json`));
    const data = JSON.parse(exported.body);
    assert.deepEqual(data.identity, { names: 'Ion Test-Export', documents: 'X-42' });
    assert.equal(data.events[0].note, 'Avocate désignée');
    assert.ok(data.accessLog.length >= 0);
    const logged = await ctx.core.db
      .selectFrom('case_access_log')
      .select('action')
      .where('case_id', '=', file.id)
      .where('action', '=', 'export')
      .execute();
    assert.equal(logged.length, 1);
    assert.equal((await pages.get('/admin/dossiers/export?reference=TEH-1999-000000')).statusCode, 404);

    const noConfirm = await pages.postForm('/admin/dossiers/effacer', {
      reference: file.reference,
      confirmation: 'non',
    });
    assert.equal(noConfirm.statusCode, 422);
    const erased = await pages.postForm('/admin/dossiers/effacer', {
      reference: file.reference,
      confirmation: file.reference,
    });
    assert.equal(erased.statusCode, 303);
    assert.equal(
      await ctx.core.db.selectFrom('cases').select('id').where('id', '=', file.id).executeTakeFirst(),
      undefined,
    );
    assert.equal((await worker.api.send('GET', `/api/v1/cases/${file.id}`)).statusCode, 404);
    const audit = await ctx.core.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', file.id)
      .where('action', '=', 'case.erased')
      .execute();
    assert.equal(audit.length, 1);
  });
  test('a transfer sent by a former lead cannot be accepted; a referral is answered once; bad ids are refused, not 500', async () => {
    const file = await open();
    const b = await h.person({
      role: 'case_worker',
      scopeKind: 'organisation',
      organisation: { name: 'Association B de test', type: 'association', departement: '13' },
    });
    const c = await h.person({
      role: 'case_worker',
      scopeKind: 'organisation',
      organisation: { name: 'Association C de test', type: 'association', departement: '33' },
    });
    const toB = (
      await worker.api.send('POST', `/api/v1/cases/${file.id}/referrals`, {
        kind: 'transfer',
        organisationId: b.user.organisationId,
        parts: ['profile'],
      })
    ).json();
    const toC = (
      await worker.api.send('POST', `/api/v1/cases/${file.id}/referrals`, {
        kind: 'transfer',
        organisationId: c.user.organisationId,
        parts: ['profile'],
      })
    ).json();
    assert.equal((await b.api.send('POST', `/api/v1/referrals/${toB.id}/accept`, {})).statusCode, 200);
    const stale = await c.api.send('POST', `/api/v1/referrals/${toC.id}/accept`, {});
    assert.equal(stale.statusCode, 409, 'the other transfer fell with the first');
    assert.equal((await b.api.send('GET', `/api/v1/cases/${file.id}`)).json().access.as, 'lead');
    assert.equal(
      (await b.api.send('POST', `/api/v1/referrals/${toB.id}/accept`, {})).statusCode,
      409,
      'answered already',
    );

    const pages = await ctx.signIn(worker.user);
    const badAlert = await pages.postForm('/pro/dossiers', { minor: 'non', alerte: 'pas-un-uuid' });
    assert.equal(badAlert.statusCode, 422);
    const mine = await open();
    const link = await worker.api.send('POST', `/api/v1/cases/${mine.id}/placements`, {
      placementId: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(link.statusCode, 422);
  });

  test('a partner without the proceedings part does not learn the trial date', async () => {
    const file = await open();
    await worker.api.send('POST', `/api/v1/cases/${file.id}/events`, {
      kind: 'trial',
      occurredOn: '2026-12-20',
    });
    const partner = await h.person({
      role: 'case_worker',
      scopeKind: 'organisation',
      organisation: { name: 'Partenaire santé de test', type: 'association', departement: '75' },
    });
    const sent = (
      await worker.api.send('POST', `/api/v1/cases/${file.id}/referrals`, {
        kind: 'referral',
        organisationId: partner.user.organisationId,
        parts: ['profile', 'support'],
      })
    ).json();
    await partner.api.send('POST', `/api/v1/referrals/${sent.id}/accept`, {});
    assert.deepEqual((await worker.api.send('GET', `/api/v1/cases/${file.id}`)).json().nextDate, {
      kind: 'trial',
      on: '2026-12-20',
    });
    assert.equal((await partner.api.send('GET', `/api/v1/cases/${file.id}`)).json().nextDate, null);
    const listed = (await partner.api.send('GET', '/api/v1/cases'))
      .json()
      .cases.find((c: { id: string }) => c.id === file.id);
    assert.equal(listed.nextDate, null);
  });
});
