import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../platform/db/schema.js';
import type { Block } from '../../platform/db/schema-newsletter.js';
import { translator } from '../../platform/i18n/index.js';
import type { Jobs } from '../../platform/jobs/index.js';
import { type MailMessage, type MailTransport, PermanentMailError } from '../../platform/mail/index.js';
import type { Clock } from '../../platform/time/clock.js';
import { type ClaimedDelivery, deliveryFeed, sentRecorder } from './delivery-feed.js';
import { createHeldSession, type DotGate, type HeldSession } from './held-smtp.js';
import { type LetterStamp, type RawMessage, stampLetters } from './letter-stamp.js';
import { SEND_QUEUE } from './editions.js';
import { type PlanSummary, planBlock } from './plan-block.js';
import { trainingsBlock, type UpcomingTraining } from './trainings-block.js';
import { LINK_TOKEN, type RenderedLetter, renderLetter } from './render.js';
import type { NewsletterTokens } from './tokens.js';

/** Attempts of one message before it is given up (temporary failures: 4xx, connection lost). */
export const MAX_ATTEMPTS = 5;
/** A delivery claimed longer ago than this by a worker that is gone is claimed again. */
export const LEASE_SECONDS = 120;
export const RESUME_QUEUE = 'newsletter.resume';

export interface SendSettings {
  /** Messages per second, across the worker (0: no limit). */
  rate: number;
  /** SMTP connections kept open and used at once. */
  connections: number;
  publicUrl: string;
  from: string;
}

/** A mail transport that can also open held sessions (`held-smtp.ts`): one per sending lane. */
export interface BulkTransport extends MailTransport {
  session?(): HeldSession;
}

/**
 * Bulk sending over SMTP. The sender opens one held session per lane; `send`, for anything else, goes one message at
 * a time over a session of its own.
 */
export function createBulkSmtpTransport(smtpUrl: string, from: string): BulkTransport {
  const sessions = new Set<HeldSession>();
  const open = (): HeldSession => {
    const session = createHeldSession(smtpUrl);
    sessions.add(session);
    return {
      send: session.send,
      sendRaw: session.sendRaw,
      close() {
        sessions.delete(session);
        session.close();
      },
    };
  };
  let own: HeldSession | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    kind: 'smtp',
    send(message) {
      own ??= open();
      const session = own;
      const sent = queue.then(() => session.send(from, message, (gate) => gate.release()));
      queue = sent.catch(() => undefined);
      return sent;
    },
    session: open,
    close: () => {
      for (const session of sessions) session.close();
      sessions.clear();
      own = undefined;
    },
  };
}

/** At most `rate` starts per second (a small burst allowed), shared by the sending loops. */
function pacer(rate: number) {
  const interval = rate > 0 ? 1000 / rate : 0;
  let next = 0;
  return async () => {
    if (interval === 0) return;
    const now = performance.now();
    next = Math.max(next, now - 10 * interval) + interval;
    const wait = next - now;
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
  };
}

/**
 * Sends an edition's deliveries. Each worker claims rows ahead of its lanes (row locks, SKIP LOCKED: several workers
 * share a send), records each message with the final dot of its SMTP DATA (`held-smtp.ts`), and on stop finishes
 * what it started and returns the rest to the queue. A delivery exists once per subscriber and edition, so a resumed
 * send never writes twice to anyone it has recorded as sent; the claims of a crashed worker are queued again after
 * LEASE_SECONDS, and they hold only messages the server never accepted. (Only the gap between the record's write and
 * the dot's, two writes in one turn of the event loop, is left to chance.)
 */
export function createSender(deps: {
  db: Kysely<DB>;
  clock: Clock;
  jobs: Pick<Jobs, 'send'>;
  transport: BulkTransport;
  /**
   * True for an embedded database: it commits in this thread, so a record is committed before its final dot, and its
   * one connection is never held for the records. A database server gets the record just before the dot.
   */
  commitBeforeDot: boolean;
  tokens: NewsletterTokens;
  settings: SendSettings;
  logger: Logger;
  bounced(email: string, reason: string): Promise<unknown>;
  featuredResources(ids: readonly string[]): Promise<Array<{ id: string; title: string }>>;
  /** The public plan whose progress the edition shows, if any. */
  planOf?(editionId: string): Promise<PlanSummary | null>;
  /** The training sessions the edition lists as of `at`, if it carries the block. */
  trainingsOf?(editionId: string, at: Date): Promise<UpcomingTraining[] | null>;
}) {
  const { db, clock, transport, tokens, settings, logger } = deps;
  let stopping = false;
  const running = new Set<Promise<unknown>>();
  const link = (path: string) => new URL(path, settings.publicUrl).href;
  // Parsed once per sender, not once per message.
  const host = new URL(settings.publicUrl).hostname;
  const unsubscribeBase = link('/lettre/desabonnement/');

  async function letters(editionId: string): Promise<Map<string, RenderedLetter>> {
    const edition = await db
      .selectFrom('newsletter_editions')
      .select('featured')
      .where('id', '=', editionId)
      .executeTakeFirst();
    const featured = (await deps.featuredResources(edition?.featured ?? [])).map((r) => ({
      title: r.title,
      url: link(`/outils/${r.id}`),
    }));
    const plan = (await deps.planOf?.(editionId)) ?? null;
    const trainings = (await deps.trainingsOf?.(editionId, clock.now())) ?? null;
    const variants = await db
      .selectFrom('newsletter_edition_variants')
      .select(['language', 'subject', 'blocks'])
      .where('edition_id', '=', editionId)
      .execute();
    const rendered = new Map<string, RenderedLetter>();
    for (const v of variants) {
      const locale = v.language === 'fr' ? 'fr' : 'en';
      const t = translator(locale);
      rendered.set(
        v.language,
        renderLetter(
          { subject: v.subject, blocks: v.blocks as Block[], language: v.language },
          {
            footer: t('newsletter.mail.footer'),
            archive: t('newsletter.mail.archive'),
            preferences: t('newsletter.mail.preferences'),
            unsubscribe: t('newsletter.mail.unsubscribe'),
            featured: t('newsletter.mail.featured'),
          },
          {
            archive: link(`/lettre/archives/${editionId}?langue=${v.language}`),
            // After the URL is built: `new URL` would percent-encode the placeholder's braces (`%7B%7Blien%7D%7D`).
            preferences: `${link('/lettre/preferences/')}${LINK_TOKEN}`,
            unsubscribe: `${link('/lettre/desabonnement/')}${LINK_TOKEN}`,
          },
          featured,
          plan ? planBlock(t, plan, link(`/plan/${plan.slug}`)) : null,
          trainings ? trainingsBlock(t, locale, trainings, link) : null,
        ),
      );
    }
    return rendered;
  }

  /** The subscriber's link token and the message's id: unique per edition and subscriber, the id not in clear. */
  function ids(editionId: string, subscriberId: string): { token: string; messageId: string } {
    const messageId = createHash('sha256').update(`${editionId}:${subscriberId}`).digest('hex').slice(0, 32);
    return { token: tokens.manage(subscriberId), messageId };
  }

  function compose(letter: RenderedLetter, to: string, token: string, messageId: string): MailMessage {
    return {
      to,
      subject: letter.subject,
      text: letter.text.replaceAll(LINK_TOKEN, token),
      html: letter.html.replaceAll(LINK_TOKEN, token),
      headers: {
        // RFC 2369 and RFC 8058: one-click unsubscribe by an HTTPS POST, no login, no confirmation page.
        'List-Unsubscribe': `<${unsubscribeBase}${token}>`, // a token is URL-safe: `<uuid>.<base64url>`
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'List-Id': `Lettre Relais <lettre.${host}>`,
        'Message-ID': `<${messageId}@${host}>`,
      },
    };
  }

  const mark = (editionId: string, subscriberId: string, values: Record<string, unknown>) =>
    db
      .updateTable('newsletter_deliveries')
      .set(values)
      .where('edition_id', '=', editionId)
      .where('subscriber_id', '=', subscriberId)
      .execute();

  /** A message the server did not take: blocklisted (5xx for the recipient), retried later, or given up. */
  async function failed(editionId: string, row: ClaimedDelivery, email: string, failure: unknown) {
    const reason = (failure as Error).message.slice(0, 300);
    if (failure instanceof PermanentMailError) {
      await mark(editionId, row.subscriber_id, { status: 'bounced', error: reason });
      await deps.bounced(email, reason);
    } else if (row.attempts >= MAX_ATTEMPTS) {
      await mark(editionId, row.subscriber_id, { status: 'failed', error: reason });
    } else {
      const delay = 30_000 * 2 ** (row.attempts - 1);
      await mark(editionId, row.subscriber_id, {
        status: 'queued',
        error: reason,
        not_before: new Date(clock.now().getTime() + delay),
      });
    }
  }

  async function run(editionId: string): Promise<'sent' | 'stopped' | 'waiting'> {
    const edition = await db
      .selectFrom('newsletter_editions')
      .select(['status'])
      .where('id', '=', editionId)
      .executeTakeFirst();
    if (!edition || edition.status !== 'sending') return 'sent';
    const rendered = await letters(editionId);
    // Over held sessions, each language's letter is built once and stamped for each subscriber (letter-stamp.ts).
    const stamps = transport.session
      ? await stampLetters(rendered, settings.from, compose, clock.now(), logger)
      : new Map<string, LetterStamp>();
    const pace = pacer(settings.rate);
    // A batch must go out well within the lease, even at a low rate (its claims are renewed meanwhile too).
    const fullBatch = Math.max(20, settings.connections * 10);
    const batch =
      settings.rate > 0
        ? Math.max(1, Math.min(fullBatch, Math.floor((settings.rate * LEASE_SECONDS) / 4)))
        : fullBatch;
    const feed = deliveryFeed({
      db,
      clock,
      logger,
      editionId,
      batch,
      lowWater: Math.ceil(batch / 2),
      leaseSeconds: LEASE_SECONDS,
    });
    const recorder = sentRecorder({ db, clock, logger, editionId, commitBeforeDot: deps.commitBeforeDot });
    if (transport.session) await recorder.open(); // records of held sessions only: `sent` needs no held connection
    let broken: { error: unknown } | undefined;
    const halted = () => stopping || broken !== undefined;
    /** Sends over a held session: the record goes with the final dot (or just before it, embedded). */
    async function sendHeld(
      session: HeldSession,
      mail: MailMessage | RawMessage,
      row: ClaimedDelivery,
      email: string,
    ) {
      let record: Promise<void> | undefined;
      // A failed write refuses the dot when the commit comes first: nothing is sent.
      const hold = (gate: DotGate) => {
        record = recorder.withDot(row.subscriber_id, gate);
      };
      try {
        if ('raw' in mail) await session.sendRaw(mail, hold);
        else await session.send(settings.from, mail, hold);
      } catch (failure) {
        // A verdict after the dot (or a connection lost while the server decided) overrides the record.
        await record?.catch(() => undefined);
        await failed(editionId, row, email, failure);
        return;
      }
      await record?.catch(() => undefined); // logged by the recorder; the row goes out again after its lease
    }

    const lane = async () => {
      const session = transport.session?.();
      try {
        for (;;) {
          if (halted()) return;
          const row = await feed.next();
          if (!row) return;
          if (halted()) {
            feed.putBack(row); // not attempted: back to the queue for whoever resumes
            return;
          }
          if (!row.email) continue; // erased meanwhile (its delivery went with it)
          await pace();
          const language = rendered.has(row.language) ? row.language : 'fr';
          const letter = rendered.get(language)!;
          const { token, messageId } = ids(editionId, row.subscriber_id);
          if (session) {
            const stamped = stamps.get(language)?.stamp(row.email, token, messageId);
            await sendHeld(session, stamped ?? compose(letter, row.email, token, messageId), row, row.email);
            continue;
          }
          const mail = compose(letter, row.email, token, messageId);
          try {
            await transport.send(mail);
          } catch (failure) {
            await failed(editionId, row, row.email, failure);
            continue;
          }
          // Without a held session (the outbox, a test's transport), the record follows the server's reply: at once,
          // without holding the lane, and the lane lets the event loop turn so that every reply read in this turn is
          // recorded before the next letter is built (bench/RESULTS.md: 1.5 messages sent twice per SIGKILL with the
          // turn, 4.4 without, at 1,100–1,200 a second).
          recorder.sent(row.subscriber_id);
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        session?.close();
      }
    };
    // A lane that fails (the database, say) stops the others at their next row; every lane ends before the records
    // are drained and the untaken rows given back, so none is left claimed by a `run` that has returned.
    await Promise.all(
      Array.from({ length: settings.connections }, () =>
        lane().catch((error) => {
          broken ??= { error };
        }),
      ),
    );
    await recorder.close();
    await feed.close();
    if (broken) throw broken.error;
    if (stopping) return 'stopped';
    // Nothing claimable: done, or retries waiting for their time (the resume job comes back for them).
    const left = await db
      .selectFrom('newsletter_deliveries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('edition_id', '=', editionId)
      .where('status', 'in', ['queued', 'sending'])
      .executeTakeFirstOrThrow();
    if (Number(left.n) > 0) return 'waiting';
    await db
      .updateTable('newsletter_editions')
      // The first send's date, the archive's, stays when uncertain letters are sent again (uncertain.ts).
      .set((eb) => ({
        status: 'sent',
        sent_at: eb.fn.coalesce('sent_at', eb.val(clock.now())),
        updated_at: clock.now(),
      }))
      .where('id', '=', editionId)
      .where('status', '=', 'sending')
      .execute();
    logger.info({ editionId }, 'newsletter edition sent');
    return 'sent';
  }

  return {
    /** Sends what is left of an edition (the job's handler). */
    async send(editionId: string) {
      const work = run(editionId);
      running.add(work);
      try {
        return await work;
      } finally {
        running.delete(work);
      }
    },

    /**
     * Claims left by a worker that is gone go back to the queue; every edition still sending gets a job. Runs every
     * minute and when workers start.
     */
    async resume(): Promise<number> {
      const expired = new Date(clock.now().getTime() - LEASE_SECONDS * 1000);
      await db
        .updateTable('newsletter_deliveries')
        .set({ status: 'queued' })
        .where('status', '=', 'sending')
        .where('claimed_at', '<', expired)
        .execute();
      const sending = await db
        .selectFrom('newsletter_editions')
        .select('id')
        .where('status', '=', 'sending')
        .execute();
      // No singleton key: the job of a killed worker may still look active to the queue. Two jobs of one edition
      // share the work (disjoint claims); one that finds nothing to claim ends at once.
      for (const e of sending) await deps.jobs.send(SEND_QUEUE, { editionId: e.id });
      return sending.length;
    },

    /** Stop: finish the messages in flight, give the others back, return. */
    async stop(): Promise<void> {
      stopping = true;
      await Promise.allSettled([...running]);
    },

    /** After a stop, in the same process (tests). */
    restart(): void {
      stopping = false;
    },
  };
}

export type Sender = ReturnType<typeof createSender>;
