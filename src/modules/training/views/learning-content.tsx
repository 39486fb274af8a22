import { Csrf, ErrorSummary, type FieldErrors, Notice, RadioGroup, TextArea, TextInput } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { Learning } from '../learning.js';

type Content = Awaited<ReturnType<Learning['content']['content']>>;
type Course = Content['course'];

/** Which form of the page was sent with bad input, its values and errors. */
export interface ContentForm {
  which: 'lesson' | 'question' | 'passMark';
  values: Record<string, string | undefined>;
  errors: FieldErrors;
}

const base = (slug: string) => `/pro/formations/${slug}/contenu`;

const crumbs = (ctx: PageContext, course: Course, here?: string): Array<[string, string?]> => [
  [ctx.t('training.learning.content.catalogue'), '/pro/formations/catalogue'],
  here ? [ctx.t('training.learning.content.title'), base(course.slug)] : [ctx.t('training.learning.content.title')],
  ...(here ? [[here] as [string]] : []),
];

function LessonFields({ ctx, values, errors }: { ctx: PageContext; values: Record<string, string | undefined>; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <>
      <TextInput name="title" label={t('training.learning.content.lessonTitle')} required errors={errors} value={values.title} maxLength={200} />
      <TextArea
        name="body"
        label={t('training.learning.content.lessonBody')}
        hint={t('training.learning.content.lessonBodyHint')}
        required
        errors={errors}
        value={values.body}
        rows={12}
      />
    </>
  );
}

function DeleteButton({ ctx, action, what }: { ctx: PageContext; action: string; what: string }) {
  return (
    <form method="post" action={action} class="fr-mb-0">
      <Csrf ctx={ctx} />
      <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left">
        {ctx.t('training.learning.content.delete')} <span class="fr-sr-only">{what}</span>
      </button>
    </form>
  );
}

/** A course's lessons and quiz for its trainers, with the forms to change them. */
export function ContentPage({ ctx, content, form }: { ctx: PageContext; content: Content; form?: ContentForm }) {
  const { t } = ctx;
  const { course, lessons, questions } = content;
  const errors = form?.errors;
  const lessonValues = form?.which === 'lesson' ? form.values : {};
  const questionValues = form?.which === 'question' ? form.values : { kind: 'single' };
  const passMark = form?.which === 'passMark' ? form.values.passMark : String(course.pass_mark ?? '');
  return (
    <Layout ctx={ctx} title={`${t('training.learning.content.title')} — ${course.title}`} space="pro" breadcrumb={crumbs(ctx, course)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('training.learning.content.title')}</h1>
      <p class="fr-text--lead">{t('training.learning.content.lead', { title: course.title })}</p>
      {course.status !== 'published' || lessons.length === 0 ? (
        <Notice kind="info">{t('training.learning.content.notVisible')}</Notice>
      ) : (
        <p>
          <a class="fr-link" href={`/formations/${course.slug}/cours`}>
            {t('training.learning.content.learnerView')}
          </a>
        </p>
      )}

      <h2>{t('training.learning.content.lessons')}</h2>
      {lessons.length === 0 ? <p>{t('training.learning.content.noLessons')}</p> : null}
      <ol class="fr-mb-3w">
        {lessons.map((l) => (
          <li key={l.id} class="fr-mb-2w">
            <strong>{l.title}</strong>
            <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-mt-1w">
              <li>
                <a class="fr-btn fr-btn--sm fr-btn--secondary" href={`${base(course.slug)}/lecons/${l.id}`}>
                  {t('training.learning.content.edit')}{' '}
                  <span class="fr-sr-only">{t('training.learning.content.lessonN', { position: l.position })}</span>
                </a>
              </li>
              <li>
                <DeleteButton
                  ctx={ctx}
                  action={`${base(course.slug)}/lecons/${l.id}/suppression`}
                  what={t('training.learning.content.lessonN', { position: l.position })}
                />
              </li>
            </ul>
          </li>
        ))}
      </ol>
      <section aria-labelledby="ajout-lecon" class="fr-mb-6w">
        <h3 id="ajout-lecon">{t('training.learning.content.addLesson')}</h3>
        <form method="post" action={`${base(course.slug)}/lecons`}>
          <Csrf ctx={ctx} />
          <LessonFields ctx={ctx} values={lessonValues} errors={form?.which === 'lesson' ? errors : undefined} />
          <button type="submit" class="fr-btn">
            {t('training.learning.content.addLesson')}
          </button>
        </form>
      </section>

      <h2>{t('training.learning.content.quiz')}</h2>
      <form method="post" action={`${base(course.slug)}/seuil`} class="fr-mb-4w">
        <Csrf ctx={ctx} />
        <TextInput
          name="passMark"
          type="number"
          inputMode="numeric"
          label={t('training.learning.content.passMark')}
          hint={t('training.learning.content.passMarkHint')}
          required
          errors={form?.which === 'passMark' ? errors : undefined}
          value={passMark}
        />
        <button type="submit" class="fr-btn fr-btn--secondary">
          {t('training.learning.content.savePassMark')}
        </button>
      </form>
      <h3>{t('training.learning.content.questions')}</h3>
      {questions.length === 0 ? <p>{t('training.learning.content.noQuestions')}</p> : null}
      <ol class="fr-mb-3w">
        {questions.map((q) => (
          <li key={q.id} class="fr-mb-3w">
            <p class="fr-mb-1w">
              <strong>{q.text}</strong>{' '}
              <span class="fr-badge fr-badge--sm fr-badge--no-icon">
                {t(q.multiple ? 'training.learning.content.kindMultiple' : 'training.learning.content.kindSingle')}
              </span>
            </p>
            <ul class="fr-mb-1w">
              {q.choices.map((c) => (
                <li key={c.id}>
                  {c.text} ({t(c.correct ? 'training.learning.content.correct' : 'training.learning.content.wrong')})
                </li>
              ))}
            </ul>
            {q.explanation ? <p class="fr-text--sm fr-mb-1w">{q.explanation}</p> : null}
            <DeleteButton
              ctx={ctx}
              action={`${base(course.slug)}/questions/${q.id}/suppression`}
              what={t('training.learning.content.questionN', { position: q.position })}
            />
          </li>
        ))}
      </ol>
      <section aria-labelledby="ajout-question">
        <h3 id="ajout-question">{t('training.learning.content.addQuestion')}</h3>
        <form method="post" action={`${base(course.slug)}/questions`}>
          <Csrf ctx={ctx} />
          <TextArea
            name="text"
            label={t('training.learning.content.questionText')}
            required
            errors={form?.which === 'question' ? errors : undefined}
            value={questionValues.text}
            rows={2}
          />
          <RadioGroup
            name="kind"
            label={t('training.learning.content.kind')}
            errors={form?.which === 'question' ? errors : undefined}
            value={questionValues.kind}
            inline
            options={[
              { value: 'single', label: t('training.learning.content.kindSingle') },
              { value: 'multiple', label: t('training.learning.content.kindMultiple') },
            ]}
          />
          <TextArea
            name="choices"
            label={t('training.learning.content.choices')}
            hint={t('training.learning.content.choicesHint')}
            required
            errors={form?.which === 'question' ? errors : undefined}
            value={questionValues.choices}
            rows={5}
          />
          <TextArea
            name="explanation"
            label={t('training.learning.content.explanation')}
            errors={form?.which === 'question' ? errors : undefined}
            value={questionValues.explanation}
            rows={3}
          />
          <button type="submit" class="fr-btn">
            {t('training.learning.content.saveQuestion')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

/** A lesson's edit form. */
export function LessonEditPage({
  ctx,
  course,
  lesson,
  form,
}: {
  ctx: PageContext;
  course: Course;
  lesson: { id: string; position: number; title: string; body: string };
  form?: { values: Record<string, string | undefined>; errors: FieldErrors };
}) {
  const { t } = ctx;
  const title = t('training.learning.content.editLesson', { position: lesson.position });
  return (
    <Layout ctx={ctx} title={`${title} — ${course.title}`} space="pro" breadcrumb={crumbs(ctx, course, title)}>
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <h1>{title}</h1>
      <form method="post" action={`${base(course.slug)}/lecons/${lesson.id}`}>
        <Csrf ctx={ctx} />
        <LessonFields ctx={ctx} values={form?.values ?? { title: lesson.title, body: lesson.body }} errors={form?.errors} />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn">
              {t('training.learning.content.saveLesson')}
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={base(course.slug)}>
              {t('training.learning.content.back')}
            </a>
          </li>
        </ul>
      </form>
    </Layout>
  );
}
