import { Csrf, Notice } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { durationFields } from '../scenario-input.js';
import type { Loaded } from './scenario-authoring.js';
import {
  type AuthoringForm,
  ChoiceFields,
  FormErrors,
  problemText,
  StepFields,
  type Values,
} from './scenario-fields.js';
import { authoringHref, stepHref, trainerCrumbs } from './scenario-shared.js';

/** A step's page for its trainers: the step's text, each of its choices (each a form), and a new choice. */
export function StepEditPage({
  ctx,
  loaded,
  stepKey,
  form,
}: {
  ctx: PageContext;
  loaded: Loaded;
  stepKey: string;
  form?: AuthoringForm;
}) {
  const { t } = ctx;
  const { scenario, steps, choices, problems } = loaded;
  const step = steps.find((s) => s.key === stepKey);
  if (!step) throw new Error('step not loaded');
  const own = choices.filter((c) => c.step_key === step.key);
  const values = (which: string, fallback: Values) => (form?.which === which ? form.values : fallback);
  const errorsFor = (which: string) => (form?.which === which ? form.errors : undefined);
  const prefix =
    form?.which === 'step'
      ? 'etape-champ-'
      : form?.which === 'newChoice'
        ? 'nouveau-choix-'
        : `choix-${form?.which ?? ''}-`;
  const base = stepHref(scenario.id, step.key);
  const title = t('training.scenarios.authoring.stepPage', { title: step.title });
  const stepProblems = problems.filter((p) => p.step === step.key);
  return (
    <Layout
      ctx={ctx}
      title={`${title} — ${scenario.title}`}
      space="pro"
      breadcrumb={trainerCrumbs(ctx, [scenario.title, authoringHref(scenario.id)], [step.title])}
    >
      <FormErrors ctx={ctx} scenarioId={scenario.id} form={form} prefix={prefix} />
      <h1>{title}</h1>
      <p>
        {t('training.scenarios.authoring.keyIs')} <code>{step.key}</code>
      </p>
      {stepProblems.length > 0 ? (
        <Notice
          kind="warning"
          title={t('training.scenarios.authoring.problems', { count: stepProblems.length })}
        >
          <ul>
            {stepProblems.map((p, i) => (
              <li key={i}>{problemText(t, p)}</li>
            ))}
          </ul>
        </Notice>
      ) : null}

      <section aria-labelledby="texte-etape" class="fr-mb-6w">
        <h2 id="texte-etape">{t('training.scenarios.authoring.stepText')}</h2>
        <form method="post" action={base}>
          <Csrf ctx={ctx} />
          <StepFields
            ctx={ctx}
            isNew={false}
            errors={errorsFor('step')}
            values={values('step', {
              phase: step.phase,
              title: step.title,
              situation: step.situation,
              goodPractice: step.good_practice,
              isEnd: step.is_end ? 'yes' : '',
            })}
          />
          <button type="submit" class="fr-btn">
            {t('training.scenarios.authoring.saveStep')}
          </button>
        </form>
        <form method="post" action={`${base}/suppression`} class="fr-mt-2w">
          <Csrf ctx={ctx} />
          <button
            type="submit"
            class="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left"
          >
            {t('training.scenarios.authoring.deleteStep')}
          </button>
        </form>
      </section>

      {step.is_end ? (
        <p>{t('training.scenarios.authoring.endNoChoices')}</p>
      ) : (
        <>
          <h2>{t('training.scenarios.authoring.choices', { count: own.length })}</h2>
          {own.map((c, i) => (
            <section key={c.id} class="fr-mb-4w" aria-labelledby={`titre-choix-${c.id}`}>
              <h3 class="fr-h6" id={`titre-choix-${c.id}`}>
                {t('training.scenarios.authoring.choiceN', { n: i + 1 })}
              </h3>
              <form method="post" action={`${authoringHref(scenario.id)}/choix/${c.id}`}>
                <Csrf ctx={ctx} />
                <ChoiceFields
                  ctx={ctx}
                  prefix={`choix-${c.id}-`}
                  steps={steps}
                  errors={errorsFor(c.id)}
                  values={values(c.id, {
                    label: c.label,
                    nextStep: c.next_step,
                    ...durationFields(c.minutes),
                    quality: c.quality,
                    consequence: c.consequence,
                    coordinationFailure: c.coordination_failure,
                  })}
                />
                <button type="submit" class="fr-btn fr-btn--secondary">
                  {t('training.scenarios.authoring.saveChoice')}{' '}
                  <span class="fr-sr-only">{t('training.scenarios.authoring.choiceN', { n: i + 1 })}</span>
                </button>
              </form>
              <form
                method="post"
                action={`${authoringHref(scenario.id)}/choix/${c.id}/suppression`}
                class="fr-mt-1w"
              >
                <Csrf ctx={ctx} />
                <button
                  type="submit"
                  class="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left"
                >
                  {t('training.scenarios.authoring.deleteChoice')}{' '}
                  <span class="fr-sr-only">{t('training.scenarios.authoring.choiceN', { n: i + 1 })}</span>
                </button>
              </form>
            </section>
          ))}
          <section aria-labelledby="ajout-choix" class="fr-mb-6w">
            <h2 id="ajout-choix">{t('training.scenarios.authoring.addChoice')}</h2>
            <form method="post" action={`${base}/choix`}>
              <Csrf ctx={ctx} />
              <ChoiceFields
                ctx={ctx}
                prefix="nouveau-choix-"
                steps={steps}
                errors={errorsFor('newChoice')}
                values={values('newChoice', { unit: 'minutes' })}
              />
              <button type="submit" class="fr-btn">
                {t('training.scenarios.authoring.addChoice')}
              </button>
            </form>
          </section>
        </>
      )}
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={authoringHref(scenario.id)}>
          {t('training.scenarios.authoring.back')}
        </a>
      </p>
    </Layout>
  );
}
