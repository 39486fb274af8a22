import { assertNode24 } from './platform/runtime.js';

assertNode24();

const { parseArgs } = await import('node:util');
const { loadConfig, ConfigError } = await import('./config.js');
const { openCore } = await import('./core.js');
const { ValidationError, DomainError } = await import('./platform/http/errors.js');
const { translator } = await import('./platform/i18n/index.js');
const { createLogger } = await import('./platform/logger.js');

type Core = Awaited<ReturnType<typeof openCore>>;
type Values = Record<string, string | boolean | undefined>;

interface Command {
  summary: string;
  usage: string;
  options?: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  /** false for commands that must not open the database (it may be in use or absent). */
  needsCore?: boolean;
  run(core: Core | undefined, values: Values): Promise<void>;
}

const CLI_AUDIT = { actorUserId: null, actorOrganisationId: null, requestId: 'cli' } as const;
const t = translator('fr');

function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} est obligatoire.`);
  return value;
}

class UsageError extends Error {}

const commands: Record<string, Command> = {
  migrate: {
    summary: 'Applique les migrations et charge la géographie de référence.',
    usage: 'relais migrate',
    async run(core) {
      console.log(`Base à jour (${core!.database.description}).`);
    },
  },
  seed: {
    summary: 'Crée les données de démonstration (organisations du document source, un compte par rôle) si la base est vide.',
    usage: 'relais seed --demo',
    options: { demo: { type: 'boolean' } },
    async run(core, values) {
      if (!values.demo) throw new UsageError('Précisez --demo.');
      if (core!.config.env === 'production') throw new UsageError('Pas de données de démonstration en production.');
      const { seedDemo, seedDemoAlerting } = await import('../seeds/demo.js');
      const existing = await core!.db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
      if (existing) throw new UsageError('La base contient déjà des organisations : rien n’est créé.');
      const logins = await seedDemo(core!);
      await seedDemoAlerting(core!);
      await (await import('../seeds/demo-placements.js')).seedDemoPlacements(core!);
      await (await import('../seeds/demo-cases.js')).seedDemoCases(core!);
      await (await import('../seeds/demo-directory.js')).seedDemoDirectory(core!);
      await (await import('../seeds/demo-library.js')).seedDemoLibrary(core!);
      await (await import('../seeds/demo-texts.js')).seedDemoTexts(core!);
      await (await import('../seeds/leaflet.js')).seedLeaflet(core!);
      await (await import('../seeds/demo-steering.js')).seedDemoSteering(core!);
      await (await import('../seeds/demo-training.js')).seedDemoTraining(core!);
      await (await import('../seeds/demo-learning.js')).seedDemoLearning(core!);
      await (await import('../seeds/demo-scenario.js')).seedDemoScenario(core!.db);
      for (const login of logins) console.log(`${login.role.padEnd(18)} ${login.email.padEnd(36)} ${login.password}`);
    },
  },
  'organisation:create': {
    summary: 'Crée une organisation.',
    usage: 'relais organisation:create --name NOM --type TYPE [--departement 75] [--short-name SIGLE]',
    options: { name: { type: 'string' }, type: { type: 'string' }, departement: { type: 'string' }, 'short-name': { type: 'string' } },
    async run(core, values) {
      const created = await core!.services.organisations.create(null, CLI_AUDIT, {
        name: required(values, 'name'),
        type: required(values, 'type'),
        departement: values.departement as string | undefined,
        shortName: values['short-name'] as string | undefined,
      });
      console.log(created.id);
    },
  },
  'desk:coordination': {
    summary: 'Crée la permanence de coordination nationale (elle reçoit ce qu’aucune règle ne prend) si elle manque.',
    usage: 'relais desk:coordination --organisation "MIPROF" [--name "Coordination nationale"]',
    options: { organisation: { type: 'string' }, name: { type: 'string' } },
    async run(core, values) {
      const id = await core!.services.alerts.desks.ensureCoordinationDesk(CLI_AUDIT, required(values, 'organisation'), (values.name as string | undefined) ?? 'Coordination nationale');
      console.log(id);
    },
  },
  'user:create': {
    summary: 'Crée un compte actif avec un mot de passe et une habilitation (sans invitation).',
    usage:
      'relais user:create --email E --password P --organisation "NOM" --role ROLE [--departements 75,93] [--airport CDG] [--name "Nom affiché"]',
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      organisation: { type: 'string' },
      role: { type: 'string' },
      departements: { type: 'string' },
      airport: { type: 'string' },
      name: { type: 'string' },
    },
    async run(core, values) {
      const { defaultScopeKind } = await import('./modules/accounts/grants.js');
      const { isRole } = await import('./platform/auth/roles.js');
      const role = required(values, 'role');
      if (!isRole(role)) throw new UsageError(`Rôle inconnu : ${role}.`);
      const scopeKind = values.departements ? 'departements' : values.airport ? 'airport' : defaultScopeKind(role);
      const { user, grant } = await core!.services.accounts.invitations.createActiveUser(CLI_AUDIT, {
        email: required(values, 'email'),
        password: required(values, 'password'),
        displayName: (values.name as string | undefined) ?? required(values, 'email').split('@')[0]!,
        organisationName: required(values, 'organisation'),
        grant: { role, scopeKind, departements: values.departements as string | undefined, airport: values.airport as string | undefined },
      });
      console.log(`Compte créé : ${user.email} (${grant.role}, périmètre ${grant.scope.kind}).`);
      console.log(user.id);
    },
  },
  'token:create': {
    summary: 'Crée un jeton d’API pour un compte ; le jeton seul est sur la dernière ligne.',
    usage: 'relais token:create --email E [--name NOM] [--scopes me:read,metrics:read] [--days 90]',
    options: { email: { type: 'string' }, name: { type: 'string' }, scopes: { type: 'string' }, days: { type: 'string' } },
    async run(core, values) {
      const days = values.days ? Number(values.days) : undefined;
      const created = await core!.services.accounts.apiTokens.createForEmail(required(values, 'email'), CLI_AUDIT, {
        name: (values.name as string | undefined) ?? 'relais token:create',
        scopes: values.scopes ? String(values.scopes).split(',').map((s) => s.trim()) : undefined,
        expiresInDays: days,
      });
      console.log(`Jeton ${created.id} (portées : ${created.scopes.join(', ')}${created.expiresAt ? `, expire le ${created.expiresAt.toISOString()}` : ''}) :`);
      console.log(created.token);
    },
  },
  'token:revoke': {
    summary: 'Révoque un jeton d’API par son identifiant.',
    usage: 'relais token:revoke --id UUID',
    options: { id: { type: 'string' } },
    async run(core, values) {
      const id = required(values, 'id');
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new UsageError('--id doit être l’identifiant (UUID) du jeton.');
      await core!.services.accounts.apiTokens.revokeById(id, CLI_AUDIT);
      console.log(`Jeton ${id} révoqué.`);
    },
  },
  'audit:verify': {
    summary: 'Vérifie la chaîne d’empreintes du journal d’audit ; code de sortie 1 au premier maillon rompu.',
    usage: 'relais audit:verify',
    async run(core) {
      const { verifyAuditChain } = await import('./platform/audit/index.js');
      const result = await verifyAuditChain(core!.db);
      if (result.ok) {
        console.log(`Journal d’audit intègre : ${result.checked} événements vérifiés.`);
      } else {
        console.error(`Journal d’audit rompu à l’événement n° ${result.brokenAt} : ${result.reason} (${result.checked} événements intègres avant lui).`);
        process.exitCode = 1;
      }
    },
  },
  'keys:generate': {
    summary: 'Affiche une nouvelle clé de chiffrement à ajouter à RELAIS_DATA_KEYS (version:clé).',
    usage: 'relais keys:generate [--version N]',
    options: { version: { type: 'string' } },
    needsCore: false,
    async run(_core, values) {
      const { generateKey } = await import('./platform/crypto/fields.js');
      console.log(`${values.version ?? '1'}:${generateKey()}`);
    },
  },
  'keys:rotate': {
    summary: 'Rechiffre toutes les valeurs chiffrées avec la clé la plus récente. --new-key ajoute d’abord une clé (base embarquée).',
    usage: 'relais keys:rotate [--new-key]',
    options: { 'new-key': { type: 'boolean' } },
    async run(core) {
      const { rotateKeys } = await import('./platform/crypto/rotate.js');
      const reports = await rotateKeys(core!.db, core!.cipher, core!.encryptedColumns);
      for (const r of reports) console.log(`${r.table}.${r.column} : ${r.rotated} valeur(s) rechiffrée(s) avec la clé v${core!.cipher.currentVersion}.`);
    },
  },
  worker: {
    summary: 'Exécute les tâches de fond (courriels, relances, échéances) sans servir HTTP, jusqu’à SIGTERM.',
    usage: 'relais worker',
    async run(core) {
      await core!.jobs.work();
      await core!.services.newsletter.sender.resume();
      console.log('Travailleur démarré ; Ctrl-C pour arrêter.');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
    },
  },
  backup: {
    summary: 'Sauvegarde la base : archive du dossier PGlite, ou pg_dump (format custom) pour PostgreSQL.',
    usage: 'relais backup --out FICHIER',
    options: { out: { type: 'string' } },
    needsCore: false,
    async run(_core, values) {
      const { backup } = await import('./platform/db/backup.js');
      const out = required(values, 'out');
      await backup(loadConfig(), out);
      console.log(`Sauvegarde écrite : ${out}`);
    },
  },
  restore: {
    summary: 'Restaure une sauvegarde dans une base vide (dossier de données absent, ou base PostgreSQL sans tables).',
    usage: 'relais restore --from FICHIER',
    options: { from: { type: 'string' } },
    needsCore: false,
    async run(_core, values) {
      const { restore } = await import('./platform/db/backup.js');
      const from = required(values, 'from');
      await restore(loadConfig(), from);
      console.log(`Sauvegarde restaurée depuis ${from}.`);
    },
  },
};

function help(): string {
  const lines = ['Usage : npm run relais -- <commande> [options]', '', 'Commandes :'];
  for (const [name, command] of Object.entries(commands)) {
    lines.push(`  ${name.padEnd(20)} ${command.summary}`, `  ${''.padEnd(20)} ${command.usage}`);
  }
  lines.push('', 'La configuration vient de l’environnement (voir .env.example) : DATABASE_URL, RELAIS_DATA_DIR, RELAIS_DATA_KEYS…');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`Commande inconnue : ${name}.\n\n${help()}`);
  const { values } = parseArgs({ args: rest, options: { ...(command.options ?? {}), help: { type: 'boolean', short: 'h' } }, strict: true }) as {
    values: Values;
  };
  if (values.help) {
    console.log(`${command.summary}\n\nUsage : ${command.usage}`);
    return;
  }
  if (command.needsCore === false) {
    await command.run(undefined, values);
    return;
  }
  const config = loadConfig();
  if (name === 'keys:rotate' && values['new-key']) {
    if (config.dataKeys) throw new UsageError('Les clés viennent de RELAIS_DATA_KEYS : ajoutez-y la nouvelle clé (relais keys:generate), puis relancez sans --new-key.');
    const { addKeyToSecretsFile } = await import('./platform/crypto/secrets.js');
    const { version } = addKeyToSecretsFile(config.dataDir);
    console.log(`Nouvelle clé v${version} ajoutée à ${config.dataDir}/secrets.json.`);
  }
  const core = await openCore(config, { logger: createLogger(process.env.LOG_LEVEL ?? 'warn') });
  try {
    await command.run(core, values);
  } finally {
    await core.close();
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ValidationError) {
    const details = Object.entries(error.fields).map(([field, key]) => `  --${field} : ${t(key, error.fieldParams[field] ?? {})}`);
    console.error([t(error.messageKey, error.params), ...details].join('\n'));
  } else if (error instanceof DomainError) {
    console.error(t(error.messageKey, error.params));
  } else if (error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error((error as Error).message);
  } else if (error instanceof Error && /Database|Migration|Key/.test(error.name)) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}
