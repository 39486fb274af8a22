import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import { needsMfa } from '../../src/platform/auth/roles.js';
import { build, type Client, type TestContext, type TestUser } from '../support/app.js';
import { type Fixtures, MATRIX, type Outcome, PERSONA_SPECS, PERSONAS, type Persona } from './matrix.js';

function classify(status: number, location: string | undefined): Outcome {
  if (status === 401) return 'login';
  if (status >= 300 && status < 400 && location && (location === '/connexion' || location.startsWith('/connexion?'))) return 'login';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'hidden';
  return 'ok';
}

describe('role × route matrix', () => {
  let ctx: TestContext;
  let fixtures: Fixtures;
  const users = new Map<Persona, TestUser>();

  before(async () => {
    ctx = await build({ workers: false });
    for (const persona of PERSONAS) {
      if (persona === 'anonymous') continue;
      const spec = PERSONA_SPECS[persona];
      users.set(persona, await ctx.createUser({ ...spec, organisation: { name: `Organisation ${persona}`, type: 'association', departement: spec.departements?.split(',')[0] ?? '33' } }));
    }
    const user75 = await ctx.createUser({ role: 'duty_desk', departements: '75', organisation: { name: 'Association parisienne de la matrice', type: 'association', departement: '75' } });
    // Alerting: the national coordination desk (the national coordinator is a member), a Paris desk (the duty_desk
    // persona is a member) with its rule, another desk, and an alert raised in Paris by the frontline persona.
    const db = ctx.core.db;
    const insertDesk = async (name: string, organisationId: string, extra: { departements?: string[]; is_coordination?: boolean } = {}) =>
      (await db.insertInto('desks').values({ name, organisation_id: organisationId, ...extra }).returning('id').executeTakeFirstOrThrow()).id;
    const coordinationDesk = await insertDesk('Coordination de la matrice', users.get('coordinator')!.organisationId, { is_coordination: true });
    const desk75 = await insertDesk('Permanence parisienne de la matrice', user75.organisationId, { departements: ['75'] });
    const otherDesk = await insertDesk('Autre permanence parisienne', user75.organisationId, { departements: ['75'] });
    await db.insertInto('desk_members').values([
      { desk_id: coordinationDesk, user_id: users.get('coordinator')!.id },
      { desk_id: desk75, user_id: users.get('duty_desk')!.id },
    ]).execute();
    const rule75 = (await db.insertInto('routing_rules').values({ name: 'Paris (matrice)', departements: ['75'], desk_ids: [desk75] }).returning('id').executeTakeFirstOrThrow()).id;
    const reporter = users.get('frontline')!;
    const reporterActor = (await ctx.core.sessions.loadActor(reporter.id, 'token', { mfaVerified: true, sessionId: null, tokenScopes: null }))!;
    const freshAlert75 = async () =>
      (
        await ctx.core.services.alerts.intake.raise(reporterActor, { actorUserId: reporter.id, actorOrganisationId: null, requestId: 'matrice' }, {
          context: 'voie_publique',
          place: { commune: '75056' },
          persons: [{ minor: 'no', gender: 'female' }],
          consent: 'adult_refuses',
        })
      ).alert.id;
    // Placements: an open offer of the host_staff persona's structure in Bordeaux; holds on it asked by the duty desk;
    // a running OPP clock of the Paris desk.
    const audit = { actorUserId: null, actorOrganisationId: null, requestId: 'matrice' };
    const actorOf = async (persona: Persona) => (await ctx.core.sessions.loadActor(users.get(persona)!.id, 'token', { mfaVerified: true, sessionId: null, tokenScopes: null }))!;
    const { placements } = ctx.core.services;
    const offer33 = await placements.offers.create(await actorOf('host_staff'), audit, {
      name: 'Offre de la matrice',
      public: 'femmes',
      capacity: 500,
      specialisation: 'teh',
      commune: '33063',
    });
    const deskActor = await actorOf('duty_desk');
    const freshPlacement33 = async () => (await placements.reservations.reserve(deskActor, audit, { offerId: offer33, public: 'femmes' })).id;
    const opp75 = (await placements.opp.refer(deskActor, audit, { deskId: desk75 })).id;
    // Case files: the case_worker persona's organisation leads them; another organisation refers one to it.
    const { cases } = ctx.core.services;
    const workerActor = await actorOf('case_worker');
    const openCase = async () => {
      const created = await cases.files.create(workerActor, audit, { minor: false, consent: { scopes: ['identity', 'journal'] }, identity: { names: 'Personne de la matrice' } });
      const consent = await ctx.core.db.selectFrom('case_consents').select('id').where('case_id', '=', created.id).executeTakeFirstOrThrow();
      return { ...created, consentId: consent.id };
    };
    const case33 = await openCase();
    const sender = await ctx.createUser({ role: 'case_worker', scopeKind: 'organisation', organisation: { name: 'Association émettrice de la matrice', type: 'association', departement: '33' } });
    const senderActor = (await ctx.core.sessions.loadActor(sender.id, 'token', { mfaVerified: true, sessionId: null, tokenScopes: null }))!;
    const workerOrganisation = users.get('case_worker')!.organisationId;
    const freshIncomingReferral = async () => {
      const file = await cases.files.create(senderActor, audit, { minor: false });
      return (await cases.referrals.create(senderActor, audit, file.id, { kind: 'referral', organisationId: workerOrganisation, parts: ['profile'] })).id;
    };
    const freshOutgoingReferral = async () => {
      const file = await openCase();
      return (await cases.referrals.create(workerActor, audit, file.id, { kind: 'referral', organisationId: sender.organisationId, parts: ['profile'] })).id;
    };
    fixtures = {
      ctx,
      organisation75: { id: user75.organisationId },
      user75,
      freshUser75: () => ctx.createUser({ role: 'duty_desk', departements: '75', organisation: 'Association parisienne de la matrice' }),
      desk75,
      rule75,
      alert75: await freshAlert75(),
      freshAlert75,
      async freshDeskMember75() {
        const member = await ctx.createUser({ role: 'duty_desk', departements: '75', organisation: 'Association parisienne de la matrice' });
        await db.insertInto('desk_members').values({ desk_id: desk75, user_id: member.id }).execute();
        const shift = await db.insertInto('desk_shifts').values({ desk_id: desk75, user_id: member.id, weekdays: [1], start_minute: 0, end_minute: 60 }).returning('id').executeTakeFirstOrThrow();
        return { userId: member.id, shiftId: shift.id };
      },
      otherDesk,
      offer33,
      freshPlacement33,
      opp75,
      case33: { id: case33.id, reference: case33.reference },
      freshCase33: openCase,
      freshIncomingReferral,
      freshOutgoingReferral,
    };
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => ctx.close());

  /** A client with a brand-new session (second factor passed), so probes that sign out do not leak. */
  async function clientFor(persona: Persona): Promise<Client> {
    const client = ctx.client();
    const user = users.get(persona);
    if (!user) return client;
    const session = await ctx.core.db.transaction().execute(async (trx) => {
      const created = await ctx.core.sessions.create(trx, user.id, 'password');
      await ctx.core.sessions.markMfaVerified(trx, created.id);
      return created;
    });
    client.cookies.set('relais_session', session.token);
    return client;
  }

  test('every registered route has an entry, and every entry a route', () => {
    const registered = new Set(ctx.app.relaisRoutes.map((r) => `${r.method} ${r.url}`));
    const missing = [...registered].filter((key) => !MATRIX[key]);
    const stale = Object.keys(MATRIX).filter((key) => !registered.has(key));
    assert.deepEqual(missing, [], 'routes missing from test/authz/matrix.ts');
    assert.deepEqual(stale, [], 'matrix entries without a route');
  });

  test('each persona gets the expected answer on every route', async () => {
    const failures: string[] = [];
    for (const route of ctx.app.relaisRoutes) {
      const key = `${route.method} ${route.url}`;
      const probe = MATRIX[key];
      if (!probe) continue;
      for (const persona of PERSONAS) {
        const client = await clientFor(persona);
        const path = typeof probe.path === 'function' ? await probe.path(fixtures) : probe.path;
        let got: Outcome;
        let response: { statusCode: number; headers: Record<string, unknown> };
        if (probe.stream) {
          // A stream never ends: open it over HTTP, read the status, hang up.
          const controller = new AbortController();
          const port = (ctx.app.server.address() as AddressInfo).port;
          const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
          const opened = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal, redirect: 'manual' });
          controller.abort();
          response = { statusCode: opened.status, headers: { location: opened.headers.get('location') ?? undefined } };
        } else if (probe.json !== undefined) {
          response = await client.send(route.method as 'POST', path, probe.json);
        } else {
          response = route.method === 'GET' ? await client.get(path) : await client.postForm(path, probe.form ?? {});
        }
        got = classify(response.statusCode, response.headers.location as string | undefined);
        if (got !== probe.expect[persona]) {
          failures.push(`${key} as ${persona}: expected ${probe.expect[persona]}, got ${got} (${response.statusCode} ${response.headers.location ?? ''})`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  test('personas whose role reads case data have passed a second factor', () => {
    // The matrix signs them in with TOTP verified; the sign-in tests prove what happens without it.
    for (const persona of ['national_admin', 'coordinator', 'case_worker'] as const) {
      assert.ok(users.get(persona)?.totpSecret, `${persona} has TOTP`);
    }
    assert.equal(needsMfa({ grants: [{ id: 'x', role: 'frontline', scope: { kind: 'national' } }] } as never), false);
  });
});
