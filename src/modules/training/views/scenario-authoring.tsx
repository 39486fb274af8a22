import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  Select,
  Table,
  TextArea,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ScenarioAuthoring } from '../scenario-authoring.js';
import {
  type AuthoringForm,
  FormErrors,
  ProblemList,
  problemText,
  StepFields,
  type Values,
} from './scenario-fields.js';
import {
  authoringHref,
  formatDuration,
  LEARNER_HOME,
  QualityBadge,
  stepHref,
  TRAINER_HOME,
  trainerCrumbs,
} from './scenario-shared.js';

type Listed = Awaited<ReturnType<ScenarioAuthoring['all']>>[number];
export type Loaded = Awaited<ReturnType<ScenarioAuthoring['load']>>;

function StatusBadge({ ctx, status }: { ctx: PageContext; status: 'draft' | 'published' }) {
  return (
    <span
      class={`fr-badge fr-badge--sm fr-badge--no-icon ${status === 'published' ? 'fr-badge--green-emeraude' : ''}`}
    >
      {ctx.t(`training.scenarios.status.${status}`)}
    </span>
  );
}

function ScenarioFields({
  ctx,
  values,
  errors,
}: {
  ctx: PageContext;
  values: Values;
  errors: FieldErrors | undefined;
}) {
  const { t } = ctx;
  return (
    <>
      <TextInput
        name="title"
        label={t('training.scenarios.fields.title')}
        required
        errors={errors}
        value={values.title}
        maxLength={200}
      />
      <TextInput
        name="slug"
        label={t('training.scenarios.fields.slug')}
        hint={t('training.scenarios.fields.slugHint')}
        errors={errors}
        value={values.slug}
        maxLength={60}
        spellcheck={false}
      />
      <TextArea
        name="summary"
        label={t('training.scenarios.fields.summary')}
        errors={errors}
        value={values.summary}
        rows={4}
      />
    </>
  );
}

/** Trainers' list of scenarios (drafts included) and the form to start a new one. */
export function TrainerListPage({
  ctx,
  scenarios,
  form,
}: {
  ctx: PageContext;
  scenarios: readonly Listed[];
  form?: { values: Values; errors: FieldErrors };
}) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('training.scenarios.authoring.listTitle')}
      space="pro"
      breadcrumb={trainerCrumbs(ctx)}
    >
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <h1>{t('training.scenarios.authoring.listTitle')}</h1>
      <p class="fr-text--lead">{t('training.scenarios.authoring.listLead')}</p>
      {scenarios.length === 0 ? (
        <p>{t('training.scenarios.authoring.none')}</p>
      ) : (
        <Table
          caption={t('training.scenarios.authoring.listTitle')}
          captionHidden
          headers={[
            t('training.scenarios.fields.title'),
            t('training.scenarios.authoring.statusCol'),
            t('training.scenarios.authoring.stepsCol'),
          ]}
          rows={scenarios.map((s) => [
            <a href={authoringHref(s.id)} key={s.id}>
              {s.title}
            </a>,
            <StatusBadge ctx={ctx} status={s.status} key={s.id} />,
            String(s.steps ?? 0),
          ])}
        />
      )}
      <h2 class="fr-mt-4w">{t('training.scenarios.authoring.create')}</h2>
      <form method="post" action={TRAINER_HOME}>
        <Csrf ctx={ctx} />
        <ScenarioFields ctx={ctx} values={form?.values ?? {}} errors={form?.errors} />
        <button type="submit" class="fr-btn">
          {t('training.scenarios.authoring.createSubmit')}
        </button>
      </form>
    </Layout>
  );
}

/**
 * One scenario for its trainers: what prevents publishing it, its steps with their choices, the forms to add a
 * step and to change the scenario's details, and the publish (or back to draft) button.
 */
export function AuthoringPage({
  ctx,
  loaded,
  form,
}: {
  ctx: PageContext;
  loaded: Loaded;
  form?: AuthoringForm;
}) {
  const { t } = ctx;
  const { scenario, steps, choices, problems } = loaded;
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const errorsFor = (which: string) => (form?.which === which ? form.errors : undefined);
  const details: Values =
    form?.which === 'details'
      ? form.values
      : {
          title: scenario.title,
          slug: scenario.slug,
          summary: scenario.summary,
          startStep: scenario.start_step ?? '',
        };
  const stepValues: Values = form?.which === 'step' ? form.values : {};
  const prefix = form?.which === 'step' ? 'etape-champ-' : 'champ-';
  return (
    <Layout ctx={ctx} title={scenario.title} space="pro" breadcrumb={trainerCrumbs(ctx, [scenario.title])}>
      <FormErrors ctx={ctx} scenarioId={scenario.id} form={form} prefix={prefix} />
      <p class="fr-mb-1w">
        <StatusBadge ctx={ctx} status={scenario.status} />
      </p>
      <h1>{scenario.title}</h1>
      {scenario.status === 'published' ? (
        <p>
          <a class="fr-link" href={`${LEARNER_HOME}/${scenario.slug}`}>
            {t('training.scenarios.authoring.learnerView')}
          </a>
        </p>
      ) : null}

      <section aria-labelledby="verification" class="fr-mb-4w">
        <h2 id="verification">{t('training.scenarios.authoring.check')}</h2>
        {problems.length > 0 ? (
          <Notice
            kind="warning"
            title={t('training.scenarios.authoring.problems', { count: problems.length })}
          >
            <ProblemList t={t} scenarioId={scenario.id} problems={problems} />
          </Notice>
        ) : (
          <Notice kind="success">{t('training.scenarios.authoring.valid')}</Notice>
        )}
        {scenario.status === 'published' ? (
          <>
            <p class="fr-text--sm">{t('training.scenarios.authoring.publishedRule')}</p>
            <form method="post" action={`${authoringHref(scenario.id)}/brouillon`}>
              <Csrf ctx={ctx} />
              <button type="submit" class="fr-btn fr-btn--secondary">
                {t('training.scenarios.authoring.unpublish')}
              </button>
            </form>
          </>
        ) : (
          <form method="post" action={`${authoringHref(scenario.id)}/publication`}>
            <Csrf ctx={ctx} />
            <button type="submit" class="fr-btn">
              {t('training.scenarios.authoring.publish')}
            </button>
          </form>
        )}
      </section>

      <h2>{t('training.scenarios.authoring.steps', { count: steps.length })}</h2>
      {steps.length === 0 ? <p>{t('training.scenarios.authoring.noSteps')}</p> : null}
      {steps.map((s) => {
        const own = choices.filter((c) => c.step_key === s.key);
        const stepProblems = problems.filter((p) => p.step === s.key);
        return (
          <section
            key={s.key}
            id={`etape-${s.key}`}
            class="fr-mb-4w"
            aria-labelledby={`titre-etape-${s.key}`}
          >
            <h3 class="fr-h5 fr-mb-1w" id={`titre-etape-${s.key}`}>
              {s.title} <span class="fr-text--sm fr-text--regular">({s.key})</span>
            </h3>
            <ul class="fr-badges-group fr-mb-1w">
              <li>
                <span class="fr-badge fr-badge--sm fr-badge--no-icon">
                  {t(`training.scenarios.phases.${s.phase}`)}
                </span>
              </li>
              {scenario.start_step === s.key ? (
                <li>
                  <span class="fr-badge fr-badge--sm fr-badge--info">
                    {t('training.scenarios.authoring.start')}
                  </span>
                </li>
              ) : null}
              {s.is_end ? (
                <li>
                  <span class="fr-badge fr-badge--sm fr-badge--new">
                    {t('training.scenarios.authoring.end')}
                  </span>
                </li>
              ) : null}
            </ul>
            {stepProblems.map((p, i) => (
              <p key={i} class="fr-message fr-message--error fr-mb-1w">
                {problemText(t, p)}
              </p>
            ))}
            {own.length > 0 ? (
              <ul class="fr-mb-1w">
                {own.map((c) => (
                  <li key={c.id}>
                    <QualityBadge t={t} quality={c.quality} /> {c.label} →{' '}
                    {byKey.get(c.next_step)?.title ??
                      t('training.scenarios.authoring.missingStep', { key: c.next_step })}{' '}
                    ({formatDuration(t, c.minutes)})
                  </li>
                ))}
              </ul>
            ) : s.is_end ? null : (
              <p class="fr-text--sm">{t('training.scenarios.authoring.noChoices')}</p>
            )}
            <a class="fr-btn fr-btn--sm fr-btn--secondary" href={stepHref(scenario.id, s.key)}>
              {t('training.scenarios.authoring.editStep')} <span class="fr-sr-only">{s.title}</span>
            </a>
          </section>
        );
      })}

      <section aria-labelledby="ajout-etape" class="fr-mb-6w">
        <h2 id="ajout-etape">{t('training.scenarios.authoring.addStep')}</h2>
        <form method="post" action={`${authoringHref(scenario.id)}/etapes`}>
          <Csrf ctx={ctx} />
          <StepFields ctx={ctx} values={stepValues} errors={errorsFor('step')} isNew />
          <button type="submit" class="fr-btn">
            {t('training.scenarios.authoring.addStep')}
          </button>
        </form>
      </section>

      <section aria-labelledby="informations">
        <h2 id="informations">{t('training.scenarios.authoring.details')}</h2>
        <form method="post" action={authoringHref(scenario.id)}>
          <Csrf ctx={ctx} />
          <ScenarioFields ctx={ctx} values={details} errors={errorsFor('details')} />
          <Select
            name="startStep"
            label={t('training.scenarios.fields.startStep')}
            errors={errorsFor('details')}
            value={details.startStep}
            placeholder={t('forms.choose')}
            options={steps.map((s) => ({ value: s.key, label: `${s.key} — ${s.title}` }))}
          />
          <button type="submit" class="fr-btn fr-btn--secondary">
            {t('training.scenarios.authoring.saveDetails')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
