import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { type Locale, translator } from '../../platform/i18n/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { Clock } from '../../platform/time/clock.js';
import { EMAIL, isNewsletterLanguage, isProfession } from './reference.js';
import { hashToken, type NewsletterTokens } from './tokens.js';

/** A confirmation link is valid this long. */
export const CONFIRMATION_DAYS = 7;
/** At most one mail to an address in this window, however often the form is sent (no mail flood). */
export const RESEND_MINUTES = 15;

export interface SubscriptionInput {
  email: string;
  profession: string;
  departement: string;
  language: string;
}

export interface SubscriberData {
  email: string;
  profession: string;
  departement: string;
  language: string;
  status: string;
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  deliveries: Array<{ edition: string; status: string; sentAt: string | null }>;
}

const mailLocale = (language: string): Locale => (language === 'fr' ? 'fr' : 'en');

/**
 * Subscribing with double opt-in, the subscriber's own page (preferences, unsubscribe, export, erase), and hard
 * bounces. The form always gets the same answer, whether the address is new, pending, confirmed or refused.
 */
export function createSubscriptions(deps: {
  db: Kysely<DB>;
  clock: Clock;
  mailer: Pick<Mailer, 'enqueue'>;
  tokens: NewsletterTokens;
  publicUrl: string;
  departements(): Promise<ReadonlyArray<{ code: string }>>;
}) {
  const { db, clock, mailer, tokens, publicUrl } = deps;
  const link = (path: string) => new URL(path, publicUrl).href;

  async function check(input: SubscriptionInput, withEmail: boolean) {
    const errors: Record<string, string> = {};
    const email = input.email.trim().toLowerCase();
    if (withEmail && (email.length > 254 || !EMAIL.test(email))) errors.email = 'newsletter.errors.email';
    if (!isProfession(input.profession)) errors.profession = 'newsletter.errors.profession';
    const departements = await deps.departements();
    if (!departements.some((d) => d.code === input.departement))
      errors.departement = 'newsletter.errors.departement';
    if (!isNewsletterLanguage(input.language)) errors.language = 'newsletter.errors.language';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return email;
  }

  /** The subscriber a preference or unsubscribe link points at. */
  async function byLink(token: string) {
    const id = tokens.verify(token);
    const row = id
      ? await db.selectFrom('newsletter_subscribers').selectAll().where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!row) throw new NotFoundError('newsletter.errors.link');
    return row;
  }

  return {
    /** Records the request and mails a confirmation link, at most once per address every RESEND_MINUTES. */
    async subscribe(input: SubscriptionInput): Promise<void> {
      const email = await check(input, true);
      const now = clock.now();
      const recently = new Date(now.getTime() - RESEND_MINUTES * 60_000);
      const values = {
        profession: input.profession,
        departement_code: input.departement,
        language: input.language,
      };
      await db.transaction().execute(async (trx) => {
        const refused = await trx
          .selectFrom('newsletter_suppressions')
          .select('email')
          .where('email', '=', email)
          .executeTakeFirst();
        if (refused) return; // its server refuses our mail for good: nothing is sent, the answer is the same
        const existing = await trx
          .selectFrom('newsletter_subscribers')
          .selectAll()
          .where('email', '=', email)
          .forUpdate()
          .executeTakeFirst();
        const mayMail = !existing?.confirmation_sent_at || existing.confirmation_sent_at < recently;
        const t = translator(mailLocale(input.language));
        if (existing?.status === 'confirmed') {
          // Already subscribed: a reminder of the subscriber's own link, not a second subscription.
          if (!mayMail) return;
          await trx
            .updateTable('newsletter_subscribers')
            .set({ confirmation_sent_at: now })
            .where('id', '=', existing.id)
            .execute();
          await mailer.enqueue(
            {
              to: email,
              subject: t('newsletter.mails.already.subject'),
              text: t('newsletter.mails.already.text', {
                link: link(`/lettre/preferences/${tokens.manage(existing.id)}`),
              }),
            },
            trx,
          );
          return;
        }
        if (existing && !mayMail) {
          await trx.updateTable('newsletter_subscribers').set(values).where('id', '=', existing.id).execute();
          return;
        }
        const confirmation = tokens.confirmation();
        const pending = {
          ...values,
          status: 'pending' as const,
          confirm_token_hash: confirmation.hash,
          confirm_expires_at: new Date(now.getTime() + CONFIRMATION_DAYS * 86_400_000),
          confirmation_sent_at: now,
        };
        if (existing) {
          await trx
            .updateTable('newsletter_subscribers')
            .set(pending)
            .where('id', '=', existing.id)
            .execute();
        } else {
          const inserted = await trx
            .insertInto('newsletter_subscribers')
            .values({ email, ...pending, created_at: now })
            .onConflict((oc) => oc.column('email').doNothing())
            .executeTakeFirst();
          // The same address sent twice at once: the other request records it and mails it; same answer here.
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
        }
        await mailer.enqueue(
          {
            to: email,
            subject: t('newsletter.mails.confirm.subject'),
            text: t('newsletter.mails.confirm.text', {
              link: link(`/lettre/confirmer/${confirmation.token}`),
              days: CONFIRMATION_DAYS,
            }),
          },
          trx,
        );
      });
    },

    /** Is this a confirmation link we sent, still valid? (The page asks to press a button: mail scanners open links.) */
    async confirmation(token: string): Promise<'valid' | 'expired'> {
      const row = await db
        .selectFrom('newsletter_subscribers')
        .select(['confirm_expires_at'])
        .where('confirm_token_hash', '=', hashToken(token))
        .executeTakeFirst();
      if (!row) throw new NotFoundError('newsletter.errors.link');
      return row.confirm_expires_at && row.confirm_expires_at < clock.now() ? 'expired' : 'valid';
    },

    /** Confirms the subscription; the subscriber's own link, for the page that follows. */
    async confirm(token: string): Promise<string> {
      const now = clock.now();
      const row = await db
        .selectFrom('newsletter_subscribers')
        .select(['id', 'confirm_expires_at'])
        .where('confirm_token_hash', '=', hashToken(token))
        .executeTakeFirst();
      if (!row) throw new NotFoundError('newsletter.errors.link');
      if (row.confirm_expires_at && row.confirm_expires_at < now)
        throw new ValidationError({}, 'newsletter.errors.expired', { days: CONFIRMATION_DAYS });
      await db
        .updateTable('newsletter_subscribers')
        .set({ status: 'confirmed', confirmed_at: now, confirm_token_hash: null, confirm_expires_at: null })
        .where('id', '=', row.id)
        .execute();
      return tokens.manage(row.id);
    },

    byLink,

    async updatePreferences(token: string, input: Omit<SubscriptionInput, 'email'>): Promise<void> {
      const subscriber = await byLink(token);
      await check({ ...input, email: subscriber.email }, false);
      await db
        .updateTable('newsletter_subscribers')
        .set({ profession: input.profession, departement_code: input.departement, language: input.language })
        .where('id', '=', subscriber.id)
        .execute();
    },

    /** One click (RFC 8058) or the button of the subscriber's page: no further letter. */
    async unsubscribe(token: string): Promise<void> {
      const subscriber = await byLink(token);
      if (subscriber.status === 'unsubscribed') return;
      await db
        .updateTable('newsletter_subscribers')
        .set({ status: 'unsubscribed', unsubscribed_at: clock.now() })
        .where('id', '=', subscriber.id)
        .execute();
      // Letters of an edition being sent that have not left yet stay unsent.
      await db
        .deleteFrom('newsletter_deliveries')
        .where('subscriber_id', '=', subscriber.id)
        .where('status', '=', 'queued')
        .execute();
    },

    /** Everything Relais holds about the subscriber (GDPR access). */
    async export(token: string): Promise<SubscriberData> {
      const s = await byLink(token);
      const deliveries = await db
        .selectFrom('newsletter_deliveries as d')
        .innerJoin('newsletter_editions as e', 'e.id', 'd.edition_id')
        .select(['e.title', 'd.status', 'd.sent_at'])
        .where('d.subscriber_id', '=', s.id)
        .orderBy('e.created_at')
        .execute();
      return {
        email: s.email,
        profession: s.profession,
        departement: s.departement_code,
        language: s.language,
        status: s.status,
        createdAt: s.created_at.toISOString(),
        confirmedAt: s.confirmed_at?.toISOString() ?? null,
        unsubscribedAt: s.unsubscribed_at?.toISOString() ?? null,
        deliveries: deliveries.map((d) => ({
          edition: d.title,
          status: d.status,
          sentAt: d.sent_at?.toISOString() ?? null,
        })),
      };
    },

    /** Erases the subscriber and their delivery history (the editions keep their totals). */
    async erase(token: string): Promise<void> {
      const subscriber = await byLink(token);
      await db.deleteFrom('newsletter_subscribers').where('id', '=', subscriber.id).execute();
    },

    /** A hard bounce (SMTP 5xx while sending, or the bounce webhook): that address is never written to again. */
    async bounced(emailAddress: string, reason: string): Promise<boolean> {
      const email = emailAddress.trim().toLowerCase();
      if (!EMAIL.test(email)) throw new ValidationError({ email: 'newsletter.errors.email' });
      return await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('newsletter_suppressions')
          .values({ email, reason: reason.slice(0, 300), created_at: clock.now() })
          .onConflict((oc) => oc.column('email').doNothing())
          .execute();
        const subscriber = await trx
          .updateTable('newsletter_subscribers')
          .set({ status: 'bounced' })
          .where('email', '=', email)
          .returning('id')
          .executeTakeFirst();
        if (subscriber)
          await trx
            .updateTable('newsletter_deliveries')
            .set({ status: 'bounced', error: reason.slice(0, 300) })
            .where('subscriber_id', '=', subscriber.id)
            .where('status', '=', 'queued')
            .execute();
        return subscriber !== undefined;
      });
    },
  };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;
