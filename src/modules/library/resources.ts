import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { ResourceStatus } from '../../platform/db/schema-library.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';
import { EXPLOITATION_FORMS, isLanguageCode } from '../reference/index.js';
import { AUDIENCES, checkAttachment, RESOURCE_KINDS } from './reference.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const mayEditLibrary = (actor: Actor | null) =>
  !!actor && hasRole(actor, 'content_editor', 'national_admin');

export interface ResourceInput {
  kind: string;
  title: string;
  summary: string;
  body: string;
  audiences: string[];
  exploitation: string[];
  languages: string[];
  tags: string[];
}

export interface ResourceFilters {
  q?: string | undefined;
  kind?: string | undefined;
  audience?: string | undefined;
  exploitation?: string | undefined;
  language?: string | undefined;
}

/** The editorial workflow: which action leads from which state to which. */
export const TRANSITIONS = {
  submit: { from: ['draft'], to: 'review' },
  publish: { from: ['review'], to: 'published' },
  reject: { from: ['review'], to: 'draft' },
  archive: { from: ['published'], to: 'archived' },
  reopen: { from: ['archived', 'published'], to: 'draft' },
} as const satisfies Record<string, { from: readonly ResourceStatus[]; to: ResourceStatus }>;
export type Transition = keyof typeof TRANSITIONS;

/**
 * The library: resources written in markdown with their audiences, forms of exploitation and languages, attached
 * files checked by their bytes, an editorial workflow (draft → review → published → archived) in which each
 * publication keeps a dated version, and French full-text search (stems, accents ignored).
 */
export function createResources(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;

  function check(input: ResourceInput): ResourceInput {
    const errors: Record<string, string> = {};
    const clean = {
      ...input,
      title: input.title.trim(),
      summary: input.summary.trim(),
      tags: [...new Set(input.tags.map((t) => t.trim().toLowerCase()).filter(Boolean))],
      audiences: [...new Set(input.audiences)],
      exploitation: [...new Set(input.exploitation)],
      languages: [...new Set(input.languages.length > 0 ? input.languages : ['fr'])],
    };
    if (!(RESOURCE_KINDS as readonly string[]).includes(clean.kind)) errors.kind = 'library.errors.kind';
    if (!clean.title || clean.title.length > 200) errors.title = 'library.errors.title';
    if (clean.summary.length > 1000) errors.summary = 'library.errors.summary';
    if (clean.body.length > 100_000) errors.body = 'library.errors.body';
    if (clean.audiences.some((a) => !(AUDIENCES as readonly string[]).includes(a)))
      errors.audiences = 'library.errors.value';
    if (clean.exploitation.some((f) => !(EXPLOITATION_FORMS as readonly string[]).includes(f)))
      errors.exploitation = 'library.errors.value';
    if (clean.languages.some((l) => !isLanguageCode(l))) errors.languages = 'library.errors.value';
    if (clean.tags.length > 20 || clean.tags.some((t) => t.length > 40)) errors.tags = 'library.errors.tags';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return clean;
  }

  async function find(id: string, published: boolean) {
    const row = UUID.test(id)
      ? await db
          .selectFrom('library_resources')
          .select([
            'id',
            'kind',
            'title',
            'summary',
            'body',
            'audiences',
            'exploitation_forms',
            'languages',
            'tags',
            'status',
            'version',
            'source',
            'is_demo',
            'updated_at',
            'published_at',
          ])
          .where('id', '=', id)
          .$if(published, (q) => q.where('status', '=', 'published'))
          .executeTakeFirst()
      : undefined;
    if (!row) throw new NotFoundError();
    return row;
  }

  return {
    /** Published resources (or every one, for editors), best matches first when words are searched. */
    async search(filters: ResourceFilters, options: { all?: boolean } = {}) {
      const errors: Record<string, string> = {};
      if (filters.kind && !(RESOURCE_KINDS as readonly string[]).includes(filters.kind))
        errors.kind = 'library.errors.value';
      if (filters.audience && !(AUDIENCES as readonly string[]).includes(filters.audience))
        errors.audience = 'library.errors.value';
      if (filters.exploitation && !(EXPLOITATION_FORMS as readonly string[]).includes(filters.exploitation))
        errors.exploitation = 'library.errors.value';
      if (filters.language && !isLanguageCode(filters.language)) errors.language = 'library.errors.value';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const words = filters.q?.trim();
      let query = db
        .selectFrom('library_resources as r')
        .select([
          'r.id',
          'r.kind',
          'r.title',
          'r.summary',
          'r.audiences',
          'r.languages',
          'r.status',
          'r.version',
          'r.updated_at',
          'r.published_at',
          'r.is_demo',
        ])
        .select((eb) =>
          eb
            .selectFrom('library_attachments as a')
            .whereRef('a.resource_id', '=', 'r.id')
            .select((e) => e.fn.countAll<string>().as('n'))
            .as('attachments'),
        );
      if (!options.all) query = query.where('r.status', '=', 'published');
      if (filters.kind) query = query.where('r.kind', '=', filters.kind);
      if (filters.audience) query = query.where(sql<boolean>`${filters.audience} = ANY(r.audiences)`);
      if (filters.exploitation)
        query = query.where(sql<boolean>`${filters.exploitation} = ANY(r.exploitation_forms)`);
      if (filters.language) query = query.where(sql<boolean>`${filters.language} = ANY(r.languages)`);
      if (words) {
        const tsquery = sql`plainto_tsquery('relais_fr', ${words})`;
        query = query
          .where(sql<boolean>`r.search @@ ${tsquery}`)
          .orderBy(sql`ts_rank(r.search, ${tsquery})`, 'desc');
      }
      return await query.orderBy('r.updated_at', 'desc').limit(200).execute();
    },

    /** Published resources among these ids, in the given order (what another module may feature). */
    async published(ids: readonly string[]): Promise<Array<{ id: string; title: string }>> {
      const valid = ids.filter((id) => UUID.test(id));
      if (valid.length === 0) return [];
      const rows = await db
        .selectFrom('library_resources')
        .select(['id', 'title'])
        .where('id', 'in', valid)
        .where('status', '=', 'published')
        .execute();
      return valid.flatMap((id) => rows.filter((r) => r.id === id));
    },

    /** A resource as the public sees it (published only) or as editors do. */
    async get(id: string, options: { all?: boolean } = {}) {
      const resource = await find(id, !options.all);
      const attachments = await db
        .selectFrom('library_attachments')
        .select(['id', 'filename', 'media_type', 'size_bytes', 'sha256', 'language', 'created_at'])
        .where('resource_id', '=', id)
        .orderBy('created_at')
        .execute();
      const versions = await db
        .selectFrom('library_versions')
        .select(['version', 'title', 'published_at'])
        .where('resource_id', '=', id)
        .orderBy('version', 'desc')
        .execute();
      return { ...resource, attachments, versions };
    },

    async create(actor: Actor, audit: AuditContext, input: ResourceInput): Promise<string> {
      if (!mayEditLibrary(actor)) throw new ForbiddenError();
      const clean = check(input);
      const now = clock.now();
      return await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('library_resources')
          .values({
            kind: clean.kind,
            title: clean.title,
            summary: clean.summary,
            body: clean.body,
            audiences: clean.audiences,
            exploitation_forms: clean.exploitation,
            languages: clean.languages,
            tags: clean.tags,
            created_by: actor.userId,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(
          trx,
          audit,
          { action: 'library.created', targetType: 'library_resource', targetId: row.id },
          now,
        );
        return row.id;
      });
    },

    /**
     * Changes the text. A published resource stays published with the change (a correction shows at once); publishing
     * it again through review dates a new version. An archived one must be reopened first.
     */
    async update(actor: Actor, audit: AuditContext, id: string, input: ResourceInput): Promise<void> {
      if (!mayEditLibrary(actor)) throw new ForbiddenError();
      const clean = check(input);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const current = UUID.test(id)
          ? await trx
              .selectFrom('library_resources')
              .select(['status'])
              .where('id', '=', id)
              .forUpdate()
              .executeTakeFirst()
          : undefined;
        if (!current) throw new NotFoundError();
        if (current.status === 'archived') throw new ConflictError('library.errors.archived');
        await trx
          .updateTable('library_resources')
          .set({
            kind: clean.kind,
            title: clean.title,
            summary: clean.summary,
            body: clean.body,
            audiences: clean.audiences,
            exploitation_forms: clean.exploitation,
            languages: clean.languages,
            tags: clean.tags,
            updated_at: now,
          })
          .where('id', '=', id)
          .execute();
        await appendAudit(
          trx,
          audit,
          { action: 'library.updated', targetType: 'library_resource', targetId: id },
          now,
        );
      });
    },

    /** One step of the workflow; publishing records the version, dated. */
    async transition(actor: Actor, audit: AuditContext, id: string, action: string): Promise<ResourceStatus> {
      if (!mayEditLibrary(actor)) throw new ForbiddenError();
      if (!Object.hasOwn(TRANSITIONS, action)) throw new ValidationError({ action: 'library.errors.value' });
      const step = TRANSITIONS[action as Transition];
      const now = clock.now();
      return await db.transaction().execute(async (trx) => {
        const current = UUID.test(id)
          ? await trx
              .selectFrom('library_resources')
              .selectAll()
              .where('id', '=', id)
              .forUpdate()
              .executeTakeFirst()
          : undefined;
        if (!current) throw new NotFoundError();
        if (!(step.from as readonly string[]).includes(current.status))
          throw new ConflictError('library.errors.transition', { from: current.status, action });
        let version = current.version;
        if (step.to === 'published') {
          const last = await trx
            .selectFrom('library_versions')
            .select((eb) => eb.fn.max('version').as('v'))
            .where('resource_id', '=', id)
            .executeTakeFirst();
          version = Number(last?.v ?? 0) + 1;
          await trx
            .insertInto('library_versions')
            .values({
              resource_id: id,
              version,
              title: current.title,
              summary: current.summary,
              body: current.body,
              published_at: now,
              published_by: actor.userId,
            })
            .execute();
        }
        await trx
          .updateTable('library_resources')
          .set({
            status: step.to,
            version,
            updated_at: now,
            ...(step.to === 'published' ? { published_at: now } : {}),
          })
          .where('id', '=', id)
          .execute();
        await appendAudit(
          trx,
          audit,
          { action: `library.${action}`, targetType: 'library_resource', targetId: id, details: { version } },
          now,
        );
        return step.to;
      });
    },

    /** Adds a file after checking that its bytes are what its name says (PDF, PNG, JPEG; 10 MB at most). */
    async attach(
      actor: Actor,
      audit: AuditContext,
      id: string,
      file: { filename: string; content: Buffer; language: string },
    ) {
      if (!mayEditLibrary(actor)) throw new ForbiddenError();
      const filename = file.filename.replace(/[/\\\r\n"]/g, '_').slice(-120);
      const checked = checkAttachment(filename, file.content);
      const errors: Record<string, string> = {};
      if ('error' in checked) errors.file = checked.error;
      if (!isLanguageCode(file.language)) errors.language = 'library.errors.value';
      if (Object.keys(errors).length > 0 || 'error' in checked) throw new ValidationError(errors);
      const now = clock.now();
      const resource = await find(id, false);
      if (resource.status === 'archived') throw new ConflictError('library.errors.archived');
      return await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('library_attachments')
          .values({
            resource_id: id,
            filename,
            media_type: checked.type,
            size_bytes: file.content.length,
            sha256: createHash('sha256').update(file.content).digest('hex'),
            language: file.language,
            content: file.content,
            created_by: actor.userId,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.updateTable('library_resources').set({ updated_at: now }).where('id', '=', id).execute();
        await appendAudit(
          trx,
          audit,
          {
            action: 'library.attached',
            targetType: 'library_resource',
            targetId: id,
            details: { file: row.id },
          },
          now,
        );
        return row.id;
      });
    },

    /** A file of a published resource (or of any, for editors). */
    async file(resourceId: string, fileId: string, options: { all?: boolean } = {}) {
      await find(resourceId, !options.all);
      const row = UUID.test(fileId)
        ? await db
            .selectFrom('library_attachments')
            .selectAll()
            .where('id', '=', fileId)
            .where('resource_id', '=', resourceId)
            .executeTakeFirst()
        : undefined;
      if (!row) throw new NotFoundError();
      return row;
    },
  };
}

export type Resources = ReturnType<typeof createResources>;
