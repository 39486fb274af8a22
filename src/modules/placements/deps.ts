import type { Kysely } from 'kysely';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import type { EncryptedColumn } from '../../platform/crypto/rotate.js';
import type { DB } from '../../platform/db/schema.js';
import type { Geo } from '../../platform/geo/index.js';
import type { Jobs } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { Clock } from '../../platform/time/clock.js';

export interface PlacementDeps {
  db: Kysely<DB>;
  cipher: FieldCipher;
  clock: Clock;
  geo: Pick<Geo, 'commune' | 'departement' | 'departements' | 'airport' | 'searchCommunes'>;
  jobs: Pick<Jobs, 'send'>;
  mailer: Mailer;
  publicUrl: string;
}

export const addressContext = (offerId: string) => `host_offers.address:${offerId}`;
export const placementNoteContext = (placementId: string) => `placements.note:${placementId}`;

export const placementEncryptedColumns: readonly EncryptedColumn[] = [
  { table: 'host_offers', idColumn: 'id', column: 'address', context: addressContext },
  { table: 'placements', idColumn: 'id', column: 'note', context: placementNoteContext },
];
