import { sql } from 'kysely';
import type { Actor } from '../../../src/platform/auth/roles.js';
import type { TestContext, TestUser } from '../../support/app.js';

/**
 * A known small world for the dashboards, inserted in SQL with exact instants (the fake clock is set to
 * 2026-11-20): alerts in Paris (75) and Marseille (13), a Paris desk, placements, OPP clocks, case files of a
 * Gironde organisation and of a Paris one, training certificates. The expected figures are written in the tests.
 */
export const NOW = '2026-11-20T10:00:00.000Z';
export const PERIOD = { from: '2026-01-01', to: '2026-11-20' };
const HOUR = 3_600_000;

export interface World {
  coordinator75: TestUser;
  coordinator13: TestUser;
  national: TestUser;
  deskMember: TestUser;
  hostStaff: TestUser;
  caseWorker: TestUser;
  trainer: TestUser;
  frontline: TestUser;
  actor(user: TestUser): Promise<Actor>;
}

/** `setClock: false` keeps the wall clock (a real browser drops cookies dated by a clock set in the past). */
export async function buildWorld(ctx: TestContext, options: { setClock?: boolean } = {}): Promise<World> {
  if (options.setClock !== false) ctx.clock.set(NOW);
  const db = ctx.core.db;
  const coordinator75 = await ctx.createUser({ role: 'coordinator', departements: '75' });
  const coordinator13 = await ctx.createUser({ role: 'coordinator', departements: '13' });
  const national = await ctx.createUser({ role: 'coordinator' });
  const deskMember = await ctx.createUser({
    role: 'duty_desk',
    departements: '75',
    organisation: { name: 'Parquet des mineurs (essai)', type: 'parquet', departement: '75' },
  });
  const hostStaff = await ctx.createUser({
    role: 'host_staff',
    scopeKind: 'organisation',
    organisation: { name: 'Foyer d’essai', type: 'structure_accueil', departement: '75' },
  });
  const caseWorker = await ctx.createUser({
    role: 'case_worker',
    scopeKind: 'organisation',
    organisation: { name: 'Suivi d’essai', type: 'association', departement: '33' },
  });
  const trainer = await ctx.createUser({ role: 'trainer' });
  const frontline = await ctx.createUser({ role: 'frontline', airport: 'CDG' });
  const other75 = await ctx.createUser({
    role: 'case_worker',
    scopeKind: 'organisation',
    organisation: { name: 'Association parisienne d’essai', type: 'association', departement: '75' },
  });
  const host13 = await ctx.createUser({
    role: 'host_staff',
    scopeKind: 'organisation',
    organisation: { name: 'Foyer marseillais d’essai', type: 'structure_accueil', departement: '13' },
  });

  const at = (iso: string) => new Date(iso);
  const plus = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR);

  const desk75 = (
    await db
      .insertInto('desks')
      .values({
        organisation_id: deskMember.organisationId,
        name: 'Permanence d’essai 75',
        departements: ['75'],
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const desk13 = (
    await db
      .insertInto('desks')
      .values({ organisation_id: host13.organisationId, name: 'Permanence d’essai 13', departements: ['13'] })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db.insertInto('desk_members').values({ desk_id: desk75, user_id: deskMember.id }).execute();

  let serial = 0;
  const alert = async (a: {
    dep: string;
    context: string;
    minor: boolean;
    forms: string[];
    created: string;
    ackHours?: number;
    takeOverHours?: number;
    persons: Array<{ minor: 'yes' | 'no' | 'unknown'; nationality: string | null }>;
    desk?: string;
  }) => {
    const id = (
      await db
        .insertInto('alerts')
        .values({
          reference: `ESSAI-STAT-${++serial}`,
          reporter_user_id: frontline.id,
          reporter_organisation_id: frontline.organisationId,
          context: a.context,
          place_kind: 'departement',
          departement_code: a.dep,
          person_count: a.persons.length,
          has_minor: a.minor,
          exploitation_forms: a.forms,
          consent: a.minor ? 'minor' : 'adult_agrees',
          status:
            a.takeOverHours !== undefined
              ? 'in_progress'
              : a.ackHours !== undefined
                ? 'acknowledged'
                : 'open',
          acknowledged_at: a.ackHours === undefined ? null : plus(a.created, a.ackHours),
          created_at: at(a.created),
          updated_at: at(a.created),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto('alert_persons')
      .values(
        a.persons.map((p, i) => ({
          alert_id: id,
          position: i,
          minor: p.minor,
          gender: 'unknown',
          nationality: p.nationality,
        })),
      )
      .execute();
    if (a.desk)
      await db
        .insertInto('alert_recipients')
        .values({ alert_id: id, desk_id: a.desk, role: 'responder', routed_at: at(a.created) })
        .execute();
    if (a.takeOverHours !== undefined)
      await db
        .insertInto('alert_events')
        .values({
          alert_id: id,
          occurred_at: plus(a.created, a.takeOverHours),
          kind: 'taken_over',
          desk_id: a.desk ?? null,
        })
        .execute();
    return id;
  };

  const a1 = await alert({
    dep: '75',
    context: 'aeroport',
    minor: true,
    forms: ['sexuelle'],
    created: '2026-02-10T10:00:00Z',
    ackHours: 1,
    takeOverHours: 3,
    persons: [{ minor: 'yes', nationality: 'NG' }],
    desk: desk75,
  });
  await alert({
    dep: '75',
    context: 'voie_publique',
    minor: false,
    forms: ['travail_force', 'mendicite'],
    created: '2026-03-05T10:00:00Z',
    ackHours: 3,
    persons: [
      { minor: 'no', nationality: 'RO' },
      { minor: 'no', nationality: 'RO' },
    ],
    desk: desk75,
  });
  await alert({
    dep: '75',
    context: 'domicile',
    minor: false,
    forms: [],
    created: '2026-03-20T10:00:00Z',
    persons: [{ minor: 'unknown', nationality: null }],
  });
  await alert({
    dep: '13',
    context: 'aeroport',
    minor: true,
    forms: ['sexuelle'],
    created: '2026-04-01T10:00:00Z',
    ackHours: 5,
    takeOverHours: 10,
    persons: [{ minor: 'yes', nationality: 'NG' }],
    desk: desk13,
  });
  // Before the period: counted nowhere.
  await alert({
    dep: '75',
    context: 'aeroport',
    minor: false,
    forms: ['sexuelle'],
    created: '2025-06-01T10:00:00Z',
    ackHours: 100,
    persons: [{ minor: 'no', nationality: 'FR' }],
    desk: desk75,
  });

  const commune = async (dep: string) =>
    (
      await db
        .selectFrom('communes')
        .select('code')
        .where('departement_code', '=', dep)
        .orderBy('code')
        .executeTakeFirstOrThrow()
    ).code;
  const offer = async (
    organisationId: string,
    dep: string,
    capacity: number,
    publicKind: 'femmes' | 'mineures',
  ) =>
    (
      await db
        .insertInto('host_offers')
        .values({
          organisation_id: organisationId,
          name: `Offre d’essai ${dep}`,
          public: publicKind,
          capacity,
          specialisation: 'teh',
          commune_code: await commune(dep),
          departement_code: dep,
          latitude: 48.85,
          longitude: 2.35,
          capacity_confirmed_at: at(NOW),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const offer75 = await offer(hostStaff.organisationId, '75', 4, 'femmes');
  const offer13 = await offer(host13.organisationId, '13', 3, 'mineures');
  const placement = async (p: {
    offer: string;
    alert?: string;
    status: 'started' | 'refused' | 'held';
    created: string;
    acceptedHours?: number;
    startedHours?: number;
    holdExpires?: string;
  }) =>
    db
      .insertInto('placements')
      .values({
        reference: `PL-ESSAI-${++serial}`,
        offer_id: p.offer,
        profile: '{}',
        alert_id: p.alert ?? null,
        status: p.status,
        requested_by: deskMember.id,
        requested_by_organisation: deskMember.organisationId,
        hold_expires_at: at(p.holdExpires ?? p.created),
        accepted_at: p.acceptedHours === undefined ? null : plus(p.created, p.acceptedHours),
        started_at: p.startedHours === undefined ? null : plus(p.created, p.startedHours),
        created_at: at(p.created),
        updated_at: at(p.created),
      })
      .execute();
  // The first Paris alert's placement starts 30 hours after the alert.
  await placement({
    offer: offer75,
    alert: a1,
    status: 'started',
    created: '2026-02-10T10:00:00Z',
    acceptedHours: 20,
    startedHours: 30,
  });
  await placement({ offer: offer13, status: 'refused', created: '2026-04-02T10:00:00Z' });
  await placement({
    offer: offer75,
    status: 'held',
    created: '2026-11-19T10:00:00Z',
    holdExpires: '2026-11-21T10:00:00Z',
  });

  const opp = async (o: { referred: string; orderedHours?: number; withdrawn?: boolean }) =>
    db
      .insertInto('opp_procedures')
      .values({
        reference: `OPP-ESSAI-${++serial}`,
        desk_id: desk75,
        referred_at: at(o.referred),
        deadline_at: plus(o.referred, 48),
        ordered_at: o.orderedHours === undefined ? null : plus(o.referred, o.orderedHours),
        withdrawn_at: o.withdrawn ? plus(o.referred, 2) : null,
        withdrawn_reason: o.withdrawn ? 'adult' : null,
        created_by: deskMember.id,
      })
      .execute();
  await opp({ referred: '2026-02-10T12:00:00Z', orderedHours: 20 });
  await opp({ referred: '2026-03-01T12:00:00Z', orderedHours: 60 });
  await opp({ referred: '2026-03-10T12:00:00Z' });
  await opp({ referred: '2026-03-15T12:00:00Z', withdrawn: true });

  const file = async (f: {
    lead: string;
    opened: string;
    closed?: string;
    outcome?: 'autonomy' | 'contact_lost';
    events: Array<['runaway' | 'proceedings', string, string, Record<string, unknown>?]>;
  }) => {
    const id = (
      await db
        .insertInto('cases')
        .values({
          reference: `TEH-ESSAI-${++serial}`,
          status: f.closed ? 'closed' : 'open',
          lead_organisation_id: f.lead,
          opened_at: at(f.opened),
          minor: false,
          closed_at: f.closed ? at(f.closed) : null,
          outcome: f.outcome ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto('case_organisations')
      .values({ case_id: id, organisation_id: f.lead, role: 'lead', parts: [], since: at(f.opened) })
      .execute();
    for (const [category, kind, on, details] of f.events)
      await db
        .insertInto('case_events')
        .values({ case_id: id, category, kind, occurred_on: on, details: JSON.stringify(details ?? {}) })
        .execute();
  };
  await file({
    lead: caseWorker.organisationId,
    opened: '2026-01-15T10:00:00Z',
    closed: '2026-04-01T10:00:00Z',
    outcome: 'autonomy',
    events: [
      ['runaway', 'runaway', '2026-02-01'],
      ['runaway', 'return', '2026-02-05'],
      ['proceedings', 'trial', '2026-03-10', { present: true }],
    ],
  });
  await file({
    lead: caseWorker.organisationId,
    opened: '2026-03-01T10:00:00Z',
    events: [['proceedings', 'trial', '2026-04-10', { present: false }]],
  });
  await file({
    lead: other75.organisationId,
    opened: '2026-02-01T10:00:00Z',
    closed: '2026-03-01T10:00:00Z',
    outcome: 'contact_lost',
    events: [['runaway', 'runaway', '2026-02-20']],
  });

  const course = (
    await db
      .insertInto('courses')
      .values({
        slug: 'cours-statistiques',
        title: 'Cours compté',
        audiences: ['police_gendarmerie'],
        format: 'distance',
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const certificate = async (
    kind: 'session' | 'distance',
    category: string,
    dep: string | null,
    issued: string,
  ) => {
    const user = await ctx.createUser({ role: 'frontline' });
    await db
      .insertInto('training_certificates')
      .values({
        user_id: user.id,
        course_id: course,
        session_id: null,
        kind,
        category,
        departement_code: dep,
        issued_at: at(issued),
      })
      .execute();
  };
  await certificate('distance', 'police_gendarmerie', '75', '2026-05-03T10:00:00Z');
  await certificate('distance', 'police_gendarmerie', '13', '2026-05-04T10:00:00Z');
  await certificate('distance', 'magistrature', '75', '2026-06-01T10:00:00Z');
  await sql`ANALYZE`.execute(db);

  return {
    coordinator75,
    coordinator13,
    national,
    deskMember,
    hostStaff,
    caseWorker,
    trainer,
    frontline,
    actor: async (user) =>
      (await ctx.core.sessions.loadActor(user.id, 'token', {
        mfaVerified: true,
        sessionId: null,
        tokenScopes: null,
      }))!,
  };
}
