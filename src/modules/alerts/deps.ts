import type { Kysely } from 'kysely';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import type { EncryptedColumn } from '../../platform/crypto/rotate.js';
import type { DB } from '../../platform/db/schema.js';
import type { Geo } from '../../platform/geo/index.js';
import type { Jobs } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { Realtime } from '../../platform/realtime/index.js';
import type { Clock } from '../../platform/time/clock.js';
import type { RoutingCache } from './routing-cache.js';

export const ALERTS_CHANNEL = 'relais_alerts';

export interface AlertSettings {
  publicUrl: string;
  /** An open alert with no event for this long gets a reminder. */
  reminderHours: number;
}

export interface AlertDeps {
  db: Kysely<DB>;
  cipher: FieldCipher;
  clock: Clock;
  geo: Pick<Geo, 'commune' | 'departement' | 'airport'>;
  jobs: Pick<Jobs, 'send'>;
  mailer: Mailer;
  realtime: Realtime;
  routing: RoutingCache;
  settings: AlertSettings;
}

/** What every instance is told about an alert change; identifiers and codes only. */
export interface AlertSignal {
  id: string;
  reference: string;
  kind: string;
  status: string;
  departement: string;
  reporter: string;
  desks: string[];
}

export const descriptionContext = (alertId: string) => `alerts.description:${alertId}`;
export const noteContext = (alertId: string) => `alert_events.note:${alertId}`;

export const alertEncryptedColumns: readonly EncryptedColumn[] = [
  { table: 'alerts', idColumn: 'id', column: 'description', context: descriptionContext },
  { table: 'alert_events', idColumn: 'id', column: 'note', contextColumn: 'alert_id', context: noteContext },
];
