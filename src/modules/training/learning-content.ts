import { type Kysely, sql } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { QuizChoice } from '../../platform/db/schema-training.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';
import { TRAINERS } from './reference.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CHOICES = 8;

export interface LessonInput {
  title: string;
  body: string;
}

export interface QuestionInput {
  text: string;
  /** 'single' or 'multiple'. */
  kind: string;
  /** One choice a line: "* " marks a correct one, "- " a wrong one. */
  choices: string;
  explanation: string;
}

/**
 * Choices as trainers type them, one a line: "* " for a correct choice, "- " for a wrong one. Returns the choices
 * (ids a, b, c…) or the i18n key of what is wrong.
 */
export function parseChoices(text: string, multiple: boolean): QuizChoice[] | string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const choices: QuizChoice[] = [];
  for (const line of lines) {
    const mark = line[0];
    const label = line.slice(1).trim();
    if ((mark !== '*' && mark !== '-') || label === '') return 'training.learning.errors.choiceLine';
    if (label.length > 300) return 'training.learning.errors.choiceLong';
    choices.push({ id: String.fromCharCode(97 + choices.length), text: label, correct: mark === '*' });
  }
  if (choices.length < 2) return 'training.learning.errors.fewChoices';
  if (choices.length > MAX_CHOICES) return 'training.learning.errors.manyChoices';
  const correct = choices.filter((c) => c.correct).length;
  if (correct === 0) return 'training.learning.errors.noCorrect';
  if (!multiple && correct > 1) return 'training.learning.errors.singleTwoCorrect';
  return choices;
}

/** Choices back to the text trainers type (for a form shown again). */
export const choicesText = (choices: readonly QuizChoice[]) =>
  choices.map((c) => `${c.correct ? '*' : '-'} ${c.text}`).join('\n');

/** Trainers write a course's lessons (markdown) and its quiz, and set the pass mark. */
export function createLearningContent(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;

  function requireTrainer(actor: Actor) {
    if (!hasRole(actor, ...TRAINERS)) throw new ForbiddenError();
  }

  /** Any course, draft included: content is written before the course is published. */
  async function course(actor: Actor, slug: string) {
    requireTrainer(actor);
    const row = await db
      .selectFrom('courses')
      .select(['id', 'slug', 'title', 'status', 'format', 'pass_mark'])
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (!row) throw new NotFoundError();
    return row;
  }

  function checkLesson(input: LessonInput) {
    const errors: Record<string, string> = {};
    const title = input.title.trim();
    if (title.length < 3 || title.length > 200) errors.title = 'training.learning.errors.lessonTitle';
    if (!input.body.trim()) errors.body = 'training.learning.errors.lessonBody';
    else if (input.body.length > 50_000) errors.body = 'training.learning.errors.lessonLong';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return { title, body: input.body.trim() };
  }

  async function lessonOf(courseId: string, lessonId: string) {
    const row = UUID.test(lessonId)
      ? await db
          .selectFrom('course_lessons')
          .select(['id', 'position', 'title', 'body'])
          .where('id', '=', lessonId)
          .where('course_id', '=', courseId)
          .executeTakeFirst()
      : undefined;
    if (!row) throw new NotFoundError();
    return row;
  }

  const event = (action: string, courseId: string, details: Record<string, unknown> = {}) => ({
    action,
    targetType: 'course',
    targetId: courseId,
    details,
  });

  return {
    course,

    /** A course's lessons and questions, in order, for its trainers. */
    async content(actor: Actor, slug: string) {
      const row = await course(actor, slug);
      const [lessons, questions] = await Promise.all([
        db
          .selectFrom('course_lessons')
          .select(['id', 'position', 'title'])
          .where('course_id', '=', row.id)
          .orderBy('position')
          .execute(),
        db
          .selectFrom('quiz_questions')
          .select(['id', 'position', 'text', 'multiple', 'choices', 'explanation'])
          .where('course_id', '=', row.id)
          .orderBy('position')
          .execute(),
      ]);
      return { course: row, lessons, questions };
    },

    async lesson(actor: Actor, slug: string, lessonId: string) {
      const row = await course(actor, slug);
      return { course: row, lesson: await lessonOf(row.id, lessonId) };
    },

    /** Adds a lesson at the end of the module. */
    async addLesson(actor: Actor, audit: AuditContext, slug: string, input: LessonInput) {
      const row = await course(actor, slug);
      const values = checkLesson(input);
      await db.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom('course_lessons')
          .select((eb) => eb.fn.max('position').as('max'))
          .where('course_id', '=', row.id)
          .executeTakeFirst();
        const position = Number(last?.max ?? 0) + 1;
        await trx.insertInto('course_lessons').values({ course_id: row.id, position, ...values }).execute();
        await appendAudit(trx, audit, event('training.lesson.add', row.id, { position }), clock.now());
      });
    },

    async updateLesson(actor: Actor, audit: AuditContext, slug: string, lessonId: string, input: LessonInput) {
      const row = await course(actor, slug);
      const lesson = await lessonOf(row.id, lessonId);
      const values = checkLesson(input);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('course_lessons').set(values).where('id', '=', lesson.id).execute();
        await appendAudit(trx, audit, event('training.lesson.update', row.id, { position: lesson.position }), clock.now());
      });
    },

    /** Deletes a lesson; the following ones move up so that positions stay 1, 2, 3… (learners' links). */
    async deleteLesson(actor: Actor, audit: AuditContext, slug: string, lessonId: string) {
      const row = await course(actor, slug);
      const lesson = await lessonOf(row.id, lessonId);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('course_lessons').where('id', '=', lesson.id).execute();
        // Two steps, as the (course, position) pair is unique at every row.
        await trx
          .updateTable('course_lessons')
          .set({ position: sql<number>`-position` })
          .where('course_id', '=', row.id)
          .where('position', '>', lesson.position)
          .execute();
        await trx
          .updateTable('course_lessons')
          .set({ position: sql<number>`-position - 1` })
          .where('course_id', '=', row.id)
          .where('position', '<', 0)
          .execute();
        await appendAudit(trx, audit, event('training.lesson.delete', row.id, { position: lesson.position }), clock.now());
      });
    },

    /** Adds a question at the end of the quiz; its choices must include a right one (only one if single). */
    async addQuestion(actor: Actor, audit: AuditContext, slug: string, input: QuestionInput) {
      const row = await course(actor, slug);
      const errors: Record<string, string> = {};
      const text = input.text.trim();
      if (text.length < 5 || text.length > 1000) errors.text = 'training.learning.errors.questionText';
      if (input.kind !== 'single' && input.kind !== 'multiple') errors.kind = 'training.learning.errors.kind';
      const choices = parseChoices(input.choices, input.kind === 'multiple');
      if (typeof choices === 'string') errors.choices = choices;
      if (input.explanation.length > 3000) errors.explanation = 'training.learning.errors.explanationLong';
      if (Object.keys(errors).length > 0 || typeof choices === 'string') throw new ValidationError(errors);
      await db.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom('quiz_questions')
          .select((eb) => eb.fn.max('position').as('max'))
          .where('course_id', '=', row.id)
          .executeTakeFirst();
        const position = Number(last?.max ?? 0) + 1;
        await trx
          .insertInto('quiz_questions')
          .values({
            course_id: row.id,
            position,
            text,
            multiple: input.kind === 'multiple',
            choices: JSON.stringify(choices),
            explanation: input.explanation.trim(),
          })
          .execute();
        await appendAudit(trx, audit, event('training.question.add', row.id, { position }), clock.now());
      });
    },

    async deleteQuestion(actor: Actor, audit: AuditContext, slug: string, questionId: string) {
      const row = await course(actor, slug);
      if (!UUID.test(questionId)) throw new NotFoundError();
      await db.transaction().execute(async (trx) => {
        const deleted = await trx
          .deleteFrom('quiz_questions')
          .where('id', '=', questionId)
          .where('course_id', '=', row.id)
          .executeTakeFirst();
        if (Number(deleted.numDeletedRows) !== 1) throw new NotFoundError();
        await appendAudit(trx, audit, event('training.question.delete', row.id), clock.now());
      });
    },

    /** The quiz's pass mark, a whole percentage from 1 to 100. */
    async setPassMark(actor: Actor, audit: AuditContext, slug: string, value: string) {
      const row = await course(actor, slug);
      const text = value.trim().replace(/\s*%$/, '');
      const passMark = Number(text);
      if (!/^\d{1,3}$/.test(text) || passMark < 1 || passMark > 100)
        throw new ValidationError({ passMark: 'training.learning.errors.passMark' });
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('courses').set({ pass_mark: passMark, updated_at: clock.now() }).where('id', '=', row.id).execute();
        await appendAudit(trx, audit, event('training.passmark.set', row.id, { passMark }), clock.now());
      });
    },
  };
}
