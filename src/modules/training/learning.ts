import type { Actor } from '../../platform/auth/roles.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { Certificates } from './certificates.js';
import type { TrainingDeps } from './deps.js';
import { createLearningContent } from './learning-content.js';
import { completeIfDone, passMarkOf, publishedModule } from './learning-module.js';
import { createQuiz } from './learning-quiz.js';

/** Distance learning: a course's lessons read in order, its quiz, progress, and the certificate at completion. */
export function createLearning(deps: TrainingDeps & { certificates: Certificates }) {
  const { db, clock, certificates } = deps;

  async function lessonsOf(courseId: string, userId: string) {
    return await db
      .selectFrom('course_lessons as l')
      .leftJoin('lesson_progress as p', (join) => join.onRef('p.lesson_id', '=', 'l.id').on('p.user_id', '=', userId))
      .select(['l.id', 'l.position', 'l.title', 'p.done_at'])
      .where('l.course_id', '=', courseId)
      .orderBy('l.position')
      .execute();
  }

  /** One lesson of the module, by its position (1, 2, …), with its neighbours. */
  async function lesson(actor: Actor, slug: string, position: number) {
    const course = await publishedModule(db, slug);
    const lessons = await lessonsOf(course.id, actor.userId);
    const index = lessons.findIndex((l) => l.position === position);
    if (index < 0) throw new NotFoundError();
    const row = await db
      .selectFrom('course_lessons')
      .select(['id', 'position', 'title', 'body'])
      .where('id', '=', lessons[index]!.id)
      .executeTakeFirstOrThrow();
    return {
      course,
      lesson: { ...row, done: lessons[index]!.done_at !== null },
      count: lessons.length,
      index: index + 1,
      previous: lessons[index - 1]?.position ?? null,
      next: lessons[index + 1]?.position ?? null,
    };
  }

  return {
    /** The module's outline for the learner: lessons done or not, the quiz, the best attempt, the certificate. */
    async outline(actor: Actor, slug: string) {
      const course = await publishedModule(db, slug);
      const [lessons, questions, attempts, certificate] = await Promise.all([
        lessonsOf(course.id, actor.userId),
        db
          .selectFrom('quiz_questions')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('course_id', '=', course.id)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('quiz_attempts')
          .select(['id', 'submitted_at', 'score', 'passed'])
          .where('user_id', '=', actor.userId)
          .where('course_id', '=', course.id)
          .orderBy('started_at', 'desc')
          .execute(),
        db
          .selectFrom('training_certificates')
          .select(['id', 'issued_at'])
          .where('user_id', '=', actor.userId)
          .where('course_id', '=', course.id)
          .where('session_id', 'is', null)
          .executeTakeFirst(),
      ]);
      const submitted = attempts.filter((a) => a.submitted_at !== null);
      const best = submitted.reduce<(typeof submitted)[number] | null>(
        (top, a) => (top === null || (a.score ?? 0) > (top.score ?? 0) ? a : top),
        null,
      );
      return {
        course,
        passMark: passMarkOf(course),
        lessons: lessons.map((l) => ({ position: l.position, title: l.title, done: l.done_at !== null })),
        questionCount: Number(questions.n),
        attemptCount: submitted.length,
        best,
        passed: submitted.some((a) => a.passed),
        openAttempt: attempts.find((a) => a.submitted_at === null)?.id ?? null,
        certificate: certificate ?? null,
      };
    },

    lesson,

    /**
     * Marks a lesson as read (once; reading it again keeps the first date). When it was the last thing missing,
     * the certificate is issued. Returns where to go next: the next lesson's position, or null for the quiz.
     */
    async markRead(actor: Actor, slug: string, position: number) {
      const { course, lesson: read, next } = await lesson(actor, slug, position);
      const certificateId = await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('lesson_progress')
          .values({ user_id: actor.userId, lesson_id: read.id, done_at: clock.now() })
          .onConflict((oc) => oc.columns(['user_id', 'lesson_id']).doNothing())
          .execute();
        return await completeIfDone(trx, certificates, actor.userId, course.id);
      });
      return { next, certificateId };
    },

    ...createQuiz({ db, clock, certificates }),
    content: createLearningContent({ db, clock }),
  };
}

export type Learning = ReturnType<typeof createLearning>;
