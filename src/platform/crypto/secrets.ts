import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';
import { generateKey, parseKeyring } from './fields.js';

export interface Secrets {
  /** Keyring spec `version:base64,…` for the field cipher. */
  readonly dataKeys: string;
  /** HMAC secret for CSRF tokens and signed cookies. */
  readonly secret: string;
  /** Where they came from, for the start-up message. */
  readonly source: 'environment' | 'file';
}

interface SecretsFile {
  dataKeys: string;
  secret: string;
}

export function secretsPath(dataDir: string): string {
  return path.join(dataDir, 'secrets.json');
}

/**
 * Production takes its secrets from the environment only (config refuses to start without them). Elsewhere a
 * missing secret is generated once and kept in `<data>/secrets.json` (mode 600), so the demo needs no set-up.
 */
export function loadSecrets(config: Config): Secrets {
  if (config.dataKeys && config.secret) {
    parseKeyring(config.dataKeys);
    return { dataKeys: config.dataKeys, secret: config.secret, source: 'environment' };
  }
  if (config.env === 'production') {
    throw new Error('RELAIS_DATA_KEYS et RELAIS_SECRET sont obligatoires en production.');
  }
  const file = readOrCreateSecretsFile(config.dataDir);
  return {
    dataKeys: config.dataKeys ?? file.dataKeys,
    secret: config.secret ?? file.secret,
    source: config.dataKeys ? 'environment' : 'file',
  };
}

function readOrCreateSecretsFile(dataDir: string): SecretsFile {
  const file = secretsPath(dataDir);
  if (fs.existsSync(file)) {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as SecretsFile;
    parseKeyring(parsed.dataKeys);
    return parsed;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const created: SecretsFile = { dataKeys: `1:${generateKey()}`, secret: randomBytes(32).toString('base64url') };
  fs.writeFileSync(file, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return created;
}

/** Adds a new key version to the embedded secrets file and returns the new keyring. */
export function addKeyToSecretsFile(dataDir: string): { version: number; dataKeys: string } {
  const file = readOrCreateSecretsFile(dataDir);
  const version = Math.max(...parseKeyring(file.dataKeys).keys()) + 1;
  const dataKeys = `${file.dataKeys},${version}:${generateKey()}`;
  fs.writeFileSync(secretsPath(dataDir), `${JSON.stringify({ ...file, dataKeys }, null, 2)}\n`, { mode: 0o600 });
  return { version, dataKeys };
}
