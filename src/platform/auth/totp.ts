import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Relais';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(secret: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secret), digits: 6, period: 30 });
}

/** Accepts the current code and one step either side (clock drift of a phone). */
export function checkTotp(secret: string, code: string, now: Date): boolean {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return false;
  return totpFor(secret, 'x').validate({ token, timestamp: now.getTime(), window: 1 }) !== null;
}

export function totpUri(secret: string, label: string): string {
  return totpFor(secret, label).toString();
}

/** Ten recovery codes like `k7f3-9q2m-x4ta`, without look-alike characters. */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return Array.from({ length: count }, () => `${group()}-${group()}-${group()}`);
}

export function normaliseRecoveryCode(code: string): string {
  return code.trim().toLowerCase().replace(/[^a-z0-9]/g, '').replace(/(.{4})(?=.)/g, '$1-');
}
