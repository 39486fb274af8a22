import type { Core } from '../src/core.js';
import { addDays, parisDate } from '../src/platform/time/paris.js';

const SEED_AUDIT = { actorUserId: null, actorOrganisationId: null, requestId: 'seed:demo' } as const;

/**
 * Synthetic case files for the demo, led by Hors la Rue (the demo case worker's organisation): no real person, the
 * identity says it is fictitious, every file is marked as demonstration data. Dates are relative to today.
 */
export async function seedDemoCases(core: Core): Promise<void> {
  const user = await core.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'suivi@demo.relais.test')
    .executeTakeFirst();
  if (!user) return;
  const actor = await core.sessions.loadActor(user.id, 'token', {
    mfaVerified: true,
    sessionId: null,
    tokenScopes: null,
  });
  if (!actor) return;
  const { files, journal } = core.services.cases;
  const today = parisDate(core.clock.now());
  const day = (n: number) => addDays(today, n);

  const girl = await files.create(actor, SEED_AUDIT, {
    minor: true,
    age: 16,
    gender: 'female',
    nationality: 'NG',
    languages: ['en'],
    exploitation: [{ form: 'sexuelle', departement: '75' }],
    pilotTags: ['mineurs-paris'],
    identity: { names: 'Personne fictive A (démonstration)' },
    consent: { scopes: ['identity', 'journal'] },
  });
  for (const entry of [
    { kind: 'opp', occurredOn: day(-40), endsOn: day(20), service: 'Juge des enfants de Paris' },
    { kind: 'ad_hoc_administrator', occurredOn: day(-38) },
    { kind: 'psychological', occurredOn: day(-30) },
    { kind: 'complaint', occurredOn: day(-25), service: 'Brigade de protection des mineurs' },
    { kind: 'schooling', occurredOn: day(-10) },
    { kind: 'trial', occurredOn: day(12), service: 'Tribunal pour enfants de Paris' },
  ] as const) {
    await journal.add(actor, SEED_AUDIT, girl.id, entry);
  }

  const boy = await files.create(actor, SEED_AUDIT, {
    minor: true,
    age: 14,
    gender: 'male',
    nationality: 'RO',
    languages: ['ro'],
    exploitation: [{ form: 'delits', departement: '75' }],
    pilotTags: ['mineurs-paris'],
    identity: { names: 'Personne fictive B (démonstration)' },
    consent: { scopes: ['identity', 'journal'] },
  });
  await journal.add(actor, SEED_AUDIT, boy.id, {
    kind: 'child_protection',
    occurredOn: day(-20),
    service: 'ASE de Paris',
  });
  await journal.add(actor, SEED_AUDIT, boy.id, { kind: 'runaway', occurredOn: day(-6), departement: '75' });
  await journal.add(actor, SEED_AUDIT, boy.id, { kind: 'return', occurredOn: day(-4) });

  const woman = await files.create(actor, SEED_AUDIT, {
    minor: false,
    age: 24,
    gender: 'female',
    nationality: 'NG',
    languages: ['en'],
    exploitation: [{ form: 'sexuelle' }],
    pilotTags: ['appartement-autonomie-afj'],
    consent: { scopes: ['journal'] },
  });
  for (const entry of [
    { kind: 'reflection_period', occurredOn: day(-200) },
    { kind: 'complaint', occurredOn: day(-190) },
    { kind: 'residence_permit', occurredOn: day(-150) },
    { kind: 'housing', occurredOn: day(-140), service: 'Appartement en autonomie (AFJ)' },
    { kind: 'trial', occurredOn: day(-60), present: true, accompanied: true },
    { kind: 'employment', occurredOn: day(-30) },
    { kind: 'closure', occurredOn: day(-5), outcome: 'autonomy' },
  ] as const) {
    await journal.add(actor, SEED_AUDIT, woman.id, entry);
  }
  await core.db
    .updateTable('cases')
    .set({ is_demo: true })
    .where('id', 'in', [girl.id, boy.id, woman.id])
    .execute();
}
