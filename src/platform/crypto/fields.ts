import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Per-field encryption: AES-256-GCM with versioned keys. A value reads `rk1.<version>.<base64url>` where the
 * payload is iv (12 bytes) | ciphertext | tag (16 bytes). The context (e.g. `users.totp_secret:<id>`) is bound
 * as associated data, so a ciphertext copied to another row or column does not decrypt.
 */
export interface FieldCipher {
  readonly currentVersion: number;
  /** Every key version this cipher can decrypt. */
  readonly versions: readonly number[];
  encrypt(plaintext: string, context: string): string;
  decrypt(ciphertext: string, context: string): string;
  versionOf(ciphertext: string): number;
}

export class KeyError extends Error {
  override name = 'KeyError';
}

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

const PREFIX = 'rk1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Parses `1:base64,2:base64`; the highest version encrypts, every listed version decrypts. */
export function parseKeyring(spec: string): Map<number, Buffer> {
  const keys = new Map<number, Buffer>();
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^(\d{1,6}):([A-Za-z0-9+/=_-]+)$/.exec(part);
    if (!match) throw new KeyError('RELAIS_DATA_KEYS : chaque clé s’écrit « version:clé_en_base64 ».');
    const version = Number(match[1]);
    const key = Buffer.from(match[2]!, 'base64');
    if (key.length !== 32) throw new KeyError(`RELAIS_DATA_KEYS : la clé v${version} doit faire 32 octets.`);
    if (keys.has(version)) throw new KeyError(`RELAIS_DATA_KEYS : la version ${version} apparaît deux fois.`);
    keys.set(version, key);
  }
  if (keys.size === 0) throw new KeyError('RELAIS_DATA_KEYS ne contient aucune clé.');
  return keys;
}

export function generateKey(): string {
  return randomBytes(32).toString('base64');
}

export function createFieldCipher(spec: string): FieldCipher {
  const keys = parseKeyring(spec);
  const currentVersion = Math.max(...keys.keys());
  const current = keys.get(currentVersion)!;

  function versionOf(ciphertext: string): number {
    const [prefix, version] = ciphertext.split('.', 2);
    if (prefix !== PREFIX || version === undefined || !/^\d+$/.test(version)) {
      throw new DecryptionError('Valeur chiffrée illisible (format inconnu).');
    }
    return Number(version);
  }

  return {
    currentVersion,
    versions: [...keys.keys()].sort((a, b) => a - b),
    versionOf,
    encrypt(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const payload = Buffer.concat([iv, body, cipher.getAuthTag()]);
      return `${PREFIX}.${currentVersion}.${payload.toString('base64url')}`;
    },
    decrypt(ciphertext, context) {
      const version = versionOf(ciphertext);
      const key = keys.get(version);
      if (!key) throw new DecryptionError(`Clé de chiffrement v${version} absente de RELAIS_DATA_KEYS.`);
      const payload = Buffer.from(ciphertext.slice(ciphertext.indexOf('.', PREFIX.length + 1) + 1), 'base64url');
      if (payload.length < IV_BYTES + TAG_BYTES) throw new DecryptionError('Valeur chiffrée tronquée.');
      const decipher = createDecipheriv('aes-256-gcm', key, payload.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(payload.subarray(payload.length - TAG_BYTES));
      try {
        return Buffer.concat([
          decipher.update(payload.subarray(IV_BYTES, payload.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new DecryptionError('Valeur chiffrée altérée ou lue hors de son contexte.');
      }
    },
  };
}
