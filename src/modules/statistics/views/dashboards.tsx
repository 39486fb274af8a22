import {
  ErrorSummary,
  type FieldErrors,
  Notice,
  Select,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { Departement } from '../dashboards.js';
import type { Chart, DashboardFilter } from '../dashboards-model.js';
import type { DashboardKey, Reach } from '../dashboards-scope.js';
import { ChartBlock } from './dashboards-chart.js';

const K = 'statistics.dashboards';

/** Who the figures cover, in one sentence a social worker can check against what they know of their area. */
function ScopeLine({
  ctx,
  dashboard,
  reach,
  departements,
}: {
  ctx: PageContext;
  dashboard: DashboardKey;
  reach: Reach;
  departements: readonly Departement[];
}) {
  const { t } = ctx;
  const names = new Map(departements.map((d) => [d.code, d.name]));
  const parts: string[] = [];
  if (reach.national) parts.push(t(`${K}.scope.national`));
  if (reach.departements.length > 0)
    parts.push(
      t(`${K}.scope.departements`, {
        list: reach.departements.map((c) => `${names.get(c) ?? c} (${c})`).join(', '),
      }),
    );
  if (reach.deskMember) parts.push(t(`${K}.scope.desks`));
  if (reach.organisation) parts.push(t(`${K}.scope.organisation.${dashboard}`));
  return (
    <p class="fr-text--sm">
      <span class="fr-icon-map-pin-2-line fr-icon--sm" aria-hidden="true" /> {t(`${K}.scope.label`)}{' '}
      <strong>{parts.join(' ; ')}</strong>
    </p>
  );
}

const crumbs = (ctx: PageContext, current?: string): ReadonlyArray<readonly [string, string?]> => [
  [ctx.t('nav.pro'), '/pro'],
  ...(current
    ? ([[ctx.t(`${K}.title`), '/pro/statistiques'], [current]] as const)
    : ([[ctx.t(`${K}.title`)]] as const)),
];

/** /pro/statistiques: the role's dashboards as cards, or why there is none. */
export function OverviewPage({ ctx, available }: { ctx: PageContext; available: readonly DashboardKey[] }) {
  const { t } = ctx;
  const title = t(`${K}.title`);
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={crumbs(ctx)}>
      <h1>{title}</h1>
      <p class="fr-text--lead">{t(`${K}.lead`)}</p>
      {available.length === 0 ? (
        <Notice kind="info" title={t(`${K}.nothing.title`)}>
          <p>{t(`${K}.nothing.text`)}</p>
        </Notice>
      ) : (
        <div class="fr-grid-row fr-grid-row--gutters fr-mb-6w">
          {available.map((d) => (
            <div class="fr-col-12 fr-col-md-6" key={d}>
              <div class="fr-card fr-enlarge-link">
                <div class="fr-card__body">
                  <div class="fr-card__content">
                    <h2 class="fr-card__title">
                      <a href={`/pro/statistiques/${d}`}>{t(`${K}.dashboards.${d}.title`)}</a>
                    </h2>
                    <p class="fr-card__desc">{t(`${K}.dashboards.${d}.text`)}</p>
                  </div>
                </div>
              </div>
            </div>
          ))}
        </div>
      )}
      <p class="fr-text--sm">{t(`${K}.publicNote`)}</p>
    </Layout>
  );
}

/** The other dashboards of the role, as tags (they wrap on a phone). */
function DashboardTabs({
  ctx,
  available,
  current,
}: {
  ctx: PageContext;
  available: readonly DashboardKey[];
  current: DashboardKey;
}) {
  return (
    <nav aria-label={ctx.t(`${K}.page.others`)} class="fr-mb-3w">
      <ul class="fr-tags-group">
        {available.map((d) => (
          <li key={d}>
            <a
              class="fr-tag"
              href={`/pro/statistiques/${d}`}
              aria-current={d === current ? 'page' : undefined}
            >
              {ctx.t(`${K}.dashboards.${d}.short`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function FilterForm({
  ctx,
  dashboard,
  filter,
  breakdowns,
  departements,
  errors,
}: {
  ctx: PageContext;
  dashboard: DashboardKey;
  filter: DashboardFilter;
  breakdowns: readonly string[];
  departements: readonly Departement[];
  errors: FieldErrors | undefined;
}) {
  const { t } = ctx;
  return (
    <form method="get" action={`/pro/statistiques/${dashboard}`} class="fr-mb-4w">
      <ErrorSummary ctx={ctx} errors={errors} />
      <fieldset class="fr-fieldset">
        <legend class="fr-fieldset__legend">{t(`${K}.filters.legend`)}</legend>
        <div class="fr-fieldset__element fr-col-12 fr-col-md-3">
          <TextInput
            name="from"
            type="date"
            label={t(`${K}.filters.from`)}
            value={filter.from}
            errors={errors}
            required
          />
        </div>
        <div class="fr-fieldset__element fr-col-12 fr-col-md-3">
          <TextInput
            name="to"
            type="date"
            label={t(`${K}.filters.to`)}
            hint={t(`${K}.filters.toHint`)}
            value={filter.to}
            errors={errors}
            required
          />
        </div>
        {departements.length > 1 || errors?.departement ? (
          <div class="fr-fieldset__element fr-col-12 fr-col-md-3">
            <Select
              name="departement"
              label={t(`${K}.filters.departement`)}
              value={filter.departement}
              placeholder={t(`${K}.filters.anyDepartement`)}
              options={departements.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }))}
              errors={errors}
            />
          </div>
        ) : null}
        <div class="fr-fieldset__element fr-col-12 fr-col-md-3">
          <Select
            name="breakdown"
            label={t(`${K}.filters.breakdown`)}
            value={filter.breakdown}
            placeholder={t(`${K}.filters.allCharts`)}
            options={breakdowns.map((b) => ({ value: b, label: t(`${K}.charts.${dashboard}.${b}.title`) }))}
            errors={errors}
          />
        </div>
        <div class="fr-fieldset__element">
          <button class="fr-btn" type="submit">
            {t(`${K}.filters.submit`)}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

/** One dashboard: scope, filters, then each chart with its table and CSV; or why the role has none here. */
export function DashboardPage(props: {
  ctx: PageContext;
  dashboard: DashboardKey;
  available: readonly DashboardKey[];
  reach: Reach | null;
  filter: DashboardFilter;
  breakdowns: readonly string[];
  departements: readonly Departement[];
  charts: readonly Chart[];
  errors?: FieldErrors | undefined;
}) {
  const { ctx, dashboard, reach, filter } = props;
  const { t } = ctx;
  const title = t(`${K}.dashboards.${dashboard}.title`);
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={crumbs(ctx, title)}>
      <h1>{title}</h1>
      {props.available.length > 1 ? (
        <DashboardTabs ctx={ctx} available={props.available} current={dashboard} />
      ) : null}
      {reach === null ? (
        <Notice kind="info" title={t(`${K}.nothing.dashboardTitle`)}>
          <p>{t(`${K}.nothing.dashboard.${dashboard}`)}</p>
          <p>
            <a href="/pro/statistiques">{t(`${K}.nothing.back`)}</a>
          </p>
        </Notice>
      ) : (
        <>
          <p class="fr-text--lead">{t(`${K}.dashboards.${dashboard}.text`)}</p>
          <ScopeLine ctx={ctx} dashboard={dashboard} reach={reach} departements={props.departements} />
          <FilterForm
            ctx={ctx}
            dashboard={dashboard}
            filter={filter}
            breakdowns={props.breakdowns}
            departements={props.departements}
            errors={props.errors}
          />
          {props.errors
            ? null
            : props.charts.map((chart) => (
                <ChartBlock key={chart.breakdown} ctx={ctx} chart={chart} filter={filter} />
              ))}
        </>
      )}
    </Layout>
  );
}
