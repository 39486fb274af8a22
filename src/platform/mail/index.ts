import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { FieldCipher } from '../crypto/fields.js';
import type { DB } from '../db/schema.js';
import type { Jobs } from '../jobs/index.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /** A calendar event carried as text/calendar (nodemailer's icalEvent): invitations to meetings. */
  icalEvent?: { method: 'REQUEST' | 'PUBLISH' | 'CANCEL'; filename: string; content: string };
}

export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** Permanent refusal by the receiving server (5xx): retrying will not help. */
export class PermanentMailError extends Error {
  override name = 'PermanentMailError';
}

export function createSmtpTransport(smtpUrl: string, from: string): MailTransport {
  // A pool of connections: one SMTP session serves many messages.
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  const transporter = nodemailer.createTransport(url.href, { from });
  return {
    kind: 'smtp',
    async send(message) {
      try {
        await transporter.sendMail({ from, ...message });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500) throw new PermanentMailError((error as Error).message);
        throw error;
      }
    },
    close: () => transporter.close(),
  };
}

/** Without SMTP_URL, messages are written as .eml files in `<data>/outbox/` and listed on an admin page. */
export function createOutboxTransport(dir: string, from: string): MailTransport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'outbox',
    async send(message) {
      const info = await builder.sendMail({ from, ...message });
      await fs.mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
      await fs.writeFile(path.join(dir, name), info.message as Buffer, { mode: 0o600 });
    },
    close: () => builder.close(),
  };
}

export const MAIL_QUEUE = 'mail.send';
export const MAIL_DEAD_QUEUE = 'mail.dead';
const CONTEXT = 'mail.queue';

export interface Mailer {
  /** Queues a message; inside `trx` it is only sent if the transaction commits. Retries until the server is back. */
  enqueue(message: MailMessage, trx?: Transaction<DB> | Kysely<DB>): Promise<void>;
}

/**
 * Messages wait in pg-boss, encrypted with the field cipher (links in them are credentials), and are retried
 * with backoff for about a day when the mail server is down; permanent refusals go to the dead-letter queue.
 */
export function createMailer(
  jobs: Jobs,
  transport: MailTransport,
  cipher: FieldCipher,
  logger: Logger,
  options: { retrySeconds: number } = { retrySeconds: 15 },
): Mailer {
  jobs.define({ name: MAIL_DEAD_QUEUE, options: { retentionSeconds: 30 * 24 * 3600 } });
  jobs.define<{ sealed: string }>({
    name: MAIL_QUEUE,
    options: {
      retryLimit: 40,
      retryDelay: options.retrySeconds,
      retryBackoff: true,
      retryDelayMax: 3600,
      deadLetter: MAIL_DEAD_QUEUE,
      deleteAfterSeconds: 24 * 3600,
    },
    concurrency: 4,
    pollingSeconds: Math.min(5, options.retrySeconds),
    handler: async (job) => {
      const message = JSON.parse(cipher.decrypt(job.data.sealed, CONTEXT)) as MailMessage;
      try {
        await transport.send(message);
      } catch (error) {
        if (error instanceof PermanentMailError) {
          logger.warn({ job: job.id }, 'mail refused permanently; moved to dead letters');
          await jobs.send(MAIL_DEAD_QUEUE, { sealed: job.data.sealed, reason: error.message });
          return;
        }
        throw error;
      }
    },
  });
  return {
    async enqueue(message, trx) {
      await jobs.send(MAIL_QUEUE, { sealed: cipher.encrypt(JSON.stringify(message), CONTEXT) }, trx ? { trx } : {});
    },
  };
}
