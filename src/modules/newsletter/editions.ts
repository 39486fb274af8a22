import { type Kysely, sql, type Transaction } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { Block, Segment } from '../../platform/db/schema-newsletter.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Jobs } from '../../platform/jobs/index.js';
import type { Clock } from '../../platform/time/clock.js';
import { isNewsletterLanguage, isProfession, periodOf } from './reference.js';

export const SEND_QUEUE = 'newsletter.send';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const mayEditLetters = (actor: Actor) => hasRole(actor, 'content_editor', 'national_admin');

export interface Progress {
  status: string;
  total: number;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  bounced: number;
}

/**
 * Editions of the newsletter: a draft in French with variants in other languages, an audience chosen by
 * profession × département × language (counted before sending), then a send handed to jobs.
 */
export function createEditions(deps: {
  db: Kysely<DB>;
  clock: Clock;
  jobs: Pick<Jobs, 'send'>;
  departements(): Promise<ReadonlyArray<{ code: string }>>;
  /** Published resources of the library among these ids (the "featured" block). */
  featuredResources(ids: readonly string[]): Promise<Array<{ id: string; title: string }>>;
}) {
  const { db, clock, jobs } = deps;

  async function checkSegment(segment: Segment): Promise<Segment> {
    const errors: Record<string, string> = {};
    const codes = new Set((await deps.departements()).map((d) => d.code));
    const clean = {
      professions: [...new Set(segment.professions ?? [])],
      departements: [...new Set(segment.departements ?? [])],
      languages: [...new Set(segment.languages ?? [])],
    };
    if (clean.professions.some((p) => !isProfession(p))) errors.professions = 'newsletter.errors.profession';
    if (clean.departements.some((d) => !codes.has(d))) errors.departements = 'newsletter.errors.departement';
    if (clean.languages.some((l) => !isNewsletterLanguage(l)))
      errors.languages = 'newsletter.errors.language';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return clean;
  }

  /** Confirmed subscribers in the segment whose address is not refused: the audience, counted or sent to. */
  function audienceQuery(trx: Kysely<DB> | Transaction<DB>, segment: Segment) {
    let query = trx
      .selectFrom('newsletter_subscribers as s')
      .where('s.status', '=', 'confirmed')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('newsletter_suppressions as x').select('x.email').whereRef('x.email', '=', 's.email'),
          ),
        ),
      );
    if (segment.professions?.length) query = query.where('s.profession', 'in', segment.professions);
    if (segment.departements?.length) query = query.where('s.departement_code', 'in', segment.departements);
    if (segment.languages?.length) query = query.where('s.language', 'in', segment.languages);
    return query;
  }

  async function editable(trx: Transaction<DB>, id: string) {
    const edition = UUID.test(id)
      ? await trx
          .selectFrom('newsletter_editions')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (!edition) throw new NotFoundError();
    if (edition.status !== 'draft') throw new ConflictError('newsletter.errors.notDraft');
    return edition;
  }

  return {
    audienceQuery,

    async create(
      actor: Actor,
      audit: AuditContext,
      input: { title: string; subject: string; markdown: string },
    ) {
      if (!mayEditLetters(actor)) throw new ForbiddenError();
      const errors: Record<string, string> = {};
      if (!input.title.trim() || input.title.length > 200) errors.title = 'newsletter.errors.title';
      if (!input.subject.trim() || input.subject.length > 200) errors.subject = 'newsletter.errors.subject';
      if (input.markdown.length > 50_000) errors.markdown = 'newsletter.errors.body';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const now = clock.now();
      return await db.transaction().execute(async (trx) => {
        const edition = await trx
          .insertInto('newsletter_editions')
          .values({
            title: input.title.trim(),
            period: periodOf(now),
            created_by: actor.userId,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('newsletter_edition_variants')
          .values({
            edition_id: edition.id,
            language: 'fr',
            subject: input.subject.trim(),
            blocks: JSON.stringify([{ kind: 'text', markdown: input.markdown }] satisfies Block[]),
          })
          .execute();
        await appendAudit(
          trx,
          audit,
          { action: 'newsletter.edition_created', targetType: 'newsletter_edition', targetId: edition.id },
          now,
        );
        return edition.id;
      });
    },

    /** Writes one language's subject and text (French is the reference; other languages are optional). */
    async saveVariant(
      actor: Actor,
      id: string,
      language: string,
      input: { subject: string; markdown: string },
    ) {
      if (!mayEditLetters(actor)) throw new ForbiddenError();
      const errors: Record<string, string> = {};
      if (!isNewsletterLanguage(language)) errors.language = 'newsletter.errors.language';
      if (!input.subject.trim() || input.subject.length > 200) errors.subject = 'newsletter.errors.subject';
      if (input.markdown.length > 50_000) errors.markdown = 'newsletter.errors.body';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      await db.transaction().execute(async (trx) => {
        await editable(trx, id);
        await trx
          .insertInto('newsletter_edition_variants')
          .values({
            edition_id: id,
            language,
            subject: input.subject.trim(),
            blocks: JSON.stringify([{ kind: 'text', markdown: input.markdown }] satisfies Block[]),
          })
          .onConflict((oc) =>
            oc.columns(['edition_id', 'language']).doUpdateSet((eb) => ({
              subject: eb.ref('excluded.subject'),
              blocks: eb.ref('excluded.blocks'),
            })),
          )
          .execute();
        await trx
          .updateTable('newsletter_editions')
          .set({ updated_at: clock.now() })
          .where('id', '=', id)
          .execute();
      });
    },

    async removeVariant(actor: Actor, id: string, language: string) {
      if (!mayEditLetters(actor)) throw new ForbiddenError();
      if (language === 'fr') throw new ValidationError({ language: 'newsletter.errors.frenchNeeded' });
      await db.transaction().execute(async (trx) => {
        await editable(trx, id);
        await trx
          .deleteFrom('newsletter_edition_variants')
          .where('edition_id', '=', id)
          .where('language', '=', language)
          .execute();
      });
    },

    async setSegment(actor: Actor, id: string, segment: Segment) {
      if (!mayEditLetters(actor)) throw new ForbiddenError();
      const clean = await checkSegment(segment);
      await db.transaction().execute(async (trx) => {
        await editable(trx, id);
        await trx
          .updateTable('newsletter_editions')
          .set({ segment: JSON.stringify(clean), updated_at: clock.now() })
          .where('id', '=', id)
          .execute();
      });
      return clean;
    },

    /** The library's published resources this edition features (shown in every language). */
    async setFeatured(actor: Actor, id: string, ids: readonly string[]) {
      if (!mayEditLetters(actor)) throw new ForbiddenError();
      const unique = [...new Set(ids)];
      if (unique.length > 10) throw new ValidationError({ featured: 'newsletter.errors.featured' });
      const found = await deps.featuredResources(unique);
      if (found.length !== unique.length)
        throw new ValidationError({ featured: 'newsletter.errors.featured' });
      await db.transaction().execute(async (trx) => {
        await editable(trx, id);
        await trx
          .updateTable('newsletter_editions')
          .set({ featured: unique, updated_at: clock.now() })
          .where('id', '=', id)
          .execute();
      });
    },

    /** How many subscribers a segment reaches now (the number the send will write to, if nothing changes meanwhile). */
    async audience(segment: Segment): Promise<number> {
      const clean = await checkSegment(segment);
      const row = await audienceQuery(db, clean)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async list() {
      return await db
        .selectFrom('newsletter_editions')
        .select(['id', 'title', 'period', 'status', 'total', 'created_at', 'sent_at'])
        .orderBy('created_at', 'desc')
        .execute();
    },

    async get(id: string) {
      const edition = UUID.test(id)
        ? await db.selectFrom('newsletter_editions').selectAll().where('id', '=', id).executeTakeFirst()
        : undefined;
      if (!edition) throw new NotFoundError();
      const variants = await db
        .selectFrom('newsletter_edition_variants')
        .selectAll()
        .where('edition_id', '=', id)
        .orderBy(sql`language = 'fr'`, 'desc')
        .orderBy('language')
        .execute();
      return { ...edition, variants };
    },

    /**
     * Starts the send: one delivery per subscriber of the audience, in their language when the edition has it (in
     * French otherwise), then a job sends them. Inside one transaction: a second click finds the edition sending.
     */
    async start(actor: Actor, audit: AuditContext, id: string, expected?: number): Promise<number> {
      if (!mayEditLetters(actor)) throw new ForbiddenError();
      const now = clock.now();
      return await db.transaction().execute(async (trx) => {
        const edition = await editable(trx, id);
        const languages = (
          await trx
            .selectFrom('newsletter_edition_variants')
            .select('language')
            .where('edition_id', '=', id)
            .execute()
        ).map((v) => v.language);
        if (!languages.includes('fr'))
          throw new ValidationError({ language: 'newsletter.errors.frenchNeeded' });
        const inserted = await trx
          .insertInto('newsletter_deliveries')
          .columns(['edition_id', 'subscriber_id', 'language'])
          .expression(
            audienceQuery(trx, edition.segment).select((eb) => [
              sql<string>`${id}::uuid`.as('edition_id'),
              's.id',
              eb
                .case()
                .when('s.language', 'in', languages)
                .then(eb.ref('s.language'))
                .else('fr')
                .end()
                .as('language'),
            ]),
          )
          .executeTakeFirst();
        const total = Number(inserted.numInsertedOrUpdatedRows ?? 0);
        // Fresh statistics, or the planner takes thousands of new rows for a few and claims by scanning and sorting
        // every queued row (28 ms per claim at 45,000 queued, bench/RESULTS.md) instead of reading the queue's index.
        await sql`ANALYZE newsletter_deliveries`.execute(trx);
        // The editor confirmed a number: if the audience changed since (a co-editor, new subscribers), ask again.
        if (expected !== undefined && expected !== total)
          throw new ConflictError('newsletter.errors.audienceChanged', { expected, total });
        await trx
          .updateTable('newsletter_editions')
          .set({ status: 'sending', send_started_at: now, total, updated_at: now })
          .where('id', '=', id)
          .execute();
        await jobs.send(SEND_QUEUE, { editionId: id }, { trx, singletonKey: id });
        await appendAudit(
          trx,
          audit,
          {
            action: 'newsletter.send_started',
            targetType: 'newsletter_edition',
            targetId: id,
            details: { total },
          },
          now,
        );
        return total;
      });
    },

    async progress(id: string): Promise<Progress> {
      const edition = UUID.test(id)
        ? await db
            .selectFrom('newsletter_editions')
            .select(['status', 'total'])
            .where('id', '=', id)
            .executeTakeFirst()
        : undefined;
      if (!edition) throw new NotFoundError();
      const rows = await db
        .selectFrom('newsletter_deliveries')
        .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
        .where('edition_id', '=', id)
        .groupBy('status')
        .execute();
      const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      return {
        status: edition.status,
        total: edition.total,
        queued: by.queued ?? 0,
        sending: by.sending ?? 0,
        sent: by.sent ?? 0,
        failed: by.failed ?? 0,
        bounced: by.bounced ?? 0,
      };
    },

    /** Sent editions, newest first, for the public archive and its RSS feed. */
    async archive() {
      return await db
        .selectFrom('newsletter_editions as e')
        .innerJoin('newsletter_edition_variants as v', (join) =>
          join.onRef('v.edition_id', '=', 'e.id').on('v.language', '=', 'fr'),
        )
        .select(['e.id', 'e.title', 'e.period', 'e.sent_at', 'v.subject', 'v.blocks'])
        .where('e.sent_at', 'is not', null) // sent once: uncertain letters sent again leave it in place
        .orderBy('e.sent_at', 'desc')
        .execute();
    },

    /** One sent edition in the archive, in a language it has (French otherwise). */
    async archived(id: string, language: string) {
      const edition = UUID.test(id)
        ? await db
            .selectFrom('newsletter_editions')
            .selectAll()
            .where('id', '=', id)
            .where('sent_at', 'is not', null)
            .executeTakeFirst()
        : undefined;
      if (!edition) throw new NotFoundError();
      const variants = await db
        .selectFrom('newsletter_edition_variants')
        .selectAll()
        .where('edition_id', '=', id)
        .execute();
      const variant =
        variants.find((v) => v.language === language) ?? variants.find((v) => v.language === 'fr')!;
      return { edition, variant, languages: variants.map((v) => v.language).sort() };
    },
  };
}

export type Editions = ReturnType<typeof createEditions>;
