import {
  ErrorSummary,
  type FieldErrors,
  Select,
  Table,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { CountRow, CountsFilter } from '../counts.js';
import { categoryOptions } from './catalogue.js';

/** People trained per category × département over a period: filters, one table, the same rows as CSV. */
export function CountsPage({
  ctx,
  filter,
  rows,
  departements,
  errors,
}: {
  ctx: PageContext;
  filter: CountsFilter;
  rows: readonly CountRow[];
  departements: ReadonlyArray<{ code: string; name: string }>;
  errors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const title = t('training.counts.page.title');
  const names = new Map(departements.map((d) => [d.code, d.name]));
  const sum = (k: 'session' | 'distance' | 'total') => rows.reduce((n, r) => n + r[k], 0);
  const query = new URLSearchParams({
    from: filter.from,
    to: filter.to,
    category: filter.category,
    departementCode: filter.departementCode,
  }).toString();
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [title]]}>
      <h1>{title}</h1>
      <p class="fr-text--lead">{t('training.counts.page.lead')}</p>
      <form method="get" action="/pro/formations/comptes" class="fr-mb-4w">
        <ErrorSummary ctx={ctx} errors={errors} />
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-3">
            <TextInput
              name="from"
              type="date"
              label={t('training.counts.page.from')}
              value={filter.from}
              errors={errors}
              required
            />
          </div>
          <div class="fr-col-12 fr-col-md-3">
            <TextInput
              name="to"
              type="date"
              label={t('training.counts.page.to')}
              value={filter.to}
              errors={errors}
              required
            />
          </div>
          <div class="fr-col-12 fr-col-md-3">
            <Select
              name="category"
              label={t('training.counts.page.category')}
              value={filter.category}
              placeholder={t('training.catalogue.filters.anyAudience')}
              options={categoryOptions(ctx)}
              errors={errors}
            />
          </div>
          <div class="fr-col-12 fr-col-md-3">
            <Select
              name="departementCode"
              label={t('training.counts.page.departement')}
              value={filter.departementCode}
              placeholder={t('training.counts.page.anyDepartement')}
              options={departements.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }))}
              errors={errors}
            />
          </div>
        </div>
        <button class="fr-btn" type="submit">
          {t('training.catalogue.filters.submit')}
        </button>
      </form>
      {errors ? null : (
        <>
          <p>
            <a
              class="fr-link fr-icon-download-line fr-link--icon-left"
              href={`/pro/formations/comptes.csv?${query}`}
              download
            >
              {t('training.counts.page.csv')}
            </a>
          </p>
          {rows.length === 0 ? (
            <p>{t('training.counts.page.none')}</p>
          ) : (
            <Table
              caption={t('training.counts.page.caption', { from: filter.from, to: filter.to })}
              headers={[
                t('training.counts.page.category'),
                t('training.counts.page.departement'),
                t('training.counts.page.session'),
                t('training.counts.page.distance'),
                t('training.counts.page.total'),
              ]}
              rows={[
                ...rows.map((r) => [
                  t(`training.categories.${r.category}`),
                  r.departement_code
                    ? `${r.departement_code} — ${names.get(r.departement_code) ?? ''}`
                    : t('training.counts.page.unknownDepartement'),
                  r.session,
                  r.distance,
                  r.total,
                ]),
                [
                  <strong key="t">{t('training.counts.page.total')}</strong>,
                  '',
                  sum('session'),
                  sum('distance'),
                  <strong key="n">{sum('total')}</strong>,
                ],
              ]}
            />
          )}
        </>
      )}
    </Layout>
  );
}
