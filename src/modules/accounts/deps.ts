import type { Kysely } from 'kysely';
import type { SessionStore } from '../../platform/auth/sessions.js';
import type { EncryptedColumn } from '../../platform/crypto/rotate.js';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import type { DB } from '../../platform/db/schema.js';
import type { Geo } from '../../platform/geo/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { Clock } from '../../platform/time/clock.js';
import type { OrganisationService } from '../organisations/service.js';

export interface AccountSettings {
  publicUrl: string;
  loginMaxAttempts: number;
  loginLockMinutes: number;
}

/** What the accounts use cases need, and nothing more. */
export interface AccountDeps {
  db: Kysely<DB>;
  sessions: SessionStore;
  cipher: FieldCipher;
  mailer: Mailer;
  clock: Clock;
  settings: AccountSettings;
  organisations: Pick<OrganisationService, 'find' | 'findByName'>;
  geo: Pick<Geo, 'departement' | 'airport'>;
}

export const totpContext = (userId: string) => `users.totp_secret:${userId}`;

export const accountEncryptedColumns: readonly EncryptedColumn[] = [
  { table: 'users', idColumn: 'id', column: 'totp_secret', context: totpContext },
];
