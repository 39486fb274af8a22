import path from 'node:path';

/**
 * Every setting Relais reads from the environment, parsed and checked once at start.
 * `.env.example` documents each variable; `loadConfig` throws a ConfigError listing every problem at once.
 */
export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly databasePoolMax: number;
  /** PGlite's shared buffers, in MB: PostgreSQL's 128 by default; a lean worker runs with 16 (README). */
  readonly pgliteSharedBuffersMb: number;
  /** `version:base64key` pairs; undefined means "generate and keep in dataDir" (never in production). */
  readonly dataKeys: string | undefined;
  readonly secret: string | undefined;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** First retry delay of a message the mail server did not take (doubles each time, up to an hour). */
  readonly mailRetrySeconds: number;
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteHours: number;
  readonly loginMaxAttempts: number;
  readonly loginLockMinutes: number;
  /** Sign-in, second-factor and reset forms accepted per minute from one address. */
  readonly loginRatePerMinute: number;
  readonly proconnect:
    | { readonly issuer: string; readonly clientId: string; readonly clientSecret: string }
    | undefined;
  readonly metricsPort: number | undefined;
  readonly runWorkers: boolean;
  /** An open alert with no news for this many hours gets a reminder to its desks. */
  readonly alertReminderHours: number;
  /** Case files closed for longer than this are anonymised (identity destroyed, aggregates kept). */
  readonly caseRetentionMonths: number;
  /** Newsletter sending: messages per second and SMTP connections used at once. */
  readonly newsletterRate: number;
  readonly newsletterConnections: number;
  /** Tile URL template of the public map (`{z}/{x}/{y}`); offline, the map still shows its markers. */
  readonly mapTilesUrl: string;
  /** The BAN geocoding search endpoint used by directory imports. */
  readonly banUrl: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly trustProxy: boolean;
  readonly demo: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} doit être un entier entre ${min} et ${max} (reçu « ${raw} »).`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} doit valoir ${allowed.join(', ')} (reçu « ${raw} »).`);
      return fallback;
    }
    return raw as T;
  };
  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (['1', 'true', 'on', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'off', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} doit valoir on ou off (reçu « ${raw} »).`);
    return fallback;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} doit commencer par ${protocols.join(' ou ')} (reçu « ${parsed.protocol} »).`);
      }
      return raw;
    } catch {
      problems.push(`${name} n'est pas une URL valide.`);
      return undefined;
    }
  };

  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const production = nodeEnv === 'production';
  const port = integer('PORT', 3000, 0, 65535);
  const host = read('HOST') ?? 'localhost';
  const publicUrl = (url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const dataKeys = read('RELAIS_DATA_KEYS');
  const secret = read('RELAIS_SECRET');

  if (production) {
    if (!dataKeys) {
      problems.push(
        'RELAIS_DATA_KEYS est obligatoire en production (clés de chiffrement des champs, `relais keys:generate`).',
      );
    }
    if (!secret) problems.push('RELAIS_SECRET est obligatoire en production (au moins 32 caractères aléatoires).');
    if (!read('PUBLIC_URL')) problems.push('PUBLIC_URL est obligatoire en production (adresse publique du site).');
  }
  if (secret !== undefined && secret.length < 32) problems.push('RELAIS_SECRET doit compter au moins 32 caractères.');

  const issuer = url('PROCONNECT_ISSUER', ['https:', 'http:']);
  const clientId = read('PROCONNECT_CLIENT_ID');
  const clientSecret = read('PROCONNECT_CLIENT_SECRET');
  const proconnectParts = [issuer, clientId, clientSecret].filter(Boolean).length;
  if (proconnectParts > 0 && proconnectParts < 3) {
    problems.push('ProConnect demande PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID et PROCONNECT_CLIENT_SECRET ensemble.');
  }

  const metricsPortRaw = read('METRICS_PORT');
  const config: Config = {
    env: nodeEnv,
    host,
    port,
    publicUrl,
    dataDir: path.resolve(cwd, read('RELAIS_DATA_DIR') ?? 'data'),
    databaseUrl,
    databasePoolMax: integer('DATABASE_POOL_MAX', 10, 1, 200),
    pgliteSharedBuffersMb: integer('PGLITE_SHARED_BUFFERS_MB', 128, 1, 1024),
    dataKeys,
    secret,
    smtpUrl: url('SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: read('MAIL_FROM') ?? 'Relais <ne-pas-repondre@relais.localhost>',
    mailRetrySeconds: integer('MAIL_RETRY_SECONDS', 15, 1, 3600),
    sessionIdleMinutes: integer('SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: integer('SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 7),
    loginMaxAttempts: integer('LOGIN_MAX_ATTEMPTS', 5, 1, 100),
    loginLockMinutes: integer('LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    loginRatePerMinute: integer('LOGIN_RATE_PER_MINUTE', 10, 1, 100_000),
    proconnect: issuer && clientId && clientSecret ? { issuer, clientId, clientSecret } : undefined,
    metricsPort: metricsPortRaw === undefined ? undefined : integer('METRICS_PORT', 0, 1, 65535),
    runWorkers: boolean('RELAIS_WORKERS', true),
    alertReminderHours: integer('ALERT_REMINDER_HOURS', 24, 1, 24 * 30),
    caseRetentionMonths: integer('CASE_RETENTION_MONTHS', 24, 1, 240),
    newsletterRate: integer('NEWSLETTER_RATE', 100, 0, 100_000),
    newsletterConnections: integer('NEWSLETTER_SMTP_CONNECTIONS', 5, 1, 50),
    mapTilesUrl: read('MAP_TILES_URL') ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    banUrl: read('BAN_URL') ?? 'https://api-adresse.data.gouv.fr/search/',
    logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    trustProxy: boolean('TRUST_PROXY', false),
    // Demo data only ever lands in a non-production embedded database (or when asked for explicitly).
    demo: !production && boolean('RELAIS_DEMO', databaseUrl === undefined),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
