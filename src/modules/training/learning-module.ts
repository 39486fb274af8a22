import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { Certificates } from './certificates.js';

/** The quiz's pass mark when the trainer has not set one (percent). */
export const DEFAULT_PASS_MARK = 70;

export interface LearningCourse {
  id: string;
  slug: string;
  title: string;
  summary: string;
  organiser: string;
  pass_mark: number | null;
}

export const passMarkOf = (course: Pick<LearningCourse, 'pass_mark'>) => course.pass_mark ?? DEFAULT_PASS_MARK;

/** A published course that has lessons, or 404: a module is only open to learners once it has content. */
export async function publishedModule(db: Kysely<DB>, slug: string): Promise<LearningCourse> {
  const course = await db
    .selectFrom('courses as c')
    .select(['c.id', 'c.slug', 'c.title', 'c.summary', 'c.organiser', 'c.pass_mark'])
    .where('c.slug', '=', slug)
    .where('c.status', '=', 'published')
    .where((eb) => eb.exists(eb.selectFrom('course_lessons as l').select('l.id').whereRef('l.course_id', '=', 'c.id')))
    .executeTakeFirst();
  if (!course) throw new NotFoundError();
  return course;
}

/**
 * Issues the distance certificate once the person has read every lesson and passed the quiz, with the category
 * and département declared on the latest passing attempt. Returns the certificate's id, or null when something
 * is still missing.
 */
export async function completeIfDone(
  trx: Transaction<DB>,
  certificates: Certificates,
  userId: string,
  courseId: string,
): Promise<string | null> {
  const remaining = await trx
    .selectFrom('course_lessons as l')
    .leftJoin('lesson_progress as p', (join) => join.onRef('p.lesson_id', '=', 'l.id').on('p.user_id', '=', userId))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('l.course_id', '=', courseId)
    .where('p.lesson_id', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(remaining.n) > 0) return null;
  const passed = await trx
    .selectFrom('quiz_attempts')
    .select(['category', 'departement_code'])
    .where('user_id', '=', userId)
    .where('course_id', '=', courseId)
    .where('passed', '=', true)
    .where('category', 'is not', null)
    .orderBy('submitted_at', 'desc')
    .executeTakeFirst();
  if (!passed?.category) return null;
  return await certificates.issue(trx, {
    userId,
    courseId,
    sessionId: null,
    kind: 'distance',
    category: passed.category,
    departementCode: passed.departement_code,
  });
}
