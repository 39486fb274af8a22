import { CheckboxGroup, Csrf, ErrorSummary, type FieldErrors, Notice, RadioGroup, Select } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { isRight, type QuizQuestion, questionField } from '../learning-quiz.js';
import { CATEGORIES } from '../reference.js';
import { DownloadCertificate, moduleCrumbs, StartQuiz } from './learning.js';

type Course = { slug: string; title: string };

export interface QuizForm {
  /** Choice ids per question id. */
  answers: Record<string, string[]>;
  category: string;
  departementCode: string;
  errors: FieldErrors;
}

/** An attempt's questions: radios for a single-choice question, checkboxes for a multiple-choice one. */
export function QuizPage({
  ctx,
  course,
  attemptId,
  questions,
  passMark,
  departements,
  form,
}: {
  ctx: PageContext;
  course: Course;
  attemptId: string;
  questions: readonly QuizQuestion[];
  passMark: number;
  departements: ReadonlyArray<{ code: string; name: string }>;
  form?: QuizForm;
}) {
  const { t } = ctx;
  const title = t('training.learning.quiz.title', { title: course.title });
  return (
    <Layout ctx={ctx} title={title} space="public" breadcrumb={moduleCrumbs(ctx, course, t('training.learning.outline.quiz'))}>
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <h1>{title}</h1>
      <p>{t('training.learning.quiz.lead', { passMark })}</p>
      <form method="post" action={`/formations/${course.slug}/quiz/${attemptId}`} novalidate>
        <Csrf ctx={ctx} />
        {questions.map((q, i) => {
          const name = questionField(q.id);
          const options = q.choices.map((c) => ({ value: c.id, label: c.text }));
          const label = t('training.learning.quiz.question', { n: i + 1, text: q.text });
          const hint = t(q.multiple ? 'training.learning.quiz.multiple' : 'training.learning.quiz.single');
          const chosen = form?.answers[q.id] ?? [];
          return q.multiple ? (
            <CheckboxGroup key={q.id} name={name} label={label} hint={hint} errors={form?.errors} values={chosen} options={options} />
          ) : (
            <RadioGroup key={q.id} name={name} label={label} hint={hint} errors={form?.errors} value={chosen[0]} options={options} />
          );
        })}
        <h2 class="fr-h4">{t('training.learning.quiz.about')}</h2>
        <p class="fr-text--sm">{t('training.learning.quiz.aboutHint')}</p>
        <Select
          name="category"
          label={t('training.learning.quiz.category')}
          required
          errors={form?.errors}
          value={form?.category}
          placeholder={t('forms.choose')}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`training.categories.${c}`) }))}
        />
        <Select
          name="departementCode"
          label={t('training.learning.quiz.departement')}
          errors={form?.errors}
          value={form?.departementCode}
          placeholder={t('training.learning.quiz.departementNone')}
          options={departements.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }))}
        />
        <button type="submit" class="fr-btn">
          {t('training.learning.quiz.submit')}
        </button>
      </form>
    </Layout>
  );
}

/** A corrected attempt: the score against the pass mark, each question right or wrong with its explanation. */
export function ResultPage({
  ctx,
  course,
  attempt,
  questions,
  passMark,
  certificateId,
  unread,
}: {
  ctx: PageContext;
  course: Course;
  attempt: { score: number | null; passed: boolean | null; answers: Record<string, string[]> | null };
  questions: readonly QuizQuestion[];
  passMark: number;
  certificateId: string | null;
  unread: ReadonlyArray<{ position: number; title: string }>;
}) {
  const { t } = ctx;
  const score = attempt.score ?? 0;
  const answers = attempt.answers ?? {};
  const list = (q: QuizQuestion, ids: readonly string[]) =>
    q.choices
      .filter((c) => ids.includes(c.id))
      .map((c) => c.text)
      .join(' ; ') || '—';
  return (
    <Layout ctx={ctx} title={t('training.learning.result.title')} space="public" breadcrumb={moduleCrumbs(ctx, course, t('training.learning.result.title'))}>
      <h1>{t('training.learning.result.title')}</h1>
      <Notice
        kind={attempt.passed ? 'success' : 'error'}
        title={t(attempt.passed ? 'training.learning.result.passed' : 'training.learning.result.failed', { score })}
      >
        {t('training.learning.result.passMark', { passMark })}
      </Notice>
      {certificateId ? (
        <Notice kind="success" title={t('training.learning.result.certificate')}>
          <DownloadCertificate ctx={ctx} id={certificateId} />
        </Notice>
      ) : null}
      {attempt.passed && !certificateId && unread.length > 0 ? (
        <Notice kind="info" title={t('training.learning.result.remaining')}>
          <ul>
            {unread.map((l) => (
              <li key={l.position}>
                <a href={`/formations/${course.slug}/cours/${l.position}`}>{l.title}</a>
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {attempt.passed ? null : (
        <>
          <p>{t('training.learning.result.retryLead')}</p>
          <StartQuiz ctx={ctx} slug={course.slug} label={t('training.learning.outline.retry')} />
        </>
      )}
      <h2>{t('training.learning.result.details')}</h2>
      {questions.map((q, i) => {
        const chosen = answers[q.id] ?? [];
        const right = isRight(q, chosen);
        return (
          <section key={q.id} class="fr-mb-4w" aria-labelledby={`question-${i + 1}`}>
            <h3 class="fr-h6 fr-mb-1w" id={`question-${i + 1}`}>
              {t('training.learning.quiz.question', { n: i + 1, text: q.text })}
            </h3>
            <p class={`fr-badge fr-badge--sm fr-mb-1w ${right ? 'fr-badge--success' : 'fr-badge--error'}`}>
              {t(right ? 'training.learning.result.right' : 'training.learning.result.wrong')}
            </p>
            <p class="fr-mb-1w">{t('training.learning.result.yours', { answer: list(q, chosen) })}</p>
            {right ? null : (
              <p class="fr-mb-1w">
                {t('training.learning.result.expected', {
                  answer: list(
                    q,
                    q.choices.filter((c) => c.correct).map((c) => c.id),
                  ),
                })}
              </p>
            )}
            {q.explanation ? <p class="fr-text--sm">{t('training.learning.result.explanation', { text: q.explanation })}</p> : null}
          </section>
        );
      })}
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/formations/${course.slug}/cours`}>
          {t('training.learning.result.back')}
        </a>
      </p>
    </Layout>
  );
}
