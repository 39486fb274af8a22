import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  RadioGroup,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ScenarioPlay } from '../scenario-play.js';
import {
  debriefHref,
  formatDuration,
  LEARNER_HOME,
  learnerCrumbs,
  Paragraphs,
  PhaseStepper,
  runHref,
  SyntheticBadge,
} from './scenario-shared.js';

type Scenario = Awaited<ReturnType<ScenarioPlay['published']>>[number];
type Run = Awaited<ReturnType<ScenarioPlay['runs']>>[number];
type Intro = Awaited<ReturnType<ScenarioPlay['intro']>>;
type RunView = Awaited<ReturnType<ScenarioPlay['view']>>;

const date = (ctx: PageContext, value: Date | string) =>
  new Date(value).toLocaleDateString(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Paris',
  });

function RunList({ ctx, runs, withTitle }: { ctx: PageContext; runs: readonly Run[]; withTitle: boolean }) {
  const { t } = ctx;
  return (
    <ul>
      {runs.map((r) => (
        <li key={r.id} class="fr-mb-1w">
          <a href={r.finished_at ? debriefHref(r.id) : runHref(r.id)}>
            {withTitle ? `${r.title} — ` : ''}
            {r.finished_at
              ? t('training.scenarios.list.finished', { date: date(ctx, r.finished_at) })
              : t('training.scenarios.list.ongoing', { date: date(ctx, r.started_at) })}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The published exercises and the learner's own runs. */
export function ScenarioListPage({
  ctx,
  scenarios,
  runs,
}: {
  ctx: PageContext;
  scenarios: readonly Scenario[];
  runs: readonly Run[];
}) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('training.scenarios.list.title')}
      space="public"
      breadcrumb={learnerCrumbs(ctx)}
    >
      <h1>{t('training.scenarios.list.title')}</h1>
      <p class="fr-text--lead">{t('training.scenarios.list.lead')}</p>
      {scenarios.length === 0 ? <p>{t('training.scenarios.list.none')}</p> : null}
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        {scenarios.map((s) => (
          <div class="fr-col-12 fr-col-md-6" key={s.id}>
            <div class="fr-card fr-enlarge-link">
              <div class="fr-card__body">
                <div class="fr-card__content">
                  <h2 class="fr-card__title">
                    <a href={`${LEARNER_HOME}/${s.slug}`}>{s.title}</a>
                  </h2>
                  <p class="fr-card__desc">{s.summary}</p>
                  {s.is_synthetic ? (
                    <div class="fr-card__start">
                      <ul class="fr-badges-group">
                        <li>
                          <SyntheticBadge t={t} />
                        </li>
                      </ul>
                    </div>
                  ) : null}
                </div>
              </div>
            </div>
          </div>
        ))}
      </div>
      {runs.length > 0 ? (
        <>
          <h2>{t('training.scenarios.list.yourRuns')}</h2>
          <RunList ctx={ctx} runs={runs} withTitle />
        </>
      ) : null}
    </Layout>
  );
}

/** An exercise before it starts: the case, how it works, the phases it goes through. */
export function ScenarioIntroPage({
  ctx,
  intro,
  runs,
}: {
  ctx: PageContext;
  intro: Intro;
  runs: readonly Run[];
}) {
  const { t } = ctx;
  const { scenario, phases } = intro;
  const ongoing = runs.find((r) => !r.finished_at);
  return (
    <Layout ctx={ctx} title={scenario.title} space="public" breadcrumb={learnerCrumbs(ctx, [scenario.title])}>
      <h1>{scenario.title}</h1>
      {scenario.is_synthetic ? (
        <Notice kind="info" title={t('training.scenarios.intro.syntheticTitle')}>
          {t('training.scenarios.intro.synthetic')}
        </Notice>
      ) : null}
      <Paragraphs text={scenario.summary} class="fr-text--lead" />
      <h2>{t('training.scenarios.intro.how')}</h2>
      <ul>
        <li>{t('training.scenarios.intro.how1')}</li>
        <li>{t('training.scenarios.intro.how2')}</li>
        <li>{t('training.scenarios.intro.how3')}</li>
      </ul>
      <h2>{t('training.scenarios.intro.phases')}</h2>
      <ol class="fr-mb-4w">
        {phases.map((p) => (
          <li key={p}>
            <strong>{t(`training.scenarios.phases.${p}`)}</strong> — {t(`training.scenarios.phaseHints.${p}`)}
          </li>
        ))}
      </ol>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-mb-4w">
        {ongoing ? (
          <li>
            <a class="fr-btn" href={runHref(ongoing.id)}>
              {t('training.scenarios.intro.resume')}
            </a>
          </li>
        ) : null}
        <li>
          <form method="post" action={`${LEARNER_HOME}/${scenario.slug}`}>
            <Csrf ctx={ctx} />
            <button type="submit" class={`fr-btn${ongoing ? ' fr-btn--secondary' : ''}`}>
              {t(ongoing ? 'training.scenarios.intro.restart' : 'training.scenarios.intro.start')}
            </button>
          </form>
        </li>
      </ul>
      {runs.some((r) => r.finished_at) ? (
        <>
          <h2>{t('training.scenarios.intro.previous')}</h2>
          <RunList ctx={ctx} runs={runs.filter((r) => r.finished_at)} withTitle={false} />
        </>
      ) : null}
    </Layout>
  );
}

/** What the step page shows again after a refused answer. */
export interface StepForm {
  /** A field error (no choice ticked). */
  errors?: FieldErrors;
  /** The answer was not taken: stale page, or a choice of another step. */
  refused?: string;
}

/** The step being played: what happened, the situation, the story's clock, and the actions to choose from. */
export function ScenarioStepPage({ ctx, view, form }: { ctx: PageContext; view: RunView; form?: StepForm }) {
  const { t } = ctx;
  const { scenario, step, run } = view;
  const title = step?.title ?? scenario.title;
  return (
    <Layout
      ctx={ctx}
      title={`${title} — ${scenario.title}`}
      space="public"
      breadcrumb={learnerCrumbs(
        ctx,
        [scenario.title, `${LEARNER_HOME}/${scenario.slug}`],
        [t('training.scenarios.play.crumb')],
      )}
    >
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      {form?.refused ? (
        <Notice kind="warning" title={t('training.scenarios.play.refusedTitle')}>
          {form.refused}
        </Notice>
      ) : null}
      <p class="fr-mb-1w">
        {scenario.is_synthetic ? <SyntheticBadge t={t} /> : null}{' '}
        <span class="fr-text--sm">{scenario.title}</span>
      </p>
      <h1 class="fr-h2">{title}</h1>
      <PhaseStepper t={t} index={view.phaseIndex} />
      <p class="fr-mb-3w">
        <span class="fr-icon-time-line fr-icon--sm" aria-hidden="true" />{' '}
        <strong>{t('training.scenarios.play.elapsed')}</strong> {formatDuration(t, view.elapsed)}
      </p>
      {view.previous?.consequence ? (
        <div class="fr-callout fr-mb-4w">
          <h2 class="fr-callout__title fr-h6">{t('training.scenarios.play.consequence')}</h2>
          <p class="fr-text--sm fr-mb-1w">
            {t('training.scenarios.play.youChose')} « {view.previous.label} »
          </p>
          <Paragraphs text={view.previous.consequence} class="fr-callout__text fr-text--md" />
        </div>
      ) : null}
      {step ? (
        <>
          <h2 class="fr-h4">{t('training.scenarios.play.situation')}</h2>
          <Paragraphs text={step.situation} />
          {view.choices.length > 0 && !run.finished_at ? (
            <form method="post" action={runHref(run.id)} novalidate>
              <Csrf ctx={ctx} />
              <input type="hidden" name="step" value={step.key} />
              <RadioGroup
                name="choice"
                label={t('training.scenarios.play.question')}
                hint={t('training.scenarios.play.questionHint')}
                errors={form?.errors}
                required
                options={view.choices.map((c) => ({ value: c.id, label: c.label }))}
              />
              <button type="submit" class="fr-btn">
                {t('training.scenarios.play.submit')}
              </button>
            </form>
          ) : (
            <p>
              <a class="fr-btn" href={debriefHref(run.id)}>
                {t('training.scenarios.play.toDebrief')}
              </a>
            </p>
          )}
        </>
      ) : (
        <Notice kind="warning">{t('training.scenarios.errors.changed')}</Notice>
      )}
      <p class="fr-text--sm fr-mt-4w">
        {t('training.scenarios.play.answered', { count: view.answered })}
        {' · '}
        <a href={`${LEARNER_HOME}/${scenario.slug}`}>{t('training.scenarios.play.leave')}</a>
      </p>
    </Layout>
  );
}
