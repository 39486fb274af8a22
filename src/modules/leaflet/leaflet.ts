import { diffWords } from 'diff';
import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { TranslationStatus } from '../../platform/db/schema-leaflet.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';

/** The languages the leaflet is translated into (French is the reference). */
export const LEAFLET_LANGUAGES = ['en', 'es', 'pt', 'ro', 'bg', 'ar', 'zh', 'vi', 'ru', 'uk'] as const;
export type LeafletLanguage = (typeof LEAFLET_LANGUAGES)[number];
export const isLeafletLanguage = (value: string): value is LeafletLanguage =>
  (LEAFLET_LANGUAGES as readonly string[]).includes(value);
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const mayEditLeaflet = (actor: Actor) => hasRole(actor, 'content_editor', 'national_admin');

/** A part of a word diff between the French a translation was made from and the French of today. */
export interface DiffPart {
  text: string;
  change: 'same' | 'added' | 'removed';
}

export interface LeafletSection {
  id: string;
  key: string;
  title: string;
  body: string;
  /** What a reader of that language sees: the translation once it exists, the French otherwise. */
  language: string;
  status: TranslationStatus | 'reference';
  assisted: boolean;
}

/**
 * The reference leaflet for possible victims: sections written in French, each translated into ten languages with
 * its own workflow (to translate → to review → validated). When a French section changes, its translations go back
 * to review and the reviewer sees what changed in the French since the translation was made.
 */
export function createLeaflet(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;

  async function section(id: string) {
    const row = UUID.test(id)
      ? await db.selectFrom('leaflet_sections').selectAll().where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!row) throw new NotFoundError();
    return row;
  }

  function checkText(input: { title: string; body: string }) {
    const errors: Record<string, string> = {};
    if (!input.title.trim() || input.title.length > 200) errors.title = 'leaflet.errors.title';
    if (!input.body.trim() || input.body.length > 5000) errors.body = 'leaflet.errors.body';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return { title: input.title.trim(), body: input.body.trim() };
  }

  return {
    /** The leaflet in one language (`fr` or a translation), section by section. */
    async read(language: string): Promise<LeafletSection[]> {
      if (language !== 'fr' && !isLeafletLanguage(language)) throw new NotFoundError();
      const rows = await db
        .selectFrom('leaflet_sections as s')
        .leftJoin('leaflet_translations as t', (join) =>
          join.onRef('t.section_id', '=', 's.id').on('t.language', '=', language),
        )
        .select([
          's.id',
          's.key',
          's.title',
          's.body',
          't.title as t_title',
          't.body as t_body',
          't.status',
          't.assisted',
        ])
        .orderBy('s.position')
        .execute();
      return rows.map((r) => {
        const translated =
          language !== 'fr' && r.status && r.status !== 'to_translate' && r.t_title && r.t_body;
        return {
          id: r.id,
          key: r.key,
          title: translated ? r.t_title! : r.title,
          body: translated ? r.t_body! : r.body,
          language: translated ? language : 'fr',
          status: language === 'fr' ? 'reference' : (r.status ?? 'to_translate'),
          assisted: !!r.assisted,
        };
      });
    },

    /** Every section with the state of each of its translations (the editors' board). */
    async board() {
      const sections = await db.selectFrom('leaflet_sections').selectAll().orderBy('position').execute();
      const translations = await db
        .selectFrom('leaflet_translations')
        .select(['section_id', 'language', 'status', 'assisted', 'source_version'])
        .execute();
      return sections.map((s) => ({
        ...s,
        translations: Object.fromEntries(
          LEAFLET_LANGUAGES.map((l) => {
            const t = translations.find((x) => x.section_id === s.id && x.language === l);
            return [
              l,
              t
                ? { status: t.status, assisted: t.assisted, outdated: t.source_version < s.version }
                : { status: 'to_translate' as const, assisted: false, outdated: false },
            ];
          }),
        ) as Record<LeafletLanguage, { status: TranslationStatus; assisted: boolean; outdated: boolean }>,
      }));
    },

    /** One translation with its French, and the word diff of the French since the translation was made. */
    async translation(sectionId: string, language: string) {
      if (!isLeafletLanguage(language)) throw new NotFoundError();
      const s = await section(sectionId);
      const t = await db
        .selectFrom('leaflet_translations')
        .selectAll()
        .where('section_id', '=', sectionId)
        .where('language', '=', language)
        .executeTakeFirst();
      const changed = !!t && t.source_version > 0 && t.source_version < s.version;
      const diff = (before: string, after: string): DiffPart[] =>
        diffWords(before, after).map((p) => ({
          text: p.value,
          change: p.added ? 'added' : p.removed ? 'removed' : 'same',
        }));
      return {
        section: s,
        language,
        title: t?.title ?? '',
        body: t?.body ?? '',
        status: (t?.status ?? 'to_translate') as TranslationStatus,
        assisted: t?.assisted ?? false,
        changed,
        titleDiff: changed ? diff(t!.source_title, s.title) : [],
        bodyDiff: changed ? diff(t!.source_body, s.body) : [],
      };
    },

    /** Changes a French section: its translations made from the former French go back to review. */
    async editSection(actor: Actor, audit: AuditContext, id: string, input: { title: string; body: string }) {
      if (!mayEditLeaflet(actor)) throw new ForbiddenError();
      const text = checkText(input);
      const now = clock.now();
      return await db.transaction().execute(async (trx) => {
        const current = UUID.test(id)
          ? await trx
              .selectFrom('leaflet_sections')
              .selectAll()
              .where('id', '=', id)
              .forUpdate()
              .executeTakeFirst()
          : undefined;
        if (!current) throw new NotFoundError();
        if (current.title === text.title && current.body === text.body) return 0;
        await trx
          .updateTable('leaflet_sections')
          .set({ ...text, version: current.version + 1, updated_by: actor.userId, updated_at: now })
          .where('id', '=', id)
          .execute();
        const back = await trx
          .updateTable('leaflet_translations')
          .set({ status: 'to_review', updated_at: now })
          .where('section_id', '=', id)
          .where('status', '=', 'validated')
          .executeTakeFirst();
        await appendAudit(
          trx,
          audit,
          { action: 'leaflet.section_changed', targetType: 'leaflet_section', targetId: id },
          now,
        );
        return Number(back.numUpdatedRows);
      });
    },

    /** A person writes or corrects a translation: it waits for review, no longer marked as produced with help. */
    async saveTranslation(
      actor: Actor,
      audit: AuditContext,
      sectionId: string,
      language: string,
      input: { title: string; body: string },
    ) {
      if (!mayEditLeaflet(actor)) throw new ForbiddenError();
      if (!isLeafletLanguage(language)) throw new NotFoundError();
      const text = checkText(input);
      const s = await section(sectionId);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('leaflet_translations')
          .values({
            section_id: sectionId,
            language,
            ...text,
            status: 'to_review',
            assisted: false,
            source_version: s.version,
            source_title: s.title,
            source_body: s.body,
            updated_by: actor.userId,
            updated_at: now,
          })
          .onConflict((oc) =>
            oc.columns(['section_id', 'language']).doUpdateSet({
              ...text,
              status: 'to_review',
              assisted: false,
              source_version: s.version,
              source_title: s.title,
              source_body: s.body,
              updated_by: actor.userId,
              updated_at: now,
            }),
          )
          .execute();
        await appendAudit(
          trx,
          audit,
          {
            action: 'leaflet.translated',
            targetType: 'leaflet_section',
            targetId: sectionId,
            details: { language },
          },
          now,
        );
      });
    },

    /** A reviewer validates a translation against today's French. */
    async validate(actor: Actor, audit: AuditContext, sectionId: string, language: string) {
      if (!mayEditLeaflet(actor)) throw new ForbiddenError();
      if (!isLeafletLanguage(language)) throw new NotFoundError();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        // The French as it is now, locked: a change made meanwhile waits, and is what gets validated against.
        const s = UUID.test(sectionId)
          ? await trx
              .selectFrom('leaflet_sections')
              .selectAll()
              .where('id', '=', sectionId)
              .forShare()
              .executeTakeFirst()
          : undefined;
        if (!s) throw new NotFoundError();
        const t = await trx
          .selectFrom('leaflet_translations')
          .select(['status'])
          .where('section_id', '=', sectionId)
          .where('language', '=', language)
          .forUpdate()
          .executeTakeFirst();
        if (!t || t.status !== 'to_review') throw new ConflictError('leaflet.errors.notToReview');
        await trx
          .updateTable('leaflet_translations')
          .set({
            status: 'validated',
            assisted: false,
            source_version: s.version,
            source_title: s.title,
            source_body: s.body,
            validated_by: actor.userId,
            validated_at: now,
            updated_at: now,
          })
          .where('section_id', '=', sectionId)
          .where('language', '=', language)
          .execute();
        await appendAudit(
          trx,
          audit,
          {
            action: 'leaflet.validated',
            targetType: 'leaflet_section',
            targetId: sectionId,
            details: { language },
          },
          now,
        );
      });
    },
  };
}

export type Leaflet = ReturnType<typeof createLeaflet>;
