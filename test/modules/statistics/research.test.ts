import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { translator } from '../../../src/platform/i18n/index.js';
import { DAY } from '../../../src/platform/time/clock.js';
import {
  ageBand,
  generaliseNationalities,
  regionOf,
  yearMonth,
} from '../../../src/modules/statistics/research-deidentify.js';
import {
  EXPORT_COLUMNS,
  HTCDS_MAPPING,
  LABOUR_INDUSTRY_VALUES,
  METHODS_OF_CONTROL,
  TRAFFICKING_STATUS_VALUES,
} from '../../../src/modules/statistics/research-mapping.js';
import { COUNTRY_CODES } from '../../../src/modules/reference/index.js';
import { build, type Client, type TestContext, type TestUser } from '../../support/app.js';
import { placementHelpers } from '../../support/placements.js';

const HTCDS = path.resolve(import.meta.dirname, '../../../../shared/data/htcds');
const read = (file: string) => fs.readFileSync(path.join(HTCDS, file), 'utf8');

/** First-column values of the markdown table under a heading of the HTCDS Field Definitions. */
function tableUnder(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`## ${heading}`);
  assert.ok(start >= 0, `section ${heading}`);
  const rest = markdown.slice(start + heading.length + 3);
  const end = rest.search(/\n#{2,3} ?\S/);
  return (end >= 0 ? rest.slice(0, end) : rest)
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l))
    .map((l) => (l.split('|')[1] ?? '').trim())
    .slice(1);
}

/**
 * The fields the HTCDS Field Reference marks Core (UNMigration/HTCDS, "HTCDS Field Reference.md", column Core).
 * The copy in ../shared/data/htcds/ defines that column ("HTCDS Field Column Reference.md") but carries only the
 * Methods of Control, Trafficking Status and Labour Industry definitions, so the Core list is written here and
 * the vocabularies the shared files do carry are read from them below.
 */
const CORE = [
  ...'FirstName SecondName Birthdate Gender Deceased Nationality Title Email HomePhone MobilePhone MailingCity MailingCountry MailingState MailingStreet MailingPostalCode MailingLongitude MailingLatitude'
    .split(' ')
    .map((f) => `prs_${f}`),
  ...'RecruitmentWebsitesAndApps MethodOfRecruitment LocationOfRecruitment MethodsOfControl TypeOfLabourExploitation LabourIndustry TypeOfSexExploitation LocationOfExploitation ExploitationWebsitesAndApps Vulnerabilities DetailsOfVulnerabilities'
    .split(' ')
    .map((f) => `vic_${f}`),
  ...'RoleInProcess RoleDetails Organisation'.split(' ').map((f) => `per_${f}`),
  ...'Longitude Latitude City Country State Street PostalCode Date Type Description'
    .split(' ')
    .map((f) => `hte_${f}`),
  ...'Status ReferringOrganisation IncomingReferralDate ReferringPrimaryCaseWorker ReasonForIncomingReferral IncomingReferralDetails ReferredOrganisation ReferredPrimaryCaseWorker ReasonForOutgoingReferral OutgoingReferralDate OutgoingReferralDetails ReasonForCaseClosure'
    .split(' ')
    .map((f) => `cas_${f}`),
];

const IDENTITY = {
  names: 'Grace Adebayo-Recherche',
  aliases: 'Gigi-Recherche',
  birthDate: '2010-04-17',
  contact: 'téléphone 06 12 34 56 78 via l’éducatrice',
  documents: 'Passeport Z9876543',
};
const FREE_TEXT = ['Description libre secrète', 'Note libre secrète', 'Motif libre secret'];

function parseCsv(body: string): string[][] {
  return body
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('research export: HTCDS mapping, de-identification, authorisation, audit', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let coordinator: TestUser;
  let frontline: TestUser;
  let adminClient: Client;
  let coordinatorClient: Client;
  const caseIds: string[] = [];
  const references: string[] = [];

  before(async () => {
    ctx = await build({ workers: false });
    ctx.clock.set('2026-11-26T09:00:00Z');
    const h = placementHelpers(ctx);
    admin = await ctx.createUser({ role: 'national_admin' });
    coordinator = await ctx.createUser({ role: 'coordinator' });
    frontline = await ctx.createUser({ role: 'frontline', airport: 'CDG' });
    const worker = await h.person({
      role: 'case_worker',
      scopeKind: 'organisation',
      organisation: { name: 'Association de recherche test', type: 'association', departement: '75' },
    });
    for (const age of [16, 34]) {
      const created = await worker.api.send('POST', '/api/v1/cases', {
        minor: age < 18,
        age,
        gender: 'female',
        nationality: 'NG',
        languages: ['en'],
        exploitation: [{ form: 'sexuelle', from: '2026-05-14', to: '2026-10-30', departement: '75' }],
        identity: IDENTITY,
        consent: { scopes: ['identity', 'journal'] },
      });
      assert.equal(created.statusCode, 201, created.body);
      caseIds.push(created.json().id);
      references.push(created.json().reference);
    }
    // Eleven more files of one nationality, written in SQL: a group large enough to keep its country.
    for (let i = 0; i < 11; i++) {
      const { id } = await ctx.core.db
        .insertInto('cases')
        .values({
          reference: `TEH-2026-9${String(i).padStart(5, '0')}`,
          lead_organisation_id: worker.user.organisationId,
          opened_at: new Date('2026-11-02T10:00:00Z'),
          minor: false,
          age: 25 + i,
          gender: 'male',
          nationality: 'RO',
          exploitation: JSON.stringify([{ form: 'servitude_domestique', from: '2026-01-03', country: 'ES' }]),
          identity_names: `Nom en clair ${i} Recherche`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      caseIds.push(id);
    }
    // A demo file in the period: demonstration data never reaches researchers (13 rows, not 14).
    await ctx.core.db
      .insertInto('cases')
      .values({
        reference: 'TEH-2026-DEMO01',
        lead_organisation_id: worker.user.organisationId,
        opened_at: new Date('2026-11-03T10:00:00Z'),
        minor: false,
        age: 40,
        gender: 'male',
        nationality: 'VN',
        exploitation: JSON.stringify([{ form: 'travail', from: '2026-02-01', country: 'VN' }]),
        identity_names: 'Nom de démonstration',
        is_demo: true,
      })
      .execute();
    // The first file came from an alert (indicators: debt, documents kept) and was referred to child protection.
    const alert = await ctx.core.db
      .insertInto('alerts')
      .values({
        reference: 'ALR-RECHERCHE-1',
        reporter_user_id: frontline.id,
        reporter_organisation_id: frontline.organisationId,
        context: 'aeroport',
        place_kind: 'departement',
        departement_code: '95',
        person_count: 1,
        has_minor: true,
        indicators: ['dette', 'documents_tiers'],
        consent: 'minor',
        description: FREE_TEXT[0]!,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const now = ctx.clock.now();
    await ctx.core.db
      .insertInto('case_links')
      .values({ case_id: caseIds[0]!, kind: 'alert', target_id: alert.id, linked_at: now })
      .execute();
    await ctx.core.db
      .insertInto('case_events')
      .values({
        case_id: caseIds[0]!,
        category: 'runaway',
        kind: 'runaway',
        occurred_on: '2026-11-20',
        note: FREE_TEXT[1]!,
      })
      .execute();
    const ase = await ctx.core.db
      .insertInto('organisations')
      .values({ name: 'ASE de recherche test', type: 'ase', departement_code: '75' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.core.db
      .insertInto('case_referrals')
      .values({
        case_id: caseIds[0]!,
        kind: 'referral',
        from_organisation_id: worker.user.organisationId,
        to_organisation_id: ase.id,
        parts: ['profile'],
        status: 'accepted',
        reason: FREE_TEXT[2]!,
        created_at: now,
        decided_at: now,
      })
      .execute();
    adminClient = await ctx.signIn(admin);
    coordinatorClient = await ctx.signIn(coordinator);
  });
  after(() => ctx.close());

  test('the mapping covers every HTCDS core field, and the vocabularies of the shared HTCDS files', () => {
    assert.match(read('HTCDS Field Column Reference.md'), /### Core\nCore indicates/);
    const mapped = new Map(HTCDS_MAPPING.map((f) => [f.field, f]));
    assert.deepEqual(
      CORE.filter((f) => !mapped.get(f)?.core),
      [],
      'core fields without a mapping',
    );
    const fr = translator('fr');
    const en = translator('en');
    for (const f of HTCDS_MAPPING) {
      if (f.status === 'withheld' || f.status === 'notCollected')
        assert.ok(f.reason, `${f.field} says why it is not exported`);
      else assert.ok(EXPORT_COLUMNS.includes(f.column ?? f.field), `${f.field} is a column`);
      const key = f.reason
        ? `statistics.research.reasons.${f.reason}`
        : `statistics.research.mapping.${f.field}`;
      for (const t of [fr, en]) assert.notEqual(t(key), key, `${key} has a text`);
    }
    const definitions = read('Field Definitions.md');
    const controls = tableUnder(definitions, 'Methods Of Control');
    assert.equal(controls.length, 17);
    for (const field of controls)
      assert.ok(field.replace(/^MethodsOfControl/, '') in METHODS_OF_CONTROL, field);
    for (const label of tableUnder(definitions, 'Trafficking Status')) {
      const value = label
        .split(/\s+/)
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join('');
      assert.ok((TRAFFICKING_STATUS_VALUES as readonly string[]).includes(value), label);
    }
    const industries = tableUnder(definitions, 'Labour Industry (TIER 1)');
    assert.equal(industries.length, 21);
    assert.deepEqual(
      industries.filter((i) => !(LABOUR_INDUSTRY_VALUES as readonly string[]).includes(i)),
      [],
    );
  });

  test('de-identification rules: age bands, nationalities below 11 generalised to a region, then to Other', () => {
    assert.equal(ageBand(16, true), '9--17');
    assert.equal(ageBand(48, false), '48+');
    assert.equal(ageBand(null, true), '0--17');
    assert.equal(ageBand(null, false), '');
    assert.deepEqual(
      COUNTRY_CODES.filter((c) => regionOf(c) === 'Other'),
      ['AQ'],
    );
    const input = [...Array(11).fill('RO'), ...Array(6).fill('NG'), ...Array(5).fill('CI'), 'VN', 'BR', null];
    const out = generaliseNationalities(input);
    assert.deepEqual(out.slice(0, 11), Array(11).fill('RO'));
    assert.deepEqual(out.slice(11, 22), Array(11).fill('Africa'));
    assert.deepEqual(out.slice(22), ['Other', 'Other', '']);
    // Months are Paris months, as the export's period: 1 April at 00:30 in Paris is April (22:30 UTC on 31 March).
    assert.equal(yearMonth(new Date('2026-03-31T22:30:00Z')), '2026-04');
  });

  test('an account without an authorisation in force gets 403 and is told how to get one', async () => {
    const page = await coordinatorClient.get('/pro/statistiques/recherche');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /pas d’autorisation de recherche en cours/);
    assert.match(page.body, /prs_Nationality/);
    assert.doesNotMatch(page.body, /action="\/pro\/statistiques\/recherche\/export"/);
    const refused = await coordinatorClient.postForm('/pro/statistiques/recherche/export', {
      du: '2026-11',
      au: '2026-11',
      format: 'csv',
    });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Écrivez à un administrateur national/);
    const json = await coordinatorClient.send('POST', '/pro/statistiques/recherche/export', {
      du: '2026-11',
      au: '2026-11',
      format: 'csv',
    });
    assert.equal(json.statusCode, 403);
    assert.match(String(json.headers['content-type']), /application\/problem\+json/);
    // A frontline account is refused before anything is read.
    const other = await ctx.signIn(frontline);
    assert.equal((await other.get('/pro/statistiques/recherche')).statusCode, 403);
  });

  test('granting: another national administrator, a research role, a purpose and a near end; audited without the purpose', async () => {
    const purpose = 'Étude sur les parcours de sortie des mineurs victimes, équipe du laboratoire test';
    const bad = async (fields: Record<string, string>, pattern: RegExp) => {
      const response = await adminClient.postForm('/pro/statistiques/recherche/autorisations', {
        email: coordinator.email,
        purpose,
        until: '2027-06-30',
        ...fields,
      });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, pattern);
      assert.match(response.body, /fr-input-group--error/);
    };
    await bad({ email: admin.email }, /un autre administrateur national doit le faire/);
    await bad(
      { email: frontline.email },
      /pas de rôle de coordination ou d’administration à l’échelle nationale/,
    );
    // A departmental coordinator: the export covers the whole country.
    const departmental = await ctx.createUser({ role: 'coordinator', departements: '75' });
    await bad({ email: departmental.email }, /à l’échelle nationale/);
    await bad({ purpose: 'trop court' }, /20 à 1 000 caractères/);
    await bad({ until: '2026-11-25' }, /ne peut pas être passé/);
    await bad({ until: '2028-01-31' }, /au plus un an/);
    await bad({ until: '2027-02-30' }, /date valide/);

    const granted = await adminClient.postForm('/pro/statistiques/recherche/autorisations', {
      email: coordinator.email,
      purpose,
      until: '2026-11-27',
    });
    assert.equal(granted.statusCode, 303, granted.body);
    const event = await ctx.core.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'statistics.research.grant')
      .executeTakeFirstOrThrow();
    assert.equal(event.actor_user_id, admin.id);
    assert.equal(event.details.userId, coordinator.id);
    assert.ok(
      !JSON.stringify(event.details).includes('laboratoire'),
      'the purpose stays out of the audit trail',
    );
    const list = await adminClient.get('/pro/statistiques/recherche');
    assert.match(list.body, /Étude sur les parcours de sortie/);
    assert.match(list.body, /Révoquer/);
  });

  test('an export has the HTCDS columns and no identity, free text, exact date or stable identifier', async () => {
    const exportCsv = () =>
      coordinatorClient.postForm('/pro/statistiques/recherche/export', {
        du: '2026-10',
        au: '2026-11',
        format: 'csv',
      });
    const first = await exportCsv();
    assert.equal(first.statusCode, 200, first.body.slice(0, 400));
    assert.match(String(first.headers['content-type']), /^text\/csv/);
    assert.match(
      String(first.headers['content-disposition']),
      /attachment; filename="relais-htcds-2026-10_2026-11\.csv"/,
    );
    const [header, ...rows] = parseCsv(first.body);
    assert.deepEqual(header, [...EXPORT_COLUMNS]);
    for (const column of [
      'prs_Gender',
      'prs_Nationality',
      'vic_MethodsOfControl',
      'cas_Status',
      'cas_IncomingReferralDate',
    ])
      assert.ok(header!.includes(column), column);
    assert.equal(rows.length, 13);

    const forbidden = [
      ...Object.values(IDENTITY),
      ...FREE_TEXT,
      ...references,
      ...caseIds,
      'Nom en clair',
      'Nom de démonstration',
      'rk1.',
      '2026-11-26',
      '2026-05-14',
    ];
    for (const value of forbidden) assert.ok(!first.body.includes(value), `the export holds ${value}`);
    assert.doesNotMatch(first.body, /\d{4}-\d{2}-\d{2}/, 'no exact date');
    assert.doesNotMatch(
      first.body,
      /\b(NG|Africa)\b/,
      'two Nigerian files are fewer than 11: generalised to Other',
    );

    const col = (name: string) => header!.indexOf(name);
    const romanian = rows.filter((r) => r[col('prs_Nationality')] === 'RO');
    assert.equal(romanian.length, 11);
    assert.equal(romanian[0]![col('vic_LabourIndustry')], 'T_ActivitiesOfHouseholdsAsEmployers');
    assert.equal(romanian[0]![col('hte_Country')], 'ES');
    const minor = rows.find((r) => r[col('prs_AgeBand')] === '9--17')!;
    assert.equal(minor[col('prs_Nationality')], 'Other');
    assert.equal(minor[col('prs_Gender')], 'Female');
    assert.equal(minor[col('vic_MethodsOfControl')], 'DebtBondage;WithholdsDocuments');
    assert.equal(minor[col('vic_TypeOfExploitation')], 'SexualExploitation');
    // France is the country of exploitation of two files only: generalised like a nationality, and no region.
    assert.equal(minor[col('hte_Country')], 'Other');
    assert.equal(minor[col('hte_State')], '');
    assert.equal(minor[col('hte_Date')], '2026-05');
    assert.equal(
      minor[col('cas_ReferringOrganisation')],
      'NGO',
      'the reporter’s organisation is an association',
    );
    assert.equal(minor[col('cas_ReferredOrganisation')], 'LocalGovernmentOrganisation');
    assert.equal(minor[col('cas_IncomingReferralDate')], '2026-11');
    assert.equal(minor[col('rel_Runaway')], 'true');

    const second = await coordinatorClient.postForm('/pro/statistiques/recherche/export', {
      du: '2026-10',
      au: '2026-11',
      format: 'json',
    });
    assert.equal(second.statusCode, 200);
    assert.match(String(second.headers['content-type']), /^application\/json/);
    const json = second.json() as { columns: string[]; rows: Array<Record<string, unknown>> };
    assert.deepEqual(json.columns, [...EXPORT_COLUMNS]);
    assert.equal(json.rows.length, 13);
    const firstIds = new Set(rows.map((r) => r[col('cas_Id')]));
    assert.equal(firstIds.size, 13);
    assert.ok(
      json.rows.every(
        (r) => typeof r.cas_Id === 'string' && /^R-[0-9a-f]{12}$/.test(r.cas_Id) && !firstIds.has(r.cas_Id),
      ),
      'pseudonyms differ between exports',
    );
    for (const value of forbidden) assert.ok(!second.body.includes(value), `the JSON export holds ${value}`);

    const events = await ctx.core.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'statistics.research.export')
      .orderBy('id')
      .execute();
    assert.equal(events.length, 2);
    assert.deepEqual(events[0]!.details, { rows: 13, format: 'csv', from: '2026-10', to: '2026-11' });
    assert.equal(events[0]!.actor_user_id, coordinator.id);
    const trail = JSON.stringify(events.map((e) => e.details));
    for (const value of forbidden) assert.ok(!trail.includes(value), `the audit trail holds ${value}`);
  });

  test('bad input: a future period, a malformed month, an unknown format get DSFR errors or problem+json', async () => {
    const future = await coordinatorClient.postForm('/pro/statistiques/recherche/export', {
      du: '2026-11',
      au: '2026-12',
      format: 'csv',
    });
    assert.equal(future.statusCode, 422);
    assert.match(future.body, /ne peut pas se situer dans le futur/);
    assert.match(future.body, /fr-input-group--error/);
    const malformed = await coordinatorClient.postForm('/pro/statistiques/recherche/export', {
      du: '2026-13',
      au: '2026-11',
      format: 'xlsx',
    });
    assert.equal(malformed.statusCode, 422);
    assert.match(malformed.body, /AAAA-MM/);
    assert.match(malformed.body, /CSV ou JSON/);
    const order = await coordinatorClient.send('POST', '/pro/statistiques/recherche/export', {
      du: '2026-11',
      au: '2026-10',
      format: 'csv',
    });
    assert.equal(order.statusCode, 422);
    assert.match(String(order.headers['content-type']), /application\/problem\+json/);
    assert.deepEqual(
      order.json().errors.map((e: { field: string }) => e.field),
      ['au'],
    );
  });

  test('an expired or revoked authorisation is refused', async () => {
    ctx.clock.advance(2 * DAY);
    const coordinatorLater = await ctx.signIn(coordinator);
    const expired = await coordinatorLater.postForm('/pro/statistiques/recherche/export', {
      du: '2026-11',
      au: '2026-11',
      format: 'csv',
    });
    assert.equal(expired.statusCode, 403);

    const adminLater = await ctx.signIn(admin);
    const again = await adminLater.postForm('/pro/statistiques/recherche/autorisations', {
      email: coordinator.email,
      purpose: 'Deuxième étude sur les parcours de sortie, équipe du laboratoire test',
      until: '2027-03-31',
    });
    assert.equal(again.statusCode, 303);
    assert.equal(
      (
        await coordinatorLater.postForm('/pro/statistiques/recherche/export', {
          du: '2026-11',
          au: '2026-11',
          format: 'json',
        })
      ).statusCode,
      200,
    );
    const active = await ctx.core.db
      .selectFrom('research_authorisations')
      .select('id')
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', ctx.clock.now())
      .executeTakeFirstOrThrow();
    const revoked = await adminLater.postForm(
      `/pro/statistiques/recherche/autorisations/${active.id}/revocation`,
      {},
    );
    assert.equal(revoked.statusCode, 303);
    assert.equal(
      (
        await coordinatorLater.postForm('/pro/statistiques/recherche/export', {
          du: '2026-11',
          au: '2026-11',
          format: 'csv',
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (await adminLater.postForm(`/pro/statistiques/recherche/autorisations/${active.id}/revocation`, {}))
        .statusCode,
      404,
    );
    const { rows } = await sql<{
      action: string;
    }>`SELECT action FROM audit_events WHERE action LIKE 'statistics.research.%' ORDER BY id`.execute(
      ctx.core.db,
    );
    assert.deepEqual(
      rows.map((r) => r.action),
      [
        'statistics.research.grant',
        'statistics.research.export',
        'statistics.research.export',
        'statistics.research.grant',
        'statistics.research.export',
        'statistics.research.revoke',
      ],
    );
  });
});
