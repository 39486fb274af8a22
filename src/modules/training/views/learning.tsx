import { hasRole } from '../../../platform/auth/roles.js';
import { Csrf, Notice } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { markdownToHtml } from '../../newsletter/render.js';
import type { Learning } from '../learning.js';
import { TRAINERS } from '../reference.js';

type Outline = Awaited<ReturnType<Learning['outline']>>;
type LessonView = Awaited<ReturnType<Learning['lesson']>>;
type Course = { slug: string; title: string };

/** The breadcrumb of a module's pages: the catalogue, the course, the module, then the page. */
export function moduleCrumbs(ctx: PageContext, course: Course, here?: string): Array<[string, string?]> {
  const crumbs: Array<[string, string?]> = [
    [ctx.t('training.learning.content.catalogue'), '/formations'],
    [course.title, `/formations/${course.slug}`],
  ];
  crumbs.push(here ? [ctx.t('training.learning.outline.title'), `/formations/${course.slug}/cours`] : [ctx.t('training.learning.outline.title')]);
  if (here) crumbs.push([here]);
  return crumbs;
}

/** Lessons as trainers write them: markdown without raw HTML; images fit the screen's width. */
export const lessonHtml = (body: string) => markdownToHtml(body).replace(/<img /g, '<img class="fr-responsive-img" ');

export const certificateHref = (id: string) => `/formations/attestations/${id}/pdf`;

export function StartQuiz({ ctx, slug, label, secondary }: { ctx: PageContext; slug: string; label: string; secondary?: boolean }) {
  return (
    <form method="post" action={`/formations/${slug}/quiz`} class="fr-mb-3w">
      <Csrf ctx={ctx} />
      <button type="submit" class={`fr-btn${secondary ? ' fr-btn--secondary' : ''}`}>
        {label}
      </button>
    </form>
  );
}

export function DownloadCertificate({ ctx, id }: { ctx: PageContext; id: string }) {
  return (
    <p>
      <a class="fr-btn fr-btn--icon-left fr-icon-download-line" href={certificateHref(id)}>
        {ctx.t('training.learning.outline.download')}
      </a>
    </p>
  );
}

/** The module's outline: lessons read or not, the quiz and the best attempt, the certificate once complete. */
export function ModulePage({ ctx, outline }: { ctx: PageContext; outline: Outline }) {
  const { t } = ctx;
  const { course, lessons } = outline;
  const done = lessons.filter((l) => l.done).length;
  const remaining = lessons.filter((l) => !l.done);
  const next = remaining[0] ?? lessons[0]!;
  const percent = Math.round((100 * done) / lessons.length);
  return (
    <Layout ctx={ctx} title={`${t('training.learning.outline.title')} — ${course.title}`} space="public" breadcrumb={moduleCrumbs(ctx, course)}>
      <p class="fr-badge fr-badge--info">{t('training.learning.outline.title')}</p>
      <h1>{course.title}</h1>
      {course.summary ? <p class="fr-text--lead">{course.summary}</p> : null}
      <p>{t('training.learning.outline.lead')}</p>
      {outline.certificate ? (
        <Notice kind="success" title={t('training.learning.outline.complete')}>
          <DownloadCertificate ctx={ctx} id={outline.certificate.id} />
        </Notice>
      ) : null}
      <p id="progression">
        <strong>{t('training.learning.outline.progressLabel')} : </strong>
        {t('training.learning.outline.progress', { count: done, total: lessons.length })}
      </p>
      <progress class="relais-progress fr-mb-3w" max={100} value={percent} aria-labelledby="progression">
        {percent} %
      </progress>

      <h2>{t('training.learning.outline.lessons')}</h2>
      <ol class="fr-mb-3w">
        {lessons.map((l) => (
          <li key={l.position} class="fr-mb-1w">
            <a href={`/formations/${course.slug}/cours/${l.position}`}>{l.title}</a>{' '}
            <span class={`fr-badge fr-badge--sm ${l.done ? 'fr-badge--success' : 'fr-badge--no-icon'}`}>
              {t(l.done ? 'training.learning.outline.done' : 'training.learning.outline.todo')}
            </span>
          </li>
        ))}
      </ol>
      {remaining.length > 0 ? (
        <p>
          <a class="fr-btn" href={`/formations/${course.slug}/cours/${next.position}`}>
            {t('training.learning.outline.lesson', { position: next.position, title: next.title })}
          </a>
        </p>
      ) : null}

      <h2>{t('training.learning.outline.quiz')}</h2>
      {outline.questionCount === 0 ? (
        <p>{t('training.learning.outline.noQuiz')}</p>
      ) : (
        <>
          <p>{t('training.learning.outline.quizInfo', { count: outline.questionCount, passMark: outline.passMark })}</p>
          <p>
            {outline.best
              ? t('training.learning.outline.best', {
                  score: outline.best.score ?? 0,
                  outcome: t(outline.passed ? 'training.learning.outline.passedWord' : 'training.learning.outline.failedWord'),
                  count: outline.attemptCount,
                })
              : t('training.learning.outline.noAttempt')}
          </p>
          {outline.passed && !outline.certificate && remaining.length > 0 ? (
            <Notice kind="info" title={t('training.learning.outline.remaining')}>
              <ul>
                {remaining.map((l) => (
                  <li key={l.position}>
                    <a href={`/formations/${course.slug}/cours/${l.position}`}>{l.title}</a>
                  </li>
                ))}
              </ul>
            </Notice>
          ) : null}
          {outline.openAttempt ? (
            <p>
              <a class="fr-link" href={`/formations/${course.slug}/quiz/${outline.openAttempt}`}>
                {t('training.learning.outline.resume')}
              </a>
            </p>
          ) : null}
          <StartQuiz
            ctx={ctx}
            slug={course.slug}
            label={t(outline.attemptCount > 0 ? 'training.learning.outline.retry' : 'training.learning.outline.start')}
            secondary={remaining.length > 0 || outline.passed}
          />
        </>
      )}
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--tertiary fr-mt-4w">
        <li>
          <a class="fr-btn fr-btn--tertiary" href={`/formations/${course.slug}`}>
            {t('training.learning.outline.course')}
          </a>
        </li>
        {hasRole(ctx.actor, ...TRAINERS) ? (
          <li>
            <a class="fr-btn fr-btn--tertiary" href={`/pro/formations/${course.slug}/contenu`}>
              {t('training.learning.outline.edit')}
            </a>
          </li>
        ) : null}
      </ul>
    </Layout>
  );
}

/** One lesson; reading it to the end and pressing the button saves progress and moves on. */
export function LessonPage({ ctx, view }: { ctx: PageContext; view: LessonView }) {
  const { t } = ctx;
  const { course, lesson } = view;
  return (
    <Layout ctx={ctx} title={`${lesson.title} — ${course.title}`} space="public" breadcrumb={moduleCrumbs(ctx, course, lesson.title)}>
      <p class="fr-text--sm fr-mb-1w">{t('training.learning.lesson.position', { index: view.index, count: view.count })}</p>
      <h1>{lesson.title}</h1>
      {lesson.done ? (
        <p class="fr-badge fr-badge--success fr-mb-2w">{t('training.learning.lesson.alreadyRead')}</p>
      ) : null}
      {/* markdown-it with raw HTML disabled: trainers' text is escaped. */}
      <div class="fr-mb-4w" dangerouslySetInnerHTML={{ __html: lessonHtml(lesson.body) }} />
      <form method="post" action={`/formations/${course.slug}/cours/${lesson.position}`}>
        <Csrf ctx={ctx} />
        <button type="submit" class="fr-btn fr-btn--icon-right fr-icon-arrow-right-line">
          {t('training.learning.lesson.markRead')}
        </button>
      </form>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--tertiary fr-mt-4w">
        {view.previous !== null ? (
          <li>
            <a class="fr-btn fr-btn--tertiary" href={`/formations/${course.slug}/cours/${view.previous}`}>
              {t('training.learning.lesson.previous')}
            </a>
          </li>
        ) : null}
        <li>
          <a class="fr-btn fr-btn--tertiary" href={`/formations/${course.slug}/cours`}>
            {t('training.learning.lesson.outline')}
          </a>
        </li>
      </ul>
    </Layout>
  );
}
