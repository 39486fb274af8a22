import { type Kysely, sql } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import type { DB } from '../../platform/db/schema.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { freeSlug } from '../../platform/text/slug.js';
import type { TrainingDeps } from './deps.js';
import { CATEGORIES, FORMATS } from './reference.js';

export interface CourseInput {
  title: string;
  summary: string;
  audiences: string[];
  format: string;
  durationHours: string;
  objectives: string;
  prerequisites: string;
  organiser: string;
  status: string;
  resourceIds: string[];
}

const STATUSES = ['draft', 'published', 'archived'] as const;

/** Courses of the catalogue: trainers write them; only published ones are public. */
export function createCatalogue(deps: TrainingDeps) {
  const { db, clock } = deps;

  const parse = (input: CourseInput) => {
    const errors: Record<string, string> = {};
    const title = input.title.trim();
    if (title.length < 3 || title.length > 200) errors.title = 'training.catalogue.errors.title';
    const audiences = input.audiences.filter((a) => (CATEGORIES as readonly string[]).includes(a));
    if (audiences.length === 0) errors.audiences = 'training.catalogue.errors.audiences';
    if (!(FORMATS as readonly string[]).includes(input.format))
      errors.format = 'training.catalogue.errors.format';
    const duration = Number(input.durationHours.replace(',', '.'));
    if (!input.durationHours.trim() || !(duration > 0) || duration > 10000)
      errors.durationHours = 'training.catalogue.errors.duration';
    if (!(STATUSES as readonly string[]).includes(input.status))
      errors.status = 'training.catalogue.errors.status';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return {
      title,
      summary: input.summary.trim(),
      audiences,
      format: input.format as (typeof FORMATS)[number],
      duration_hours: Math.round(duration * 10) / 10,
      objectives: input.objectives.trim(),
      prerequisites: input.prerequisites.trim(),
      organiser: input.organiser.trim(),
      status: input.status as (typeof STATUSES)[number],
    };
  };

  const linkResources = async (trx: Kysely<DB>, courseId: string, ids: string[]) => {
    await trx.deleteFrom('course_resources').where('course_id', '=', courseId).execute();
    if (ids.length === 0) return;
    const published = await trx
      .selectFrom('library_resources')
      .select('id')
      .where('id', 'in', ids)
      .where('status', '=', 'published')
      .execute();
    if (published.length > 0)
      await trx
        .insertInto('course_resources')
        .values(published.map((r) => ({ course_id: courseId, resource_id: r.id })))
        .execute();
  };

  const service = {
    async create(
      input: CourseInput,
      isDemo = false,
      audit?: AuditContext,
    ): Promise<{ id: string; slug: string }> {
      const values = parse(input);
      const slug = await freeSlug(db, 'courses', values.title, 'formation');
      return await db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('courses')
          .values({ ...values, slug, is_demo: isDemo })
          .returning('id')
          .executeTakeFirstOrThrow();
        await linkResources(trx, id, input.resourceIds);
        if (audit)
          await appendAudit(
            trx,
            audit,
            {
              action: 'training.course.create',
              targetType: 'course',
              targetId: id,
              details: { status: values.status },
            },
            clock.now(),
          );
        return { id, slug };
      });
    },

    async update(slug: string, input: CourseInput, audit?: AuditContext): Promise<void> {
      const values = parse(input);
      await db.transaction().execute(async (trx) => {
        const course = await trx
          .selectFrom('courses')
          .select('id')
          .where('slug', '=', slug)
          .forUpdate()
          .executeTakeFirst();
        if (!course) throw new NotFoundError();
        await trx
          .updateTable('courses')
          .set({ ...values, updated_at: clock.now() })
          .where('id', '=', course.id)
          .execute();
        await linkResources(trx, course.id, input.resourceIds);
        if (audit)
          await appendAudit(
            trx,
            audit,
            {
              action: 'training.course.update',
              targetType: 'course',
              targetId: course.id,
              details: { status: values.status },
            },
            clock.now(),
          );
      });
    },

    /** Every course, for trainers, with its number of upcoming sessions. */
    all: () =>
      db
        .selectFrom('courses as c')
        .selectAll('c')
        .select((eb) =>
          eb
            .selectFrom('training_sessions as s')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('s.course_id', '=', 'c.id')
            .where('s.status', '=', 'scheduled')
            .where('s.starts_at', '>', clock.now())
            .as('upcoming'),
        )
        .orderBy('c.title')
        .execute(),

    /**
     * Published courses, optionally for one audience, one format and words of the title or summary; each with its
     * next session and whether it has lessons to follow at a distance.
     */
    published: (filter: { audience?: string; format?: string; q?: string }) => {
      const words = (filter.q ?? '')
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length >= 2)
        .slice(0, 8);
      return db
        .selectFrom('courses as c')
        .selectAll('c')
        .select((eb) => [
          eb
            .selectFrom('training_sessions as s')
            .select((e) => e.fn.min('s.starts_at').as('next'))
            .whereRef('s.course_id', '=', 'c.id')
            .where('s.status', '=', 'scheduled')
            .where('s.starts_at', '>', clock.now())
            .as('next_session'),
          eb
            .exists(eb.selectFrom('course_lessons as l').select('l.id').whereRef('l.course_id', '=', 'c.id'))
            .as('has_lessons'),
        ])
        .where('c.status', '=', 'published')
        .$if(!!filter.audience, (q) => q.where(sql<boolean>`c.audiences @> ARRAY[${filter.audience!}::text]`))
        .$if(!!filter.format, (q) => q.where('c.format', '=', filter.format as (typeof FORMATS)[number]))
        .$call((q) => {
          let out = q;
          // Accents and case do not matter: "exploitee" finds "exploitée".
          for (const w of words)
            out = out.where(
              sql<boolean>`translate(lower(c.title || ' ' || c.summary || ' ' || c.organiser), 'àâäéèêëîïôöùûüçœ', 'aaaeeeeiioouuuco') LIKE ${`%${w}%`}`,
            );
          return out;
        })
        .orderBy('c.title')
        .execute();
    },

    /** Distance modules a person has started and not completed yet, with lessons read out of all. */
    inProgress: async (userId: string) => {
      const { rows } = await sql<{ slug: string; title: string; done: number; total: number }>`
        SELECT c.slug, c.title,
          count(p.lesson_id)::int AS done, count(l.id)::int AS total
        FROM courses c
        JOIN course_lessons l ON l.course_id = c.id
        LEFT JOIN lesson_progress p ON p.lesson_id = l.id AND p.user_id = ${userId}
        WHERE c.status = 'published'
          AND NOT EXISTS (SELECT 1 FROM training_certificates t
            WHERE t.user_id = ${userId} AND t.course_id = c.id AND t.session_id IS NULL)
        GROUP BY c.id, c.slug, c.title
        HAVING count(p.lesson_id) > 0
        ORDER BY c.title`.execute(db);
      return rows;
    },

    /** A course by slug; drafts and archived courses only when `any`. */
    async bySlug(slug: string, any = false) {
      const course = await db.selectFrom('courses').selectAll().where('slug', '=', slug).executeTakeFirst();
      if (!course || (!any && course.status !== 'published')) return undefined;
      const resources = await db
        .selectFrom('course_resources as cr')
        .innerJoin('library_resources as r', 'r.id', 'cr.resource_id')
        .select(['r.id', 'r.title'])
        .where('cr.course_id', '=', course.id)
        .where('r.status', '=', 'published')
        .orderBy('r.title')
        .execute();
      const lessons = await db
        .selectFrom('course_lessons')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('course_id', '=', course.id)
        .executeTakeFirstOrThrow();
      return { ...course, resources, hasLessons: Number(lessons.n) > 0 };
    },

    /** Published library resources a course may link to. */
    resources: () =>
      db
        .selectFrom('library_resources')
        .select(['id', 'title'])
        .where('status', '=', 'published')
        .orderBy('title')
        .execute(),

    async hasScenarios(): Promise<boolean> {
      return !!(await db
        .selectFrom('scenarios')
        .select('id')
        .where('status', '=', 'published')
        .executeTakeFirst());
    },
  };
  return service;
}
