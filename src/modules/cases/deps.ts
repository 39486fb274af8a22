import type { Kysely } from 'kysely';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import type { EncryptedColumn } from '../../platform/crypto/rotate.js';
import type { DB } from '../../platform/db/schema.js';
import type { Jobs } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { Clock } from '../../platform/time/clock.js';
import type { AlertInput } from '../alerts/schemas.js';
import type { Actor } from '../../platform/auth/roles.js';
import type { AuditContext } from '../../platform/audit/index.js';

/** What a case file needs from the alerts module: an alert it is opened from, a runaway alert, references. */
export interface CaseAlerts {
  caseContext(
    actor: Actor,
    alertId: string,
  ): Promise<{
    id: string;
    reference: string;
    departement: string;
    hasMinor: boolean;
    forms: string[];
    persons: Array<{
      minor: string;
      gender: string;
      age: number | null;
      nationality: string | null;
      languages: string[];
    }>;
  }>;
  raise(
    actor: Actor,
    audit: AuditContext,
    input: AlertInput,
    idempotencyKey?: string,
    options?: { toDesks?: readonly string[] },
  ): Promise<{ alert: { id: string; reference: string } }>;
  /** Active desks of an organisation (the lead's desks receive its runaway alerts). */
  desksOfOrganisation(organisationId: string): Promise<string[]>;
  references(ids: readonly string[]): Promise<Map<string, string>>;
  /** Recent alerts received by an organisation's desks (codes and dates only). */
  receivedByOrganisation(
    organisationId: string,
    since: Date,
  ): Promise<
    Array<{
      id: string;
      reference: string;
      created_at: Date;
      has_minor: boolean;
      departement_code: string;
      context: string;
      status: string;
    }>
  >;
}

export interface CaseDeps {
  db: Kysely<DB>;
  cipher: FieldCipher;
  clock: Clock;
  jobs: Pick<Jobs, 'send'>;
  mailer: Mailer;
  alerts: CaseAlerts;
  /** References of placements, for the links of a file. */
  placementReferences(ids: readonly string[]): Promise<Map<string, string>>;
  /** Whether the actor may see this placement (only those can be linked to a file). */
  placementVisible(actor: Actor, placementId: string): Promise<boolean>;
  settings: { publicUrl: string; retentionMonths: number };
}

export const identityContext = (column: string) => (caseId: string) => `cases.${column}:${caseId}`;
export const eventNoteContext = (eventId: string) => `case_events.note:${eventId}`;

const IDENTITY = [
  'identity_names',
  'identity_aliases',
  'identity_birth_date',
  'identity_contact',
  'identity_documents',
] as const;

export const caseEncryptedColumns: readonly EncryptedColumn[] = [
  ...IDENTITY.map((column) => ({ table: 'cases', idColumn: 'id', column, context: identityContext(column) })),
  { table: 'case_events', idColumn: 'id', column: 'note', context: eventNoteContext },
];
