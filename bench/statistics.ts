import fs from 'node:fs';
import { type Kysely, sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { openCore } from '../src/core.js';
import { ALERT_CONTEXTS } from '../src/modules/alerts/reference.js';
import { EXPLOITATION_FORMS } from '../src/modules/reference/index.js';
import type { DashboardFilter } from '../src/modules/statistics/dashboards-model.js';
import type { DashboardKey } from '../src/modules/statistics/dashboards-scope.js';
import { CATEGORIES } from '../src/modules/training/reference.js';
import type { Actor, Grant } from '../src/platform/auth/roles.js';
import type { DB } from '../src/platform/db/schema.js';
import { benchTargets, runStats, type RunStats } from './lib/targets.js';

/**
 * Issue 10: the dashboards over 200,000 generated alerts (with their people, acknowledgement and take-over events,
 * routing to a Paris desk), 30,000 placements on 2,000 offers, 5,000 OPP clocks, 50,000 case files with ~4 journal
 * entries each, and training certificates, spread over three years and every département. Generated in bulk by
 * INSERT … SELECT generate_series on one connection (setseed: the same data each time), then ANALYZE. Each
 * dashboard (all its charts, the default period of twelve months) is computed by the service for a national
 * coordinator, the Paris coordinator and the role whose own reach it is; p50/p95 over `runs` after `warmup`.
 */

/** Three years of history. */
const span = sql.raw("interval '1095 days'");
const NATIONALITIES = [
  'RO',
  'BG',
  'NG',
  'CN',
  'VN',
  'MA',
  'DZ',
  'AL',
  'UA',
  'BR',
  'ER',
  'CI',
  'GN',
  'FR',
  'PH',
];

interface World {
  alerts: number;
  persons: number;
  events: number;
  placements: number;
  offers: number;
  opp: number;
  cases: number;
  caseEvents: number;
  certificates: number;
  deskMember: string;
  hostOrganisation: string;
  caseOrganisation: string;
  anyOrganisation: string;
}

const count = async (db: Kysely<DB>, table: string) =>
  Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db)).rows[0]!.n,
  );

async function generate(db: Kysely<DB>, options: { alerts: number; cases: number }): Promise<World> {
  return db.connection().execute(async (c) => {
    const run = (statement: ReturnType<typeof sql>) => statement.execute(c);
    await run(sql`SELECT setseed(0.42)`);
    await run(sql`INSERT INTO organisations (name, type, departement_code, is_demo)
      SELECT 'Organisation de banc d’essai statistiques n° ' || g, CASE WHEN g % 4 = 0 THEN 'structure_accueil' ELSE 'association' END,
        d.codes[1 + (g % cardinality(d.codes))], true
      FROM generate_series(1, 200) g, (SELECT array_agg(code ORDER BY code) AS codes FROM departements) d`);
    const orgs = (
      await sql<{
        id: string;
        type: string;
      }>`SELECT id, type FROM organisations WHERE name LIKE 'Organisation de banc d’essai statistiques%' ORDER BY name`.execute(
        c,
      )
    ).rows;
    const anyOrganisation = orgs[0]!.id;
    const users = await sql<{ id: string }>`INSERT INTO users (email, display_name, organisation_id, is_demo)
      SELECT 'banc-statistiques-' || g || '@demo.relais.test', 'Banc statistiques ' || g, ${anyOrganisation}::uuid, true
      FROM generate_series(1, 300) g RETURNING id`.execute(c);
    const reporter = users.rows[0]!.id;
    const deskMember = users.rows[1]!.id;
    const desk = (
      await sql<{ id: string }>`INSERT INTO desks (organisation_id, name, departements, is_demo)
      VALUES (${anyOrganisation}::uuid, 'Permanence de banc d’essai statistiques 75', ARRAY['75'], true) RETURNING id`.execute(
        c,
      )
    ).rows[0]!.id;
    await run(sql`INSERT INTO desk_members (desk_id, user_id) VALUES (${desk}::uuid, ${deskMember}::uuid)`);

    // Alerts: a quarter in Paris, the rest anywhere; 85 % acknowledged within hours, 30 % taken over.
    await run(sql`INSERT INTO alerts (reference, reporter_user_id, reporter_organisation_id, context, place_kind, departement_code,
        person_count, has_minor, exploitation_forms, consent, status, acknowledged_at, created_at, updated_at)
      SELECT 'BENCH-STAT-' || g, ${reporter}::uuid, ${anyOrganisation}::uuid, (${[...ALERT_CONTEXTS]}::text[])[1 + floor(r.r1 * 9)::int], 'departement',
        CASE WHEN r.r2 < 0.25 THEN '75' ELSE d.codes[1 + floor(r.r3 * cardinality(d.codes))::int] END,
        1 + (r.r4 < 0.3)::int, r.r5 < 0.3,
        ARRAY[(${[...EXPLOITATION_FORMS]}::text[])[1 + floor(r.r3 * 7)::int]] || CASE WHEN r.r1 > 0.8 THEN ARRAY[(${[...EXPLOITATION_FORMS]}::text[])[1 + floor(r.r4 * 7)::int]] ELSE '{}'::text[] END,
        CASE WHEN r.r5 < 0.3 THEN 'minor' ELSE 'adult_agrees' END,
        CASE WHEN r.r6 < 0.3 THEN 'in_progress' WHEN r.r6 < 0.85 THEN 'acknowledged' ELSE 'open' END,
        CASE WHEN r.r6 < 0.85 THEN r.at + r.r7 * r.r7 * interval '48 hours' END, r.at, r.at
      FROM generate_series(1, ${options.alerts}) g
      CROSS JOIN LATERAL (SELECT random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
        random() AS r7, now() - (random() + g * 0) * ${span} AS at) r,
      (SELECT array_agg(code ORDER BY code) AS codes FROM departements) d`);
    await run(sql`INSERT INTO alert_persons (alert_id, position, minor, gender, nationality)
      SELECT a.id, p, CASE WHEN a.has_minor AND p = 0 THEN 'yes' ELSE 'no' END, 'unknown',
        CASE WHEN random() < 0.9 THEN (${NATIONALITIES}::text[])[1 + floor(random() * 15)::int] END
      FROM alerts a CROSS JOIN LATERAL generate_series(0, a.person_count - 1) p WHERE a.reference LIKE 'BENCH-STAT-%'`);
    await run(sql`INSERT INTO alert_recipients (alert_id, desk_id, role, routed_at)
      SELECT id, ${desk}::uuid, 'responder', created_at FROM alerts WHERE reference LIKE 'BENCH-STAT-%' AND departement_code = '75'`);
    await run(sql`INSERT INTO alert_events (alert_id, occurred_at, kind, desk_id)
      SELECT id, created_at, 'raised', NULL::uuid FROM alerts WHERE reference LIKE 'BENCH-STAT-%'
      UNION ALL SELECT id, acknowledged_at, 'acknowledged', NULL FROM alerts WHERE reference LIKE 'BENCH-STAT-%' AND acknowledged_at IS NOT NULL
      UNION ALL SELECT id, acknowledged_at + random() * interval '12 hours', 'taken_over', NULL FROM alerts WHERE reference LIKE 'BENCH-STAT-%' AND status = 'in_progress'`);

    // Offers of the structures, one commune per département; placements, 40 % coming from an alert.
    await run(sql`INSERT INTO host_offers (organisation_id, name, public, capacity, specialisation, commune_code, departement_code,
        latitude, longitude, capacity_confirmed_at, is_demo)
      SELECT o.ids[1 + (g % cardinality(o.ids))], 'Offre de banc d’essai statistiques ' || g,
        (ARRAY['mineures', 'mineurs', 'femmes', 'hommes', 'familles'])[1 + (g % 5)], 1 + floor(random() * 20)::int, 'teh',
        cm.communes[1 + (g % cardinality(cm.communes))], cm.deps[1 + (g % cardinality(cm.deps))], 46.5, 2.5, now(), true
      FROM generate_series(1, 2000) g
      CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM organisations
        WHERE name LIKE 'Organisation de banc d’essai statistiques%' AND type = 'structure_accueil') o
      CROSS JOIN (SELECT array_agg(code ORDER BY departement_code) AS communes, array_agg(departement_code ORDER BY departement_code) AS deps
        FROM (SELECT DISTINCT ON (departement_code) code, departement_code FROM communes ORDER BY departement_code, code) x) cm`);
    await run(sql`INSERT INTO placements (reference, offer_id, alert_id, status, requested_by, requested_by_organisation, hold_expires_at,
        accepted_at, started_at, ended_at, end_reason, created_at, updated_at)
      SELECT 'PL-BENCH-STAT-' || g, o.ids[1 + floor(r.r1 * cardinality(o.ids))::int], a.id, r.status, ${reporter}::uuid,
        og.ids[1 + floor(r.r2 * cardinality(og.ids))::int],
        r.created + CASE WHEN r.status = 'held' THEN interval '30 days' ELSE interval '2 hours' END,
        CASE WHEN r.status IN ('accepted', 'started', 'ended') THEN r.created + interval '3 hours' END,
        CASE WHEN r.status IN ('started', 'ended') THEN r.created + r.r3 * interval '72 hours' END,
        CASE WHEN r.status = 'ended' THEN r.created + interval '10 days' + r.r3 * interval '60 days' END,
        CASE WHEN r.status = 'ended' THEN (ARRAY['orientation', 'autonomy', 'runaway', 'transfer', 'other'])[1 + floor(r.r4 * 5)::int] END,
        r.created, r.created
      FROM generate_series(1, 30000) g
      CROSS JOIN LATERAL (SELECT random() + g * 0 AS r0, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
        (ARRAY['held', 'refused', 'expired', 'cancelled', 'accepted', 'started', 'ended'])[1 + floor(random() * 7)::int] AS status) r0
      LEFT JOIN alerts a ON r0.r0 < 0.4 AND a.reference = 'BENCH-STAT-' || (1 + floor(r0.r1 * ${options.alerts}))::int
      CROSS JOIN LATERAL (SELECT r0.*, COALESCE(a.created_at + interval '5 hours', now() - r0.r3 * ${span}) AS created) r
      CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM host_offers WHERE name LIKE 'Offre de banc%') o
      CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM organisations WHERE name LIKE 'Organisation de banc d’essai statistiques%') og`);
    await run(sql`INSERT INTO opp_procedures (reference, desk_id, referred_at, deadline_at, ordered_at, withdrawn_at, withdrawn_reason, created_by)
      SELECT 'OPP-BENCH-STAT-' || g, ${desk}::uuid, r.at, r.at + interval '48 hours',
        CASE WHEN r.r1 < 0.7 THEN r.at + r.r2 * interval '72 hours' END,
        CASE WHEN r.r1 >= 0.9 THEN r.at + interval '6 hours' END, CASE WHEN r.r1 >= 0.9 THEN 'adult' END, ${reporter}::uuid
      FROM generate_series(1, 5000) g
      CROSS JOIN LATERAL (SELECT random() + g * 0 AS r1, random() AS r2, now() - random() * ${span} AS at) r`);

    // Case files: 60 % closed with an outcome; a support entry, runaways, returns, trials, the closure.
    await run(sql`INSERT INTO cases (reference, status, lead_organisation_id, opened_at, minor, nationality, closed_at, outcome, is_demo, created_at)
      SELECT 'TEH-BENCH-STAT-' || g, CASE WHEN r.r1 < 0.6 THEN 'closed' ELSE 'open' END,
        og.ids[1 + floor(r.r2 * cardinality(og.ids))::int], r.at, r.r3 < 0.35, (${NATIONALITIES}::text[])[1 + floor(r.r4 * 15)::int],
        CASE WHEN r.r1 < 0.6 THEN least(now(), r.at + interval '30 days' + r.r4 * interval '400 days') END,
        CASE WHEN r.r1 < 0.6 THEN (ARRAY['autonomy', 'lasting_housing', 'employment', 'voluntary_return', 'contact_lost', 'transferred'])[1 + floor(r.r3 * 6)::int] END,
        true, r.at
      FROM generate_series(1, ${options.cases}) g
      CROSS JOIN LATERAL (SELECT random() + g * 0 AS r1, random() AS r2, random() AS r3, random() AS r4, now() - random() * ${span} AS at) r
      CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM organisations WHERE name LIKE 'Organisation de banc d’essai statistiques%') og`);
    await run(sql`INSERT INTO case_organisations (case_id, organisation_id, role, since)
      SELECT id, lead_organisation_id, 'lead', opened_at FROM cases WHERE reference LIKE 'TEH-BENCH-STAT-%'`);
    await run(sql`INSERT INTO case_events (case_id, category, kind, occurred_on, details, organisation_id)
      SELECT c.id, e.category, e.kind, (least(now(), c.opened_at + e.after) AT TIME ZONE 'Europe/Paris')::date, e.details, c.lead_organisation_id
      FROM cases c CROSS JOIN LATERAL (VALUES
        ('support', 'legal', interval '0 days', '{}'::jsonb, true),
        ('runaway', 'runaway', interval '20 days', '{}'::jsonb, random() + (c.id IS NULL)::int < 0.3),
        ('runaway', 'return', interval '25 days', '{}'::jsonb, random() + (c.id IS NULL)::int < 0.2),
        ('proceedings', 'trial', interval '200 days', jsonb_build_object('present', random() < 0.6), random() + (c.id IS NULL)::int < 0.3),
        ('closure', 'closure', COALESCE(c.closed_at - c.opened_at, interval '0'), jsonb_build_object('outcome', c.outcome), c.closed_at IS NOT NULL)
      ) AS e(category, kind, after, details, keep)
      WHERE c.reference LIKE 'TEH-BENCH-STAT-%' AND e.keep`);

    // Training: 60 courses, certificates for about a third of (trainee, course) pairs.
    await run(sql`INSERT INTO courses (slug, title, audiences, format, status, is_demo)
      SELECT 'banc-statistiques-' || g, 'Formation de banc d’essai ' || g, ARRAY['police_gendarmerie'], 'distance', 'published', true
      FROM generate_series(1, 60) g`);
    await run(sql`INSERT INTO training_certificates (user_id, course_id, kind, category, departement_code, issued_at)
      SELECT u.id, co.id, CASE WHEN random() < 0.4 THEN 'session' ELSE 'distance' END, (${[...CATEGORIES]}::text[])[1 + floor(random() * 10)::int],
        d.codes[1 + floor(random() * cardinality(d.codes))::int], now() - random() * ${span}
      FROM users u CROSS JOIN courses co, (SELECT array_agg(code ORDER BY code) AS codes FROM departements) d
      WHERE u.email LIKE 'banc-statistiques-%' AND co.slug LIKE 'banc-statistiques-%' AND random() < 0.33`);
    await run(sql`ANALYZE`);

    const hostOrganisation = (
      await sql<{ id: string }>`SELECT organisation_id AS id FROM host_offers WHERE name LIKE 'Offre de banc%'
      GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`.execute(c)
    ).rows[0]!.id;
    const caseOrganisation = (
      await sql<{
        id: string;
      }>`SELECT lead_organisation_id AS id FROM cases WHERE reference LIKE 'TEH-BENCH-STAT-%'
      GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`.execute(c)
    ).rows[0]!.id;
    return {
      alerts: await count(db, 'alerts'),
      persons: await count(db, 'alert_persons'),
      events: await count(db, 'alert_events'),
      placements: await count(db, 'placements'),
      offers: await count(db, 'host_offers'),
      opp: await count(db, 'opp_procedures'),
      cases: await count(db, 'cases'),
      caseEvents: await count(db, 'case_events'),
      certificates: await count(db, 'training_certificates'),
      deskMember,
      hostOrganisation,
      caseOrganisation,
      anyOrganisation,
    };
  });
}

/** An actor as the session loader builds it, for the measures (no account lookup in the loop). */
function actorOf(userId: string, organisationId: string, grant: Omit<Grant, 'id'>): Actor {
  return {
    userId,
    email: 'banc@demo.relais.test',
    displayName: 'Banc',
    locale: 'fr',
    organisation: { id: organisationId, name: 'Banc', type: 'association', departement: null },
    grants: [{ id: '00000000-0000-4000-8000-000000000001', ...grant }],
    via: 'token',
    mfaVerified: true,
    totpEnabled: true,
    sessionId: null,
    tokenScopes: null,
  };
}

export async function statisticsBench(options: {
  alerts: number;
  cases: number;
  runs: number;
  warmup: number;
  databaseUrl: string | undefined;
}): Promise<string> {
  const targets = await benchTargets('statistics', options.databaseUrl);
  const rows: string[] = [];
  const generation: string[] = [];
  let world: World | undefined;
  for (const target of targets) {
    const step = (what: string) => process.stderr.write(`[bench statistics] ${target.label}: ${what}\n`);
    step('opening the database (migrations, geography)');
    const core = await openCore(loadConfig({ ...process.env, ...target.env, LOG_LEVEL: 'warn' }));
    step(`generating ${options.alerts} alerts and ${options.cases} case files`);
    const t0 = performance.now();
    world = await generate(core.db, options);
    const seconds = (performance.now() - t0) / 1000;
    generation.push(`${target.label}: ${seconds.toFixed(1)} s`);
    step(`generated in ${seconds.toFixed(1)} s`);

    const w = world;
    const actors = {
      national: actorOf(w.deskMember, w.anyOrganisation, {
        role: 'coordinator',
        scope: { kind: 'national' },
      }),
      paris: actorOf(w.deskMember, w.anyOrganisation, {
        role: 'coordinator',
        scope: { kind: 'departements', departements: ['75'] },
      }),
      desk: actorOf(w.deskMember, w.anyOrganisation, {
        role: 'duty_desk',
        scope: { kind: 'departements', departements: ['75'] },
      }),
      host: actorOf(w.deskMember, w.hostOrganisation, {
        role: 'host_staff',
        scope: { kind: 'organisation' },
      }),
      caseWorker: actorOf(w.deskMember, w.caseOrganisation, {
        role: 'case_worker',
        scope: { kind: 'organisation' },
      }),
      trainer: actorOf(w.deskMember, w.anyOrganisation, { role: 'trainer', scope: { kind: 'national' } }),
    };
    const plan: Array<[DashboardKey, keyof typeof actors, string]> = [
      ['alertes', 'national', 'national coordinator'],
      ['alertes', 'paris', 'coordinator 75'],
      ['alertes', 'desk', 'duty desk (its desk’s alerts)'],
      ['delais', 'national', 'national coordinator'],
      ['delais', 'paris', 'coordinator 75'],
      ['delais', 'desk', 'duty desk (its desk’s alerts)'],
      ['placements', 'national', 'national coordinator'],
      ['placements', 'paris', 'coordinator 75'],
      ['placements', 'host', 'host structure (its offers)'],
      ['suivis', 'national', 'national coordinator'],
      ['suivis', 'paris', 'coordinator 75'],
      ['suivis', 'caseWorker', 'case worker (its files)'],
      ['formations', 'trainer', 'trainer (national)'],
      ['formations', 'paris', 'coordinator 75'],
    ];
    const { dashboards } = core.services.statistics;
    const filter: DashboardFilter = dashboards.defaults();
    for (const [dashboard, who, label] of plan) {
      step(`${dashboard} × ${options.runs} (${label})`);
      const times: number[] = [];
      let errors = 0;
      let charts = 0;
      for (let i = 0; i < options.warmup + options.runs; i++) {
        const t = performance.now();
        try {
          charts = (await dashboards.charts(actors[who], dashboard, filter)).length;
        } catch (error) {
          errors++;
          if (errors <= 3) process.stderr.write(`[bench statistics] ${dashboard}: ${String(error)}\n`);
          continue;
        }
        if (i >= options.warmup) times.push(performance.now() - t);
      }
      const s: RunStats = runStats(times, errors);
      rows.push(
        `| ${target.label} | ${dashboard} (${charts} charts) | ${label} | ${s.runs} | ${s.errors} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.max.toFixed(1)} |`,
      );
    }
    await core.close();
    fs.rmSync(target.dataDir, { recursive: true, force: true });
  }
  const w = world!;
  return [
    `### ${w.alerts.toLocaleString('en')} alerts (${w.persons.toLocaleString('en')} people, ${w.events.toLocaleString('en')} timeline events), ${w.placements.toLocaleString('en')} placements on ${w.offers.toLocaleString('en')} offers, ${w.opp.toLocaleString('en')} OPP clocks, ${w.cases.toLocaleString('en')} case files (${w.caseEvents.toLocaleString('en')} journal entries), ${w.certificates.toLocaleString('en')} training certificates, over three years`,
    '',
    `Generation (INSERT … SELECT generate_series + ANALYZE): ${generation.join(', ')}. Each measure is one whole dashboard (every chart, default period: the last twelve months) computed by \`dashboards.charts\`, one at a time, after ${options.warmup} of warm-up.`,
    '',
    '| database | dashboard | scope | runs | errors | p50 ms | p95 ms | max ms |',
    '|---|---|---|---:|---:|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n');
}
