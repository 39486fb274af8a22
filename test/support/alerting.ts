import { seedDemo, seedDemoAlerting } from '../../seeds/demo.js';
import type { AlertInput } from '../../src/modules/alerts/schemas.js';
import type { TestContext, TestUser, UserSpec } from './app.js';

/**
 * The seed's organisations, desks and routing rules (Paris minors, Roissy-CDG, labour exploitation, national
 * coordination), with helpers to put test accounts on desks.
 */
export async function withDemoAlerting(ctx: TestContext) {
  await seedDemo(ctx.core);
  await seedDemoAlerting(ctx.core);
  const desks = await ctx.core.db.selectFrom('desks').select(['id', 'name']).execute();
  const deskId = (name: string) => {
    const desk = desks.find((d) => d.name === name);
    if (!desk) throw new Error(`no desk ${name}`);
    return desk.id;
  };
  return {
    deskId,
    /** A new account with the duty-desk role (or the given spec), member of the named desk. */
    async member(deskName: string, spec: Partial<UserSpec> = {}): Promise<TestUser> {
      const user = await ctx.createUser({ role: 'duty_desk', departements: '75', ...spec });
      await ctx.core.db.insertInto('desk_members').values({ desk_id: deskId(deskName), user_id: user.id }).execute();
      return user;
    },
  };
}

export const DESKS = {
  coordination: 'Coordination nationale',
  parquetMineurs: 'Permanence du parquet des mineurs de Paris',
  ase: 'Permanence ASE Paris',
  horsLaRue: 'Permanence Hors la Rue',
  paf: 'Permanence PAF CDG',
  gta: 'Permanence GTA CDG',
  inspectionRoissy: 'Inspection du travail de Roissy',
} as const;

/** A minor at Roissy-CDG, as an airline employee would report it. */
export function minorAtCdg(overrides: Partial<AlertInput> = {}): AlertInput {
  return {
    context: 'aeroport',
    place: { airport: 'CDG' },
    persons: [{ minor: 'yes', estimatedAge: 15, gender: 'female', nationality: 'NG', languages: ['en'] }],
    exploitation: ['sexuelle'],
    indicators: ['accompagnateur_controle', 'documents_tiers'],
    immediateDanger: false,
    consent: 'minor',
    description: 'Voyage avec un homme qui garde son passeport, vol en provenance de Lagos.',
    ...overrides,
  };
}
