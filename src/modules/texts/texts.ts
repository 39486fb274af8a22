import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';

export const TOPICS = ['infraction', 'peines', 'protection', 'sejour', 'procedure', 'mineurs'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const mayEditTexts = (actor: Actor) => hasRole(actor, 'content_editor', 'national_admin');

export interface LegalTextInput {
  code: string;
  article: string;
  title: string;
  topic: string;
  versionDate: string;
  legifranceUrl: string;
  officialText: string;
  summary: string;
}

/**
 * The legal texts page: each article by its reference, the date of the version described, its Légifrance link and
 * our plain-language summary. The official text is kept only when an editor pastes it verbatim from Légifrance;
 * Relais never writes it.
 */
export function createTexts(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;

  function check(input: LegalTextInput) {
    const errors: Record<string, string> = {};
    if (!input.code.trim() || input.code.length > 120) errors.code = 'texts.errors.code';
    if (!input.article.trim() || input.article.length > 60) errors.article = 'texts.errors.article';
    if (!input.title.trim() || input.title.length > 200) errors.title = 'texts.errors.title';
    if (!(TOPICS as readonly string[]).includes(input.topic)) errors.topic = 'texts.errors.topic';
    if (
      input.versionDate &&
      (!/^\d{4}-\d{2}-\d{2}$/.test(input.versionDate) ||
        Number.isNaN(Date.parse(`${input.versionDate}T00:00:00Z`)) ||
        new Date(`${input.versionDate}T00:00:00Z`).toISOString().slice(0, 10) !== input.versionDate)
    )
      errors.versionDate = 'texts.errors.date';
    if (!/^https:\/\/www\.legifrance\.gouv\.fr\/\S+$/.test(input.legifranceUrl))
      errors.legifranceUrl = 'texts.errors.url';
    if (!input.summary.trim() || input.summary.length > 5000) errors.summary = 'texts.errors.summary';
    if (input.officialText.length > 20_000) errors.officialText = 'texts.errors.official';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return {
      code: input.code.trim(),
      article: input.article.trim(),
      title: input.title.trim(),
      topic: input.topic,
      version_date: input.versionDate || null,
      legifrance_url: input.legifranceUrl,
      official_text: input.officialText.trim() || null,
      summary: input.summary.trim(),
    };
  }

  return {
    async list(options: { all?: boolean } = {}) {
      return await db
        .selectFrom('legal_texts')
        .selectAll()
        .$if(!options.all, (q) => q.where('status', '=', 'published'))
        .orderBy('code')
        .orderBy('article')
        .execute();
    },

    async get(id: string, options: { all?: boolean } = {}) {
      const row = UUID.test(id)
        ? await db
            .selectFrom('legal_texts')
            .selectAll()
            .where('id', '=', id)
            .$if(!options.all, (q) => q.where('status', '=', 'published'))
            .executeTakeFirst()
        : undefined;
      if (!row) throw new NotFoundError();
      return row;
    },

    async save(actor: Actor, audit: AuditContext, id: string | null, input: LegalTextInput): Promise<string> {
      if (!mayEditTexts(actor)) throw new ForbiddenError();
      const values = check(input);
      const now = clock.now();
      return await db.transaction().execute(async (trx) => {
        const duplicate = await trx
          .selectFrom('legal_texts')
          .select('id')
          .where('code', '=', values.code)
          .where('article', '=', values.article)
          .executeTakeFirst();
        if (duplicate && duplicate.id !== id)
          throw new ValidationError({ article: 'texts.errors.duplicate' });
        let savedId = id;
        if (id) {
          const done = UUID.test(id)
            ? await trx
                .updateTable('legal_texts')
                .set({ ...values, updated_at: now })
                .where('id', '=', id)
                .executeTakeFirst()
            : undefined;
          if (!done || Number(done.numUpdatedRows) === 0) throw new NotFoundError();
        } else {
          savedId = (
            await trx
              .insertInto('legal_texts')
              .values({ ...values, created_by: actor.userId, created_at: now, updated_at: now })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
        }
        await appendAudit(
          trx,
          audit,
          { action: 'texts.saved', targetType: 'legal_text', targetId: savedId! },
          now,
        );
        return savedId!;
      });
    },

    async setStatus(
      actor: Actor,
      audit: AuditContext,
      id: string,
      status: 'draft' | 'published',
    ): Promise<void> {
      if (!mayEditTexts(actor)) throw new ForbiddenError();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const done = UUID.test(id)
          ? await trx
              .updateTable('legal_texts')
              .set({ status, updated_at: now })
              .where('id', '=', id)
              .executeTakeFirst()
          : undefined;
        if (!done || Number(done.numUpdatedRows) === 0) throw new NotFoundError();
        await appendAudit(
          trx,
          audit,
          { action: `texts.${status}`, targetType: 'legal_text', targetId: id },
          now,
        );
      });
    },
  };
}

export type Texts = ReturnType<typeof createTexts>;
