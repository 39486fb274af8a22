import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { QuizChoice } from '../../platform/db/schema-training.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';
import type { Certificates } from './certificates.js';
import { completeIfDone, passMarkOf, publishedModule } from './learning-module.js';
import { isCategory } from './reference.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface QuizQuestion {
  id: string;
  position: number;
  text: string;
  multiple: boolean;
  choices: QuizChoice[];
  explanation: string;
}

export interface QuizSubmission {
  /** Choice ids per question id, as the form sent them. */
  answers: Record<string, string[]>;
  category: string;
  departementCode: string;
}

/** The form field of a question (the radio or checkbox group's name). */
export const questionField = (questionId: string) => `q-${questionId}`;

/** Right when exactly the correct choices were ticked: no partial credit. */
export function isRight(question: Pick<QuizQuestion, 'choices'>, chosen: readonly string[]): boolean {
  const correct = question.choices.filter((c) => c.correct).map((c) => c.id);
  return chosen.length === correct.length && correct.every((id) => chosen.includes(id));
}

/** The score in percent: the share of questions answered exactly right, rounded down (never pass by rounding). */
export function scoreOf(questions: readonly Pick<QuizQuestion, 'id' | 'choices'>[], answers: Record<string, string[]>): number {
  if (questions.length === 0) return 0;
  const right = questions.filter((q) => isRight(q, answers[q.id] ?? [])).length;
  return Math.floor((100 * right) / questions.length);
}

/** The quiz of a module: attempts started, answered once, scored against the pass mark; retrying starts anew. */
export function createQuiz(deps: { db: Kysely<DB>; clock: Clock; certificates: Certificates }) {
  const { db, clock, certificates } = deps;

  async function questionsOf(courseId: string): Promise<QuizQuestion[]> {
    return await db
      .selectFrom('quiz_questions')
      .select(['id', 'position', 'text', 'multiple', 'choices', 'explanation'])
      .where('course_id', '=', courseId)
      .orderBy('position')
      .execute();
  }

  /** The person's own attempt at this course's quiz, or 404 (someone else's attempt is never revealed). */
  async function attempt(actor: Actor, slug: string, attemptId: string) {
    const course = await publishedModule(db, slug);
    const row = UUID.test(attemptId)
      ? await db
          .selectFrom('quiz_attempts')
          .selectAll()
          .where('id', '=', attemptId)
          .where('user_id', '=', actor.userId)
          .where('course_id', '=', course.id)
          .executeTakeFirst()
      : undefined;
    if (!row) throw new NotFoundError();
    const questions = await questionsOf(course.id);
    return { course, attempt: row, questions, passMark: passMarkOf(course) };
  }

  return {
    questionsOf,
    attempt,

    /** Starts a new attempt (a retry is a new attempt; earlier ones stay as they were). */
    async start(actor: Actor, slug: string): Promise<string> {
      const course = await publishedModule(db, slug);
      if ((await questionsOf(course.id)).length === 0) throw new NotFoundError();
      const { id } = await db
        .insertInto('quiz_attempts')
        .values({ user_id: actor.userId, course_id: course.id, started_at: clock.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    /**
     * Scores an attempt: every question must be answered with choices of its own (one for a single-choice
     * question). An attempt is corrected once; answers sent again are refused with a clear message.
     */
    async submit(actor: Actor, slug: string, attemptId: string, input: QuizSubmission) {
      const { course, attempt: row, questions, passMark } = await attempt(actor, slug, attemptId);
      if (row.submitted_at) throw new ConflictError('training.learning.errors.alreadySubmitted');
      const errors: Record<string, string> = {};
      const answers: Record<string, string[]> = {};
      for (const q of questions) {
        const chosen = [...new Set(input.answers[q.id] ?? [])];
        const known = new Set(q.choices.map((c) => c.id));
        if (chosen.length === 0) errors[questionField(q.id)] = 'training.learning.errors.unanswered';
        else if (chosen.some((c) => !known.has(c))) errors[questionField(q.id)] = 'training.learning.errors.unknownChoice';
        else if (!q.multiple && chosen.length > 1) errors[questionField(q.id)] = 'training.learning.errors.oneChoice';
        answers[q.id] = chosen;
      }
      if (!isCategory(input.category)) errors.category = 'training.learning.errors.category';
      const departementCode = input.departementCode.trim().toUpperCase() || null;
      if (
        departementCode &&
        !(await db.selectFrom('departements').select('code').where('code', '=', departementCode).executeTakeFirst())
      )
        errors.departementCode = 'training.learning.errors.departement';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);

      const score = scoreOf(questions, answers);
      const passed = score >= passMark;
      return await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('quiz_attempts')
          .set({
            submitted_at: clock.now(),
            answers: JSON.stringify(answers),
            score,
            passed,
            category: input.category,
            departement_code: departementCode,
          })
          .where('id', '=', row.id)
          .where('submitted_at', 'is', null)
          .executeTakeFirst();
        // Two submissions at once: the second finds the attempt already corrected.
        if (Number(updated.numUpdatedRows) !== 1) throw new ConflictError('training.learning.errors.alreadySubmitted');
        const certificateId = passed ? await completeIfDone(trx, certificates, actor.userId, course.id) : null;
        return { score, passed, certificateId };
      });
    },

    /** Lessons not read yet, for the result page when the quiz is passed before the lessons. */
    async unreadLessons(actor: Actor, courseId: string) {
      return await db
        .selectFrom('course_lessons as l')
        .leftJoin('lesson_progress as p', (join) => join.onRef('p.lesson_id', '=', 'l.id').on('p.user_id', '=', actor.userId))
        .select(['l.position', 'l.title'])
        .where('l.course_id', '=', courseId)
        .where('p.lesson_id', 'is', null)
        .orderBy('l.position')
        .execute();
    },

    /** The person's distance certificate for the course, if issued. */
    async certificateOf(actor: Actor, courseId: string) {
      return (
        (await db
          .selectFrom('training_certificates')
          .select('id')
          .where('user_id', '=', actor.userId)
          .where('course_id', '=', courseId)
          .where('session_id', 'is', null)
          .executeTakeFirst()) ?? null
      );
    },

    /** Départements for the form's list (code and name). */
    async departements() {
      return await db.selectFrom('departements').select(['code', 'name']).orderBy('code').execute();
    },
  };
}
