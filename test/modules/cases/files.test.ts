import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createFieldCipher, generateKey, KeyError } from '../../../src/platform/crypto/fields.js';
import { assertKeysCover, rotateKeys } from '../../../src/platform/crypto/rotate.js';
import { build, type TestContext } from '../../support/app.js';
import { withDemoAlerting } from '../../support/alerting.js';
import { placementHelpers } from '../../support/placements.js';
import { TEST_KEY_V1 } from '../../support/secrets.js';

type Person = Awaited<ReturnType<ReturnType<typeof placementHelpers>['person']>>;

const IDENTITY = {
  names: 'Blessing Okafor-Test',
  aliases: 'Bee',
  birthDate: '2009-03-14',
  contact: 'via l’éducatrice',
  documents: 'Passeport A1234567',
};

describe('case files: encrypted identity, need-to-know, journal, referrals, break-glass, retention', () => {
  let ctx: TestContext;
  let h: ReturnType<typeof placementHelpers>;
  let lead: Person;
  let partner: Person;
  let coordinator: Person;
  let coordinator13: Person;
  let caseId: string;
  let reference: string;

  before(async () => {
    ctx = await build({ workers: true });
    ctx.clock.set('2026-11-26T09:00:00Z');
    await withDemoAlerting(ctx);
    h = placementHelpers(ctx);
    lead = await h.person({
      role: 'case_worker',
      scopeKind: 'organisation',
      organisation: { name: 'Association référente de test', type: 'association', departement: '75' },
    });
    partner = await h.person({
      role: 'case_worker',
      scopeKind: 'organisation',
      organisation: { name: 'Association partenaire de test', type: 'association', departement: '93' },
    });
    coordinator = await h.person({ role: 'coordinator' });
    coordinator13 = await h.person({ role: 'coordinator', departements: '13' });
    const created = await lead.api.send('POST', '/api/v1/cases', {
      minor: true,
      age: 16,
      gender: 'female',
      nationality: 'NG',
      languages: ['en'],
      exploitation: [{ form: 'sexuelle', from: '2026-05-01', to: '2026-10-30', departement: '75' }],
      pilotTags: ['mineurs-paris'],
      identity: IDENTITY,
      consent: { scopes: ['identity', 'journal'] },
    });
    assert.equal(created.statusCode, 201, created.body);
    ({ id: caseId, reference } = created.json());
    assert.match(reference, /^TEH-2026-\d{6}$/);
  });
  after(() => ctx.close());

  test('identity columns hold ciphertext in raw SQL; lists never carry identity; every read writes an access-log row', async () => {
    const { rows } = await sql<
      Record<string, string>
    >`SELECT identity_names, identity_aliases, identity_birth_date, identity_contact, identity_documents FROM cases WHERE id = ${caseId}`.execute(
      ctx.core.db,
    );
    for (const [column, value] of Object.entries(rows[0]!)) {
      assert.match(value, /^rk1\.1\./, column);
      for (const clear of Object.values(IDENTITY))
        assert.ok(!value.includes(clear), `${column} holds plaintext`);
    }
    const list = await lead.api.send('GET', '/api/v1/cases');
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().cases[0].reference, reference);
    for (const clear of Object.values(IDENTITY))
      assert.ok(!list.body.includes(clear), 'no identity in lists');

    const before = await ctx.core.db
      .selectFrom('case_access_log')
      .select('action')
      .where('case_id', '=', caseId)
      .execute();
    const file = await lead.api.send('GET', `/api/v1/cases/${caseId}`);
    assert.equal(file.statusCode, 200, file.body);
    assert.deepEqual(file.json().identity, IDENTITY);
    assert.equal(file.json().access.as, 'lead');
    const afterRead = await ctx.core.db
      .selectFrom('case_access_log')
      .select(['action', 'via', 'user_id'])
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      afterRead.slice(before.length).map((r) => [r.action, r.via, r.user_id]),
      [
        ['api_read', 'api', lead.user.id],
        ['read_identity', 'api', lead.user.id],
      ],
    );
    const log = (await lead.api.send('GET', `/api/v1/cases/${caseId}/access-log`)).json().entries;
    assert.equal(log[0].action, 'read_identity');
    // Another organisation's case worker and a frontline professional do not see it at all.
    assert.equal((await partner.api.send('GET', `/api/v1/cases/${caseId}`)).statusCode, 404);
    const frontline = await h.person({ role: 'frontline', airport: 'CDG' });
    assert.equal((await frontline.api.send('GET', `/api/v1/cases/${caseId}`)).statusCode, 403);
  });

  test('journal: a trial before the complaint and a closure without outcome are refused; dates drive the next deadline', async () => {
    const add = (body: unknown) => lead.api.send('POST', `/api/v1/cases/${caseId}/events`, body);
    assert.equal(
      (
        await add({
          kind: 'psychological',
          occurredOn: '2026-11-02',
          service: 'Centre Primo Levi',
          note: 'Suivi hebdomadaire',
        })
      ).statusCode,
      201,
    );
    assert.equal(
      (
        await add({
          kind: 'complaint',
          occurredOn: '2026-11-10',
          service: 'Brigade de protection des mineurs',
        })
      ).statusCode,
      201,
    );
    const early = await add({ kind: 'trial', occurredOn: '2026-11-01' });
    assert.equal(early.statusCode, 422);
    assert.equal(early.json().errors[0].field, 'occurredOn');
    assert.match(early.json().errors[0].message, /précède la plainte/);
    assert.equal(
      (await add({ kind: 'trial', occurredOn: '2026-12-08', service: 'Tribunal pour enfants de Paris' }))
        .statusCode,
      201,
    );
    const reflection = await add({ kind: 'reflection_period', occurredOn: '2026-11-12' });
    assert.equal(reflection.statusCode, 201);
    const noOutcome = await add({ kind: 'closure', occurredOn: '2026-11-26' });
    assert.equal(noOutcome.statusCode, 422);
    assert.equal(noOutcome.json().errors[0].message, 'Choisissez l’issue du dossier pour le clore.');
    const file = (await lead.api.send('GET', `/api/v1/cases/${caseId}`)).json();
    assert.deepEqual(file.nextDate, { kind: 'trial', on: '2026-12-08' });
    const period = file.events.find((e: { kind: string }) => e.kind === 'reflection_period');
    assert.equal(period.endsOn, '2026-12-12', 'the reflection period lasts 30 days');
    assert.equal(
      file.events.find((e: { kind: string }) => e.kind === 'psychological').note,
      'Suivi hebdomadaire',
    );
    const raw = await ctx.core.db
      .selectFrom('case_events')
      .select('note')
      .where('case_id', '=', caseId)
      .where('kind', '=', 'psychological')
      .executeTakeFirstOrThrow();
    assert.match(raw.note!, /^rk1\./, 'notes are encrypted');
  });

  test('reminders: a trial 14 days ahead is reminded to the lead’s case workers, once', async () => {
    ctx.clock.set('2026-11-23T09:00:00Z');
    assert.equal(await ctx.core.services.cases.notifications.remind(), 0, 'too early (15 days)');
    ctx.clock.set('2026-11-24T09:00:00Z');
    assert.equal(await ctx.core.services.cases.notifications.remind(), 1);
    const mail = await ctx.waitForMail(
      (m) => m.to.includes(lead.user.email) && m.subject === `Relais — procès le 2026-12-08 (${reference})`,
    );
    assert.ok(!mail.text.includes('Blessing'), 'reference and link only');
    assert.equal(await ctx.core.services.cases.notifications.remind(), 0, 'once');
    ctx.clock.set('2026-11-26T09:00:00Z');
  });

  test('a partner sees only the parts it was given, and no identity without consent; an organisation without case workers cannot receive', async () => {
    const orgWithoutCaseWorkers = await ctx.createUser({
      role: 'frontline',
      airport: 'ORY',
      organisation: { name: 'Compagnie sans suivi', type: 'transport_aerien' },
    });
    const refused = await lead.api.send('POST', `/api/v1/cases/${caseId}/referrals`, {
      kind: 'referral',
      organisationId: orgWithoutCaseWorkers.organisationId,
      parts: ['profile'],
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.json().errors[0].message, /aucun compte « suivi des victimes »/);

    const sent = await lead.api.send('POST', `/api/v1/cases/${caseId}/referrals`, {
      kind: 'referral',
      organisationId: partner.user.organisationId,
      parts: ['profile', 'proceedings'],
    });
    assert.equal(sent.statusCode, 201, sent.body);
    await ctx.waitForMail(
      (m) =>
        m.to.includes(partner.user.email) && m.subject === `Relais — orientation du dossier ${reference}`,
    );
    const incoming = (await partner.api.send('GET', '/api/v1/referrals')).json().referrals;
    assert.deepEqual(
      incoming.map((r: { reference: string }) => r.reference),
      [reference],
    );
    assert.equal(
      (await partner.api.send('POST', `/api/v1/referrals/${sent.json().id}/accept`, {})).json().status,
      'accepted',
    );

    const seen = await partner.api.send('GET', `/api/v1/cases/${caseId}`);
    assert.equal(seen.statusCode, 200);
    const file = seen.json();
    assert.equal(file.access.as, 'partner');
    assert.equal(file.identity, null, 'no consent for the partner: no identity');
    for (const clear of Object.values(IDENTITY)) assert.ok(!seen.body.includes(clear));
    assert.deepEqual([...new Set(file.events.map((e: { category: string }) => e.category))].sort(), [
      'proceedings',
    ]);
    const support = await partner.api.send('POST', `/api/v1/cases/${caseId}/events`, {
      kind: 'housing',
      occurredOn: '2026-11-20',
    });
    assert.equal(support.statusCode, 403, 'support was not shared');
    assert.equal(
      (
        await partner.api.send('POST', `/api/v1/cases/${caseId}/events`, {
          kind: 'hearing',
          occurredOn: '2026-11-20',
        })
      ).statusCode,
      201,
    );
    assert.equal(
      (
        await partner.api.send('POST', `/api/v1/cases/${caseId}/referrals`, {
          kind: 'referral',
          organisationId: lead.user.organisationId,
          parts: ['profile'],
        })
      ).statusCode,
      403,
    );

    // The person agrees: the lead records it, the partner reads the identity; withdrawn, it is hidden again.
    assert.equal(
      (
        await lead.api.send('POST', `/api/v1/cases/${caseId}/consents`, {
          organisationId: partner.user.organisationId,
          scopes: ['identity'],
        })
      ).statusCode,
      204,
    );
    assert.deepEqual((await partner.api.send('GET', `/api/v1/cases/${caseId}`)).json().identity, IDENTITY);
    const consent = (await lead.api.send('GET', `/api/v1/cases/${caseId}`))
      .json()
      .consents.find(
        (c: { organisationId: string; withdrawnAt: string | null }) =>
          c.organisationId === partner.user.organisationId && !c.withdrawnAt,
      );
    assert.equal(
      (await lead.api.send('POST', `/api/v1/cases/${caseId}/consents/${consent.id}/withdraw`)).statusCode,
      204,
    );
    assert.equal((await partner.api.send('GET', `/api/v1/cases/${caseId}`)).json().identity, null);
  });

  test('break-glass: a written reason, audited, logged on the file, the lead told; another territory cannot', async () => {
    assert.equal(
      (await coordinator.api.send('GET', `/api/v1/cases/${caseId}`)).statusCode,
      404,
      'no access without break-glass',
    );
    const list = await coordinator.api.send('GET', '/api/v1/cases');
    assert.ok(
      list.json().cases.some((c: { id: string }) => c.id === caseId),
      'listed, without identity',
    );
    const short = await coordinator.api.send('POST', `/api/v1/cases/${caseId}/break-glass`, {
      reason: 'urgent',
    });
    assert.equal(short.statusCode, 422);
    assert.equal(
      (
        await coordinator13.api.send('POST', `/api/v1/cases/${caseId}/break-glass`, {
          reason: 'Fugue signalée à Marseille, recherche en cours',
        })
      ).statusCode,
      404,
    );
    const glass = await coordinator.api.send('POST', `/api/v1/cases/${caseId}/break-glass`, {
      reason: 'Disparition signalée par la police, besoin du suivi',
    });
    assert.equal(glass.statusCode, 204, glass.body);
    const file = (await coordinator.api.send('GET', `/api/v1/cases/${caseId}`)).json();
    assert.equal(file.access.as, 'break_glass');
    assert.equal(file.identity, null, 'identity stays under the person’s consent');
    const audit = await ctx.core.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id'])
      .where('target_id', '=', caseId)
      .where('action', '=', 'case.break_glass')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.actor_user_id),
      [coordinator.user.id],
    );
    const log = await ctx.core.db
      .selectFrom('case_access_log')
      .select('action')
      .where('case_id', '=', caseId)
      .where('user_id', '=', coordinator.user.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      log.map((l) => l.action),
      ['break_glass', 'api_read'],
    );
    await ctx.waitForMail(
      (m) =>
        m.to.includes(lead.user.email) && m.subject === `Relais — bris de glace sur le dossier ${reference}`,
    );
    // Four hours later, the glass is whole again.
    ctx.clock.advance(4 * 3_600_000 + 60_000);
    assert.equal((await coordinator.api.send('GET', `/api/v1/cases/${caseId}`)).statusCode, 404);
    ctx.clock.set('2026-11-26T09:00:00Z');
  });

  test('keys:rotate re-encrypts identity and notes; files still read; a key missing at start is refused', async () => {
    const both = createFieldCipher(`1:${TEST_KEY_V1},2:${generateKey()}`);
    const reports = await rotateKeys(ctx.core.db, both, ctx.core.encryptedColumns);
    assert.ok((reports.find((r) => r.table === 'cases' && r.column === 'identity_names')?.rotated ?? 0) >= 1);
    const row = await ctx.core.db
      .selectFrom('cases')
      .select(['identity_names', 'identity_documents'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.match(row.identity_names!, /^rk1\.2\./);
    assert.equal(
      both.decrypt(row.identity_documents!, `cases.identity_documents:${caseId}`),
      IDENTITY.documents,
    );
    await assertKeysCover(ctx.core.db, both, ctx.core.encryptedColumns);
    await assert.rejects(
      assertKeysCover(ctx.core.db, createFieldCipher(`1:${TEST_KEY_V1}`), ctx.core.encryptedColumns),
      (error: Error) => error instanceof KeyError && /v2 manque/.test(error.message),
    );
  });
});
