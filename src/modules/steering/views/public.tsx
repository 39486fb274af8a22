import { DepartementMap, type MapCell } from '../../../platform/views/departement-map.js';
import { Notice, Table } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { IndicatorView } from '../indicators.js';
import type { Plans } from '../plans.js';
import type { Review } from '../review.js';
import type { Territory } from '../territory.js';
import {
  BudgetChart,
  MeasureList,
  type BudgetRow,
  flatten,
  IndicatorsBlock,
  Progress,
  StatusChart,
} from './shared.js';

type Outline = Awaited<ReturnType<Plans['outline']>>;
type Contribution = Awaited<ReturnType<Review['contributions']>>[number];
type PlanRow = Awaited<ReturnType<Plans['list']>>[number];

/** The public progress page of a plan: measures by status, budget, indicators, and each measure's progress. */
export function PlanPublicPage({
  ctx,
  outline,
  budget,
  indicators,
  contributions,
  others,
}: {
  ctx: PageContext;
  outline: Outline | null;
  budget: readonly BudgetRow[];
  indicators: readonly IndicatorView[];
  contributions: readonly Contribution[];
  others: readonly PlanRow[];
}) {
  const { t, locale } = ctx;
  const title = t('steering.public.title');
  if (!outline)
    return (
      <Layout ctx={ctx} title={title} space="public" breadcrumb={[[title]]}>
        <h1>{title}</h1>
        <p>{t('steering.public.noPlan')}</p>
      </Layout>
    );
  const { plan, axes, progress } = outline;
  const all = flatten(axes.flatMap((a) => a.measures));
  return (
    <Layout ctx={ctx} title={plan.title} space="public" breadcrumb={[[title, '/plan'], [plan.title]]}>
      <h1>{plan.title}</h1>
      <p class="fr-text--lead">
        {t('steering.public.period', { from: plan.period_start, to: plan.period_end })} ·{' '}
        {t(`steering.planStatus.${plan.status}`)}
      </p>
      {plan.summary ? <p>{plan.summary}</p> : null}
      {plan.is_demo ? (
        <Notice kind="info">
          <p>{t('steering.public.demo')}</p>
        </Notice>
      ) : null}
      {progress !== null ? (
        <p>
          {t('steering.public.progress')} <Progress value={progress} label={t('steering.public.progress')} />
        </p>
      ) : null}
      <nav aria-label={t('steering.public.more')} class="fr-my-2w">
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <a class="fr-btn fr-btn--secondary" href="/plan/deploiement">
              {t('steering.deployment.title')}
            </a>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href="/plan/projets-pilotes">
              {t('steering.pilots.title')}
            </a>
          </li>
        </ul>
      </nav>
      <section aria-labelledby="par-etat">
        <h2 id="par-etat">{t('steering.charts.byStatus')}</h2>
        <StatusChart t={t} measures={all} id="chart-status" />
      </section>
      <section aria-labelledby="budget">
        <h2 id="budget">{t('steering.charts.budget')}</h2>
        <BudgetChart t={t} locale={locale} lines={budget} id="chart-budget" />
      </section>
      <section aria-labelledby="indicateurs">
        <h2 id="indicateurs">{t('steering.indicators.title')}</h2>
        <p class="fr-text--sm">{t('steering.indicators.kRule')}</p>
        <IndicatorsBlock t={t} locale={locale} indicators={indicators} id="chart-indicators" />
      </section>
      <section aria-labelledby="mesures">
        <h2 id="mesures">{t('steering.public.measures')}</h2>
        {axes.map((axis) => (
          <div key={axis.id} class="fr-mb-3w">
            <h3>
              {t('steering.axis')} {axis.number} — {axis.title}
            </h3>
            {axis.description ? <p>{axis.description}</p> : null}
            <MeasureList t={t} measures={axis.measures} />
          </div>
        ))}
      </section>
      {contributions.length > 0 ? (
        <section aria-labelledby="contributions">
          <h2 id="contributions">{t('steering.contributions.published')}</h2>
          <ul>
            {contributions.map((c) => (
              <li key={c.id}>
                <strong>{c.organisation}</strong> (
                {c.measure_number
                  ? `${t('steering.measure')} ${c.measure_number}`
                  : `${t('steering.axis')} ${c.axis_number}`}
                ) : {c.body}
                {c.decision ? (
                  <p class="fr-text--sm">
                    {t(`steering.decisions.${c.decision}`)} — {c.answer}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {others.length > 1 ? (
        <section aria-labelledby="autres-plans">
          <h2 id="autres-plans">{t('steering.public.otherPlans')}</h2>
          <ul>
            {others.map((p) => (
              <li key={p.id}>
                <a href={`/plan/${p.slug}`}>{p.title}</a> ({p.period_start}–{p.period_end})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

type DeploymentRow = Awaited<ReturnType<Territory['deployment']>>[number];

/** Per département: the commission that carries trafficking, a parquet referent, the minors' circuit. */
export function DeploymentPage({
  ctx,
  rows,
  editable,
}: {
  ctx: PageContext;
  rows: readonly DeploymentRow[];
  editable?: (code: string) => boolean;
}) {
  const { t } = ctx;
  const title = t('steering.deployment.title');
  const cells = new Map<string, MapCell>(
    rows.map((r) => {
      const score =
        (r.commission && r.commission !== 'none' ? 1 : 0) +
        (r.parquet_referent ? 1 : 0) +
        (r.minors_circuit ? 1 : 0);
      const shade = (score === 0 ? 'q-none' : `q-${score + (score === 3 ? 1 : 0)}`) as MapCell['shade'];
      return [r.code, { shade, title: `${r.name} (${r.code}) : ${describe(r)}` }];
    }),
  );
  function describe(r: DeploymentRow) {
    const parts = [
      r.commission && r.commission !== 'none'
        ? t(`steering.commissions.${r.commission}`)
        : t('steering.deployment.noCommission'),
      r.parquet_referent
        ? t('steering.deployment.referent', { organisation: r.parquet_organisation })
        : t('steering.deployment.noReferent'),
      r.minors_circuit ? t('steering.deployment.circuit') : t('steering.deployment.noCircuit'),
    ];
    return parts.join(' ; ');
  }
  const known = rows.filter((r) => r.updated_at);
  return (
    <Layout
      ctx={ctx}
      title={title}
      space={editable ? 'pilotage' : 'public'}
      breadcrumb={
        editable
          ? [[t('nav.pilotage'), '/pilotage'], [title]]
          : [[t('steering.public.title'), '/plan'], [title]]
      }
    >
      <h1>{title}</h1>
      <p class="fr-text--lead">{t('steering.deployment.lead')}</p>
      <DepartementMap
        label={t('steering.deployment.mapLabel')}
        cells={cells}
        legend={(['q-none', 'q-1', 'q-2', 'q-4'] as const).map((s) => ({
          shade: s,
          label: t(`steering.deployment.legend.${s}`),
        }))}
        credit={t('capacity.mapCredit')}
      />
      <Table
        caption={t('steering.deployment.table')}
        headers={[
          t('steering.deployment.departement'),
          t('steering.deployment.commission'),
          t('steering.deployment.parquet'),
          t('steering.deployment.minors'),
          ...(editable ? [t('steering.deployment.edit')] : []),
        ]}
        rows={(editable ? rows : known).map((r) => [
          `${r.name} (${r.code})`,
          r.commission && r.commission !== 'none'
            ? `${t(`steering.commissions.${r.commission}`)}${r.commission_note ? ` — ${r.commission_note}` : ''}`
            : t('steering.deployment.noCommission'),
          r.parquet_referent ? r.parquet_organisation : t('steering.no'),
          r.minors_circuit ? t('steering.yes') : t('steering.no'),
          ...(editable
            ? [
                editable(r.code) ? (
                  <a href={`/pilotage/deploiement/${r.code}`}>
                    {t('steering.deployment.edit')}
                    <span class="fr-sr-only"> {r.name}</span>
                  </a>
                ) : (
                  '—'
                ),
              ]
            : []),
        ])}
      />
      {!editable ? (
        <p class="fr-text--sm">
          {t('steering.deployment.unknownHidden', { count: rows.length - known.length })}
        </p>
      ) : null}
    </Layout>
  );
}

type Pilot = Awaited<ReturnType<Territory['pilots']>>[number];

export function PilotsPage({
  ctx,
  pilots,
}: {
  ctx: PageContext;
  pilots: ReadonlyArray<{ pilot: Pilot; indicators: readonly IndicatorView[] }>;
}) {
  const { t, locale } = ctx;
  const title = t('steering.pilots.title');
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="public"
      breadcrumb={[[t('steering.public.title'), '/plan'], [title]]}
    >
      <h1>{title}</h1>
      <p class="fr-text--lead">{t('steering.pilots.lead')}</p>
      {pilots.map(({ pilot, indicators }) => (
        <section key={pilot.id} aria-labelledby={`pilote-${pilot.slug}`} class="fr-mt-4w">
          <h2 id={`pilote-${pilot.slug}`}>{pilot.name}</h2>
          <p>
            <span class="fr-badge fr-badge--sm">
              {t('steering.pilots.funding')} : {t(`steering.funding.${pilot.funding_status}`)}
            </span>
          </p>
          <p>{pilot.description}</p>
          <dl>
            <dt>{t('steering.pilots.partners')}</dt>
            <dd>{pilot.partners.join(', ') || '—'}</dd>
            <dt>{t('steering.pilots.places')}</dt>
            <dd>{pilot.places || '—'}</dd>
            <dt>{t('steering.pilots.dates')}</dt>
            <dd>
              {pilot.starts_on ?? '…'} – {pilot.ends_on ?? '…'}
            </dd>
            {pilot.funding_note ? (
              <>
                <dt>{t('steering.pilots.funding')}</dt>
                <dd>{pilot.funding_note}</dd>
              </>
            ) : null}
          </dl>
          {pilot.evaluation_notes ? (
            <>
              <h3 class="fr-h6">{t('steering.pilots.evaluation')}</h3>
              <p>{pilot.evaluation_notes}</p>
            </>
          ) : null}
          <IndicatorsBlock t={t} locale={locale} indicators={indicators} id={`chart-${pilot.slug}`} />
          {pilot.is_demo ? <p class="fr-text--sm">{t('steering.public.demoShort')}</p> : null}
        </section>
      ))}
    </Layout>
  );
}
