/** Tables of the newsletter (module newsletter, issue 7). */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Timestamp } from './schema.js';

export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed' | 'bounced';
export type EditionStatus = 'draft' | 'sending' | 'paused' | 'sent';
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'bounced';

export interface Segment {
  professions?: string[];
  departements?: string[];
  languages?: string[];
}

export type Block =
  | { kind: 'text'; markdown: string }
  | { kind: 'resources'; title?: string; ids: string[] }
  | { kind: 'trainings'; title?: string }
  | { kind: 'plan'; title?: string };

export interface NewsletterSubscribersTable {
  id: Generated<string>;
  email: string;
  profession: string;
  departement_code: string;
  language: string;
  status: Generated<SubscriberStatus>;
  confirm_token_hash: string | null;
  confirm_expires_at: Timestamp | null;
  confirmation_sent_at: Timestamp | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  confirmed_at: Timestamp | null;
  unsubscribed_at: Timestamp | null;
  is_synthetic: Generated<boolean>;
}

export interface NewsletterSuppressionsTable {
  email: string;
  reason: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface NewsletterEditionsTable {
  id: Generated<string>;
  title: string;
  period: string;
  status: Generated<EditionStatus>;
  segment: JSONColumnType<Segment, string | undefined, string>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  send_started_at: Timestamp | null;
  sent_at: Timestamp | null;
  total: Generated<number>;
  featured: ColumnType<string[], string[] | undefined, string[]>;
  /** A public plan whose progress the edition shows (the "plan progress" block). */
  plan_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Whether the edition lists the training sessions to come (the "upcoming trainings" block). */
  trainings: Generated<boolean>;
}

export interface NewsletterEditionVariantsTable {
  edition_id: string;
  language: string;
  subject: string;
  blocks: JSONColumnType<Block[], string | undefined, string>;
}

export interface NewsletterDeliveriesTable {
  edition_id: string;
  subscriber_id: string;
  language: string;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  not_before: Timestamp | null;
  claimed_at: Timestamp | null;
  sent_at: Timestamp | null;
  error: string | null;
  /** The worker that recorded the letter as sent over a held session, and the number of its statement. */
  recorded_by: string | null;
  record_seq: number | null;
}

/** The workers sending an edition now, or killed while they did (migrations/0020). */
export interface NewsletterSendingWorkersTable {
  worker: string;
  edition_id: string;
  started_at: Timestamp;
}

export interface NewsletterRemindersTable {
  period: string;
  sent_at: ColumnType<Date, Date | string | undefined, never>;
}
