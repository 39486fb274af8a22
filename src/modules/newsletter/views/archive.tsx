import type { TrainingsBlockText } from '../trainings-block.js';
import { formatParis } from '../../../platform/time/paris.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { ownLanguageName } from './public.js';

export function ArchivePage({
  ctx,
  editions,
}: {
  ctx: PageContext;
  editions: ReadonlyArray<{
    id: string;
    title: string;
    period: string;
    sent_at: Date | null;
    subject: string;
  }>;
}) {
  const { t } = ctx;
  const title = t('newsletter.archive.title');
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="public"
      breadcrumb={[[t('newsletter.subscribe.title'), '/lettre'], [title]]}
    >
      <h1>{title}</h1>
      <p>
        <a class="fr-link fr-icon-rss-line fr-link--icon-left fr-mr-3w" href="/lettre/archives.rss">
          {t('newsletter.archive.rss')}
        </a>
        <a class="fr-link" href="/lettre">
          {t('newsletter.archive.subscribe')}
        </a>
      </p>
      {editions.length === 0 ? <p>{t('newsletter.archive.none')}</p> : null}
      <ul>
        {editions.map((e) => (
          <li key={e.id}>
            <a href={`/lettre/archives/${e.id}`}>{e.title}</a> —{' '}
            {e.sent_at ? formatParis(e.sent_at, ctx.locale, 'medium') : e.period}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function ArchivedPage({
  ctx,
  title,
  subject,
  sentAt,
  language,
  languages,
  id,
  html,
  featured,
  plan = null,
  trainings = null,
}: {
  ctx: PageContext;
  title: string;
  subject: string;
  sentAt: Date | null;
  language: string;
  languages: readonly string[];
  id: string;
  html: string;
  featured: ReadonlyArray<{ id: string; title: string }>;
  /** The "plan progress" block, as it reads now. */
  plan?: { heading: string; line: string; url: string } | null;
  /** The "upcoming trainings" block, as of the sending date. */
  trainings?: TrainingsBlockText | null;
}) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="public"
      breadcrumb={[
        [t('newsletter.subscribe.title'), '/lettre'],
        [t('newsletter.archive.title'), '/lettre/archives'],
        [title],
      ]}
    >
      <h1>{title}</h1>
      {sentAt ? (
        <p class="fr-text--sm">
          {t('newsletter.archive.sent', { date: formatParis(sentAt, ctx.locale, 'medium') })}
        </p>
      ) : null}
      {languages.length > 1 ? (
        <nav aria-label={t('newsletter.archive.languages')}>
          <ul class="fr-tags-group">
            {languages.map((l) => (
              <li key={l}>
                <a
                  class="fr-tag"
                  href={`/lettre/archives/${id}?langue=${l}`}
                  lang={l}
                  aria-current={l === language ? 'true' : undefined}
                >
                  {ownLanguageName(l)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <article lang={language} dir={language === 'ar' ? 'rtl' : 'ltr'}>
        <h2>{subject}</h2>
        {/* Rendered by markdown-it with raw HTML disabled: editors' text is escaped. */}
        <div dangerouslySetInnerHTML={{ __html: html }} />
        {featured.length > 0 ? (
          <>
            <h3 lang={ctx.locale} dir="ltr">
              {t('newsletter.editor.featured')}
            </h3>
            <ul lang="fr" dir="ltr">
              {featured.map((r) => (
                <li key={r.id}>
                  <a href={`/outils/${r.id}`}>{r.title}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {plan ? (
          <section lang={ctx.locale} dir="ltr">
            <h3>{plan.heading}</h3>
            <p>
              {plan.line} <a href={plan.url}>{t('newsletter.archive.planLink')}</a>
            </p>
          </section>
        ) : null}
        {trainings ? (
          <section lang={ctx.locale} dir="ltr">
            <h3>{trainings.heading}</h3>
            {trainings.items.length > 0 ? (
              <ul>
                {trainings.items.map((i) => (
                  <li key={i.url + i.line}>
                    <a href={i.url}>{i.line}</a>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{trainings.empty}</p>
            )}
            <p>
              <a href={trainings.url}>{t('newsletter.archive.trainingsLink')}</a>
            </p>
          </section>
        ) : null}
      </article>
    </Layout>
  );
}
