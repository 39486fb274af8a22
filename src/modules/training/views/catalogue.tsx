import { Select, TextInput } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { createCatalogue } from '../catalogue.js';
import { CATEGORIES, FORMATS } from '../reference.js';
import { day, hours } from './sessions-parts.js';

type Catalogue = ReturnType<typeof createCatalogue>;
export type CatalogueFilter = {
  public?: string | undefined;
  format?: string | undefined;
  q?: string | undefined;
};

export const categoryOptions = (ctx: PageContext) =>
  CATEGORIES.map((c) => ({ value: c, label: ctx.t(`training.categories.${c}`) }));
export const formatOptions = (ctx: PageContext) =>
  FORMATS.map((f) => ({ value: f, label: ctx.t(`training.formats.${f}`) }));

/** The public catalogue: filters first (a phone shows them one under the other), then one card per course. */
export function CataloguePage({
  ctx,
  filter,
  courses,
  exercises,
}: {
  ctx: PageContext;
  filter: CatalogueFilter;
  courses: Awaited<ReturnType<Catalogue['published']>>;
  exercises: boolean;
}) {
  const { t } = ctx;
  const title = t('training.catalogue.page.title');
  const filtered = !!(filter.public || filter.format || filter.q);
  return (
    <Layout ctx={ctx} title={title} space="public" breadcrumb={[[title]]}>
      <h1>{title}</h1>
      <p class="fr-text--lead">{t('training.catalogue.page.lead')}</p>
      <form method="get" action="/formations" class="fr-mb-4w">
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-4">
            <Select
              name="public"
              label={t('training.catalogue.filters.audience')}
              value={filter.public}
              placeholder={t('training.catalogue.filters.anyAudience')}
              options={categoryOptions(ctx)}
            />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <Select
              name="format"
              label={t('training.catalogue.filters.format')}
              value={filter.format}
              placeholder={t('training.catalogue.filters.anyFormat')}
              options={formatOptions(ctx)}
            />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <TextInput
              name="q"
              type="search"
              label={t('training.catalogue.filters.q')}
              value={filter.q}
              maxLength={100}
            />
          </div>
        </div>
        <ul class="fr-btns-group fr-btns-group--inline-sm">
          <li>
            <button class="fr-btn" type="submit">
              {t('training.catalogue.filters.submit')}
            </button>
          </li>
          {filtered ? (
            <li>
              <a class="fr-btn fr-btn--secondary" href="/formations">
                {t('training.catalogue.filters.reset')}
              </a>
            </li>
          ) : null}
        </ul>
      </form>
      <h2 id="resultats">{t('training.catalogue.page.results', { count: courses.length })}</h2>
      {courses.length === 0 ? <p>{t('training.catalogue.page.none')}</p> : null}
      <ul class="relais-cards" aria-labelledby="resultats">
        {courses.map((c) => (
          <li key={c.id} class="relais-card">
            <p class="fr-mb-1w">
              <span class="fr-badge fr-badge--sm fr-badge--info">{t(`training.formats.${c.format}`)}</span>{' '}
              <span class="fr-badge fr-badge--sm">{hours(ctx.locale, c.duration_hours)}</span>
            </p>
            <h3 class="fr-h5 fr-mb-1w">
              <a href={`/formations/${c.slug}`}>{c.title}</a>
            </h3>
            {c.summary ? <p class="fr-mb-1w">{c.summary}</p> : null}
            <p class="fr-text--sm fr-mb-1w">
              <strong>{t('training.catalogue.fields.audiences')} : </strong>
              {c.audiences.map((a) => t(`training.categories.${a}`)).join(', ')}
            </p>
            <p class="fr-text--sm fr-mb-0">
              <strong>{t('training.catalogue.fields.next')} : </strong>
              {c.next_session
                ? day(ctx.locale, new Date(c.next_session))
                : t('training.catalogue.fields.noSession')}
              {c.has_lessons ? (
                <>
                  {' · '}
                  <a href={`/formations/${c.slug}/cours`}>{t('training.catalogue.page.distance')}</a>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
      {exercises ? (
        <div class="fr-callout fr-mt-4w">
          <h2 class="fr-callout__title">{t('training.catalogue.page.exercisesTitle')}</h2>
          <p class="fr-callout__text">{t('training.catalogue.page.exercisesText')}</p>
          <a class="fr-btn fr-btn--secondary" href="/formations/exercices">
            {t('training.catalogue.page.exercisesLink')}
          </a>
        </div>
      ) : null}
      {ctx.actor ? (
        <p class="fr-mt-4w">
          <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/pro/formations">
            {t('training.mine.title')}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
