import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../src/core.js';
import type { Role } from '../src/platform/auth/roles.js';

const SEED_AUDIT = { actorUserId: null, actorOrganisationId: null, requestId: 'seed:demo' } as const;

/**
 * A département is set only where the document places the organisation (Paris, Roissy); the others are left
 * national rather than guessed.
 *
 * Organisations named in the source document (plenary of 5 July 2018) and in PRODUCT.md's glossary. Only names,
 * types and territory: no contact details. Everything is marked as demonstration data.
 */
export const DEMO_ORGANISATIONS: ReadonlyArray<{ name: string; shortName?: string; type: string; departement?: string; description?: string }> = [
  { name: 'MIPROF', type: 'coordination', description: 'Mission interministérielle pour la protection des femmes contre les violences et la lutte contre la traite des êtres humains.' },
  { name: 'Collectif « Ensemble contre la traite des êtres humains »', shortName: 'Collectif', type: 'coordination', description: 'Collectif d’associations coordonné par le Secours Catholique – Caritas France.' },
  { name: 'Secours Catholique – Caritas France', type: 'association', departement: '75' },
  { name: 'AFJ', type: 'association', description: 'Expérimentation d’un appartement en autonomie avec le parquet de Paris.' },
  { name: 'CCEM', type: 'association', description: 'Comité contre l’esclavage moderne.' },
  { name: 'Aux Captifs la libération', type: 'association' },
  { name: 'Fondation Jean et Jeanne Scelles', type: 'association' },
  { name: 'Hors la Rue', type: 'association', description: 'Partenaire du dispositif mineurs de Paris.' },
  { name: 'Justice et Paix France', type: 'association' },
  { name: 'Mouvement du Nid', type: 'association' },
  { name: 'Planète Enfants & Développement', type: 'association' },
  { name: 'SOS Esclaves', type: 'association' },
  { name: 'ECPAT France', type: 'association' },
  { name: 'Trajectoires', type: 'association' },
  { name: 'ACPE', type: 'association' },
  { name: 'Cofrade', type: 'association' },
  { name: 'ALC', type: 'association', description: 'Association qui porte le dispositif national Ac.Sé.' },
  { name: 'OFII', type: 'ofii', description: 'Office français de l’immigration et de l’intégration.' },
  { name: 'OFPRA', type: 'ofpra', description: 'Office français de protection des réfugiés et apatrides.' },
  { name: 'CNCDH', type: 'autre', description: 'Commission nationale consultative des droits de l’homme.' },
  { name: 'Parquet de Paris', type: 'parquet', departement: '75' },
  { name: 'Parquet de Paris — section des mineurs', shortName: 'Parquet des mineurs de Paris', type: 'parquet', departement: '75' },
  { name: 'Préfecture de police de Paris', type: 'police', departement: '75' },
  { name: 'Police aux frontières — Roissy-Charles-de-Gaulle', shortName: 'PAF CDG', type: 'paf', departement: '95' },
  { name: 'Gendarmerie des transports aériens — Roissy-Charles-de-Gaulle', shortName: 'GTA CDG', type: 'gendarmerie', departement: '95' },
  { name: 'Inspection du travail — unité de Roissy', type: 'inspection_travail', departement: '95' },
  { name: 'OCRTEH', type: 'police', description: 'Office central pour la répression de la traite des êtres humains.' },
  { name: 'Aide sociale à l’enfance de Paris', shortName: 'ASE Paris', type: 'ase', departement: '75' },
  { name: 'Direction de la protection judiciaire de la jeunesse', shortName: 'DPJJ', type: 'pjj' },
  { name: 'École nationale de protection judiciaire de la jeunesse', shortName: 'ENPJJ', type: 'pjj' },
  { name: 'École nationale de la magistrature', shortName: 'ENM', type: 'ministere' },
  { name: 'Direction des affaires criminelles et des grâces', shortName: 'DACG', type: 'ministere' },
  { name: 'Direction générale de l’aviation civile', shortName: 'DGAC', type: 'ministere' },
  { name: 'Ministère de l’Europe et des Affaires étrangères', shortName: 'MEAE', type: 'ministere' },
  { name: 'Mairie de Paris', type: 'collectivite', departement: '75' },
  { name: 'International Air Transport Association', shortName: 'IATA', type: 'transport_aerien' },
  // Placeholders for roles the document describes without naming anyone: clearly labelled, no contact details.
  { name: 'Compagnie aérienne de démonstration', type: 'transport_aerien', departement: '95', description: 'Organisation fictive pour la démonstration (personnels navigants et au sol).' },
  { name: 'Structure volontaire n° 1 — dispositif mineurs de Paris', type: 'structure_accueil', description: 'L’une des 12 structures volontaires du dispositif mineurs de Paris (numérotées, sans nom).' },
];

export const DEMO_ACCOUNTS: ReadonlyArray<{
  email: string;
  displayName: string;
  organisation: string;
  role: Role;
  scopeKind: 'national' | 'departements' | 'organisation' | 'airport';
  departements?: string;
  airport?: string;
}> = [
  { email: 'admin@demo.relais.test', displayName: 'Démo — administration nationale', organisation: 'MIPROF', role: 'national_admin', scopeKind: 'national' },
  { email: 'coordination@demo.relais.test', displayName: 'Démo — coordination nationale', organisation: 'MIPROF', role: 'coordinator', scopeKind: 'national' },
  { email: 'parquet-mineurs@demo.relais.test', displayName: 'Démo — permanence parquet des mineurs', organisation: 'Parquet de Paris — section des mineurs', role: 'duty_desk', scopeKind: 'departements', departements: '75' },
  { email: 'accueil@demo.relais.test', displayName: 'Démo — structure d’accueil', organisation: 'Structure volontaire n° 1 — dispositif mineurs de Paris', role: 'host_staff', scopeKind: 'organisation' },
  { email: 'suivi@demo.relais.test', displayName: 'Démo — suivi des victimes', organisation: 'Hors la Rue', role: 'case_worker', scopeKind: 'organisation' },
  { email: 'signalement@demo.relais.test', displayName: 'Démo — personnel aérien', organisation: 'Compagnie aérienne de démonstration', role: 'frontline', scopeKind: 'airport', airport: 'CDG' },
  { email: 'redaction@demo.relais.test', displayName: 'Démo — rédaction', organisation: 'MIPROF', role: 'content_editor', scopeKind: 'national' },
  { email: 'formation@demo.relais.test', displayName: 'Démo — formation', organisation: 'École nationale de la magistrature', role: 'trainer', scopeKind: 'national' },
  { email: 'collectif@demo.relais.test', displayName: 'Démo — membre du collectif', organisation: 'Secours Catholique – Caritas France', role: 'collective_member', scopeKind: 'organisation' },
];

export interface DemoLogin {
  email: string;
  password: string;
  role: Role;
}

function demoPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

export function demoLoginsPath(dataDir: string): string {
  return path.join(dataDir, 'demo-accounts.json');
}

/** Creates the demo organisations and one account per role; returns the logins (passwords drawn at random). */
export async function seedDemo(core: Core): Promise<DemoLogin[]> {
  const { organisations, accounts } = core.services;
  for (const org of DEMO_ORGANISATIONS) {
    if (await organisations.findByName(org.name)) continue;
    await organisations.create(
      null,
      SEED_AUDIT,
      { name: org.name, shortName: org.shortName, type: org.type, departement: org.departement, description: org.description },
      { demo: true },
    );
  }
  const logins: DemoLogin[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const password = demoPassword();
    await accounts.invitations.createActiveUser(SEED_AUDIT, {
      email: account.email,
      password,
      displayName: account.displayName,
      organisationName: account.organisation,
      grant: { role: account.role, scopeKind: account.scopeKind, departements: account.departements, airport: account.airport },
      demo: true,
    });
    logins.push({ email: account.email, password, role: account.role });
  }
  fs.mkdirSync(core.config.dataDir, { recursive: true });
  fs.writeFileSync(demoLoginsPath(core.config.dataDir), `${JSON.stringify(logins, null, 2)}\n`, { mode: 0o600 });
  return logins;
}

export function readDemoLogins(dataDir: string): DemoLogin[] | undefined {
  try {
    return JSON.parse(fs.readFileSync(demoLoginsPath(dataDir), 'utf8')) as DemoLogin[];
  } catch {
    return undefined;
  }
}

/**
 * Duty desks and routing rules the source document describes: the Paris minors' circuit (parquet des mineurs,
 * ASE, Hors la Rue), the fast circuit at Roissy-CDG (PAF, air transport gendarmerie, the labour inspectors present
 * at Roissy), labour exploitation to the labour inspection of the département, and the national coordination that
 * sees everything. The minors' rule also covers the Paris airports, where the pilot's minors are found.
 */
export async function seedDemoAlerting(core: Core): Promise<void> {
  const db = core.db;
  const org = async (name: string) => (await core.services.organisations.findByName(name))!.id;
  const desk = async (values: { organisation: string; name: string; departements?: string[]; airports?: string[]; coordination?: boolean }) => {
    const existing = await db.selectFrom('desks').select('id').where('name', '=', values.name).executeTakeFirst();
    if (existing) return existing.id;
    const row = await db
      .insertInto('desks')
      .values({
        organisation_id: await org(values.organisation),
        name: values.name,
        departements: values.departements ?? [],
        airports: values.airports ?? [],
        is_coordination: values.coordination ?? false,
        is_demo: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const coordination = await desk({ organisation: 'MIPROF', name: 'Coordination nationale', coordination: true });
  const parquetMineurs = await desk({ organisation: 'Parquet de Paris — section des mineurs', name: 'Permanence du parquet des mineurs de Paris', departements: ['75'] });
  const ase = await desk({ organisation: 'Aide sociale à l’enfance de Paris', name: 'Permanence ASE Paris', departements: ['75'] });
  const horsLaRue = await desk({ organisation: 'Hors la Rue', name: 'Permanence Hors la Rue', departements: ['75'] });
  const paf = await desk({ organisation: 'Police aux frontières — Roissy-Charles-de-Gaulle', name: 'Permanence PAF CDG', departements: ['95'], airports: ['CDG'] });
  const gta = await desk({ organisation: 'Gendarmerie des transports aériens — Roissy-Charles-de-Gaulle', name: 'Permanence GTA CDG', departements: ['95'], airports: ['CDG'] });
  const inspection = await desk({ organisation: 'Inspection du travail — unité de Roissy', name: 'Inspection du travail de Roissy', departements: ['95'], airports: ['CDG'] });

  const member = async (deskId: string, email: string) => {
    const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (user) await db.insertInto('desk_members').values({ desk_id: deskId, user_id: user.id }).onConflict((oc) => oc.doNothing()).execute();
  };
  await member(coordination, 'coordination@demo.relais.test');
  await member(parquetMineurs, 'parquet-mineurs@demo.relais.test');

  const rules = [
    { name: 'Mineurs — Paris et aéroports parisiens', departements: ['75'], airports: ['CDG', 'ORY'], minors_only: true, desk_ids: [parquetMineurs, ase, horsLaRue], ack_minutes: 15 },
    { name: 'Aéroport Paris-Charles-de-Gaulle — circuit rapide', airports: ['CDG'], desk_ids: [paf, gta, inspection], ack_minutes: 15 },
    { name: 'Exploitation par le travail — inspection du travail du département', exploitation_forms: ['travail_force', 'servitude_domestique'], competence: 'inspection_travail', ack_minutes: 60 },
  ];
  for (const rule of rules) {
    const existing = await db.selectFrom('routing_rules').select('id').where('name', '=', rule.name).executeTakeFirst();
    if (!existing) await db.insertInto('routing_rules').values({ ...rule, escalation_desk_ids: [], is_demo: true }).execute();
  }
  await db.transaction().execute((trx) => core.services.alerts.routing.changed(trx));
}
