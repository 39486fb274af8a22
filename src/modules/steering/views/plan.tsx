import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  Select,
  TextArea,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { PLAN_STATUSES, type Plans } from '../plans.js';
import type { Review } from '../review.js';
import { ContributionThread } from './contributions.js';
import { MeasureFields } from './measure-fields.js';
import { MeasureList, Progress } from './shared.js';

type Outline = Awaited<ReturnType<Plans['outline']>>;
type PlanRow = Awaited<ReturnType<Plans['list']>>[number];
type Contribution = Awaited<ReturnType<Review['contributions']>>[number];
export type PlanForm = {
  which: 'axis' | 'measure' | 'contribution' | 'answer';
  values: Values;
  errors: FieldErrors;
  contributionId?: string;
};
export type Values = Record<string, string | undefined>;

export function PlansPage({
  ctx,
  plans,
  steer,
  form,
}: {
  ctx: PageContext;
  plans: readonly PlanRow[];
  steer: boolean;
  form?: { values: Values; errors: FieldErrors } | undefined;
}) {
  const { t } = ctx;
  const title = t('steering.plans.title');
  const v = form?.values ?? {};
  return (
    <Layout ctx={ctx} title={title} space="pilotage" breadcrumb={[[t('nav.pilotage'), '/pilotage'], [title]]}>
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <h1>{title}</h1>
      <ul class="relais-cards">
        {plans.map((p) => (
          <li key={p.id} class="relais-card">
            <p class="fr-badge fr-badge--sm">{t(`steering.planStatus.${p.status}`)}</p>
            <h2 class="fr-h5">
              <a href={`/pilotage/plans/${p.id}`}>{p.title}</a>
            </h2>
            <p class="fr-mb-0">
              {p.period_start}–{p.period_end}
            </p>
          </li>
        ))}
      </ul>
      {steer ? (
        <section aria-labelledby="nouveau-plan" class="fr-mt-4w">
          <h2 id="nouveau-plan">{t('steering.plans.new')}</h2>
          <p>{t('steering.plans.newHelp')}</p>
          <form method="post" action="/pilotage/plans">
            <Csrf ctx={ctx} />
            <TextInput
              name="title"
              label={t('steering.fields.title')}
              required
              errors={form?.errors}
              value={v.title}
              maxLength={300}
            />
            <TextInput
              name="periodStart"
              type="number"
              inputMode="numeric"
              label={t('steering.plans.periodStart')}
              required
              errors={form?.errors}
              value={v.periodStart}
            />
            <TextInput
              name="periodEnd"
              type="number"
              inputMode="numeric"
              label={t('steering.plans.periodEnd')}
              required
              errors={form?.errors}
              value={v.periodEnd}
            />
            <TextArea
              name="summary"
              label={t('steering.fields.description')}
              errors={form?.errors}
              value={v.summary}
              rows={3}
            />
            <button class="fr-btn" type="submit">
              {t('steering.plans.create')}
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

export function PlanPage({
  ctx,
  outline,
  steer,
  review,
  ratings,
  contributions,
  form,
}: {
  ctx: PageContext;
  outline: Outline;
  steer: boolean;
  review: boolean;
  ratings: ReadonlyMap<string, { rating: string }>;
  contributions: readonly Contribution[];
  form?: PlanForm | undefined;
}) {
  const { t } = ctx;
  const { plan, axes, progress } = outline;
  const base = `/pilotage/plans/${plan.id}`;
  return (
    <Layout
      ctx={ctx}
      title={plan.title}
      space="pilotage"
      breadcrumb={[
        [t('nav.pilotage'), '/pilotage'],
        [t('steering.plans.title'), '/pilotage/plans'],
        [plan.title],
      ]}
    >
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <p class="fr-badge">{t(`steering.planStatus.${plan.status}`)}</p>
      <h1>{plan.title}</h1>
      <p class="fr-text--lead">
        {plan.period_start}–{plan.period_end}
        {progress !== null ? (
          <>
            {' · '}
            {t('steering.public.progress')}{' '}
            <Progress value={progress} label={t('steering.public.progress')} />
          </>
        ) : null}
      </p>
      {plan.is_demo ? <p class="fr-text--sm">{t('steering.public.demo')}</p> : null}
      {review && plan.status !== 'draft' ? (
        <Notice kind="info">
          <p>
            {t(plan.status === 'consultation' ? 'steering.review.consultationHelp' : 'steering.review.help')}
          </p>
        </Notice>
      ) : null}
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn fr-btn--secondary" href={`${base}/budget`}>
            {t('steering.charts.budget')}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href={`${base}/indicateurs`}>
            {t('steering.indicators.title')}
          </a>
        </li>
        {steer ? (
          <li>
            <a class="fr-btn fr-btn--secondary" href={`${base}/synthese`}>
              {t('steering.synthesis.title')}
            </a>
          </li>
        ) : null}
      </ul>
      {axes.map((axis) => (
        <section key={axis.id} aria-labelledby={`axe-${axis.number}`} class="fr-mt-3w">
          <h2 id={`axe-${axis.number}`}>
            {t('steering.axis')} {axis.number} — {axis.title}
          </h2>
          {axis.description ? <p>{axis.description}</p> : null}
          <MeasureList
            t={t}
            measures={axis.measures}
            href={(m) => `${base}/mesures/${m.id}`}
            extra={
              review
                ? (m) => (
                    <p class="fr-text--sm fr-mb-0">
                      {t('steering.review.yourRating')} :{' '}
                      {ratings.get(m.id)
                        ? t(`steering.ratings.${ratings.get(m.id)!.rating}`)
                        : t('steering.review.notRated')}
                    </p>
                  )
                : undefined
            }
          />
          {(review && outline.plan.status === 'consultation') ||
          contributions.some((c) => c.axis_id === axis.id) ? (
            <details class="fr-mt-2w">
              <summary>
                {t('steering.contributions.onAxis', {
                  count: contributions.filter((c) => c.axis_id === axis.id).length,
                })}
              </summary>
              <ContributionThread
                ctx={ctx}
                planId={outline.plan.id}
                open={review && outline.plan.status === 'consultation'}
                steer={steer}
                contributions={contributions.filter((c) => c.axis_id === axis.id)}
                target={{ axisId: axis.id }}
                form={form?.which === 'answer' ? form : undefined}
                newForm={form?.which === 'contribution' && form.values.axisId === axis.id ? form : undefined}
              />
            </details>
          ) : null}
        </section>
      ))}
      {steer ? (
        <>
          <section aria-labelledby="etat" class="fr-mt-4w">
            <h2 id="etat">{t('steering.plans.statusTitle')}</h2>
            <form method="post" action={`${base}/etat`}>
              <Csrf ctx={ctx} />
              <Select
                name="status"
                label={t('steering.fields.planStatus')}
                value={plan.status}
                options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`steering.planStatus.${s}`) }))}
              />
              <button class="fr-btn" type="submit">
                {t('steering.plans.changeStatus')}
              </button>
            </form>
          </section>
          <section aria-labelledby="nouvel-axe" class="fr-mt-4w">
            <h2 id="nouvel-axe">{t('steering.plans.newAxis')}</h2>
            <form method="post" action={`${base}/axes`}>
              <Csrf ctx={ctx} />
              <TextInput
                name="number"
                id="axe-number"
                label={t('steering.fields.number')}
                required
                errors={form?.which === 'axis' ? form.errors : undefined}
                value={form?.which === 'axis' ? form.values.number : ''}
                maxLength={12}
              />
              <TextInput
                name="title"
                id="axe-title"
                label={t('steering.fields.title')}
                required
                errors={form?.which === 'axis' ? form.errors : undefined}
                value={form?.which === 'axis' ? form.values.title : ''}
                maxLength={300}
              />
              <TextArea
                name="description"
                id="axe-description"
                label={t('steering.fields.description')}
                value={form?.which === 'axis' ? form.values.description : ''}
                rows={3}
              />
              <button class="fr-btn" type="submit">
                {t('steering.plans.addAxis')}
              </button>
            </form>
          </section>
          {axes.length > 0 ? (
            <section aria-labelledby="nouvelle-mesure" class="fr-mt-4w">
              <h2 id="nouvelle-mesure">{t('steering.plans.newMeasure')}</h2>
              <form method="post" action={`${base}/mesures`}>
                <Csrf ctx={ctx} />
                <MeasureFields
                  ctx={ctx}
                  outline={outline}
                  values={form?.which === 'measure' ? form.values : {}}
                  errors={form?.which === 'measure' ? form.errors : undefined}
                />
                <button class="fr-btn" type="submit">
                  {t('steering.plans.addMeasure')}
                </button>
              </form>
            </section>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}
