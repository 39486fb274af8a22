import type { Translate } from '../../../platform/i18n/index.js';
import {
  CheckboxGroup,
  type FieldErrors,
  RadioGroup,
  Select,
  TextArea,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { PHASES } from '../reference.js';
import type { GraphProblem } from '../scenario-graph.js';
import { QUALITIES, type StepRow, UNITS } from '../scenario-input.js';
import { authoringHref } from './scenario-shared.js';

export type Values = Record<string, string | undefined>;

/** Which form of an authoring page was sent with bad input (or refused for the scenario's shape). */
export interface AuthoringForm {
  /** 'details', 'step', 'publish' on the scenario's page; 'step', 'newChoice' or a choice id on a step's page. */
  which: string;
  values: Values;
  errors: FieldErrors;
  problems?: readonly GraphProblem[];
}

/** A problem of the scenario's shape in the trainer's language, naming the step (and the missing target). */
export const problemText = (t: Translate, p: GraphProblem) =>
  t(`training.scenarios.problems.${p.code}`, { step: p.step ?? '', target: p.target ?? '' });

export function ProblemList({
  t,
  scenarioId,
  problems,
}: {
  t: Translate;
  scenarioId: string;
  problems: readonly GraphProblem[];
}) {
  return (
    <ul>
      {problems.map((p, i) => (
        <li key={`${p.code}-${p.step ?? ''}-${i}`}>
          {p.step ? (
            <a href={`${authoringHref(scenarioId)}#etape-${p.step}`}>{problemText(t, p)}</a>
          ) : (
            problemText(t, p)
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * The errors at the top of a page: field errors link to their field (ids `<prefix><name>`), problems of the
 * scenario's shape link to the step to fix.
 */
export function FormErrors({
  ctx,
  scenarioId,
  form,
  prefix,
}: {
  ctx: PageContext;
  scenarioId: string;
  form: AuthoringForm | undefined;
  prefix: string;
}) {
  if (!form) return null;
  const { t } = ctx;
  const entries = Object.entries(form.errors);
  const problems = form.problems ?? [];
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert" tabindex={-1} id="erreurs">
      <h2 class="fr-alert__title">
        {problems.length > 0 ? form.errors._form : t('forms.errorSummary', { count: entries.length })}
      </h2>
      {problems.length > 0 ? (
        <ProblemList t={t} scenarioId={scenarioId} problems={problems} />
      ) : (
        <ul>
          {entries.map(([field, message]) => (
            <li key={field}>{field === '_form' ? message : <a href={`#${prefix}${field}`}>{message}</a>}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A step's fields; the key only when the step is new (it names the step in messages and links). */
export function StepFields({
  ctx,
  values,
  errors,
  isNew,
}: {
  ctx: PageContext;
  values: Values;
  errors: FieldErrors | undefined;
  isNew: boolean;
}) {
  const { t } = ctx;
  const id = (name: string) => `etape-champ-${name}`;
  return (
    <>
      {isNew ? (
        <TextInput
          name="key"
          id={id('key')}
          label={t('training.scenarios.fields.key')}
          hint={t('training.scenarios.fields.keyHint')}
          required
          errors={errors}
          value={values.key}
          maxLength={40}
          spellcheck={false}
        />
      ) : null}
      <Select
        name="phase"
        id={id('phase')}
        label={t('training.scenarios.fields.phase')}
        required
        errors={errors}
        value={values.phase}
        placeholder={t('forms.choose')}
        options={PHASES.map((p) => ({ value: p, label: t(`training.scenarios.phases.${p}`) }))}
      />
      <TextInput
        name="title"
        id={id('title')}
        label={t('training.scenarios.fields.stepTitle')}
        required
        errors={errors}
        value={values.title}
        maxLength={200}
      />
      <TextArea
        name="situation"
        id={id('situation')}
        label={t('training.scenarios.fields.situation')}
        hint={t('training.scenarios.fields.situationHint')}
        required
        errors={errors}
        value={values.situation}
        rows={6}
      />
      <TextArea
        name="goodPractice"
        id={id('goodPractice')}
        label={t('training.scenarios.fields.goodPractice')}
        hint={t('training.scenarios.fields.goodPracticeHint')}
        errors={errors}
        value={values.goodPractice}
        rows={4}
      />
      <CheckboxGroup
        name="isEnd"
        id={id('isEnd')}
        label={t('training.scenarios.fields.isEnd')}
        errors={errors}
        values={values.isEnd === 'yes' ? ['yes'] : []}
        options={[{ value: 'yes', label: t('training.scenarios.fields.isEndLabel') }]}
      />
    </>
  );
}

/** A choice's fields; `prefix` keeps ids unique when a page shows several choices' forms. */
export function ChoiceFields({
  ctx,
  prefix,
  steps,
  values,
  errors,
}: {
  ctx: PageContext;
  prefix: string;
  steps: readonly StepRow[];
  values: Values;
  errors: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const id = (name: string) => `${prefix}${name}`;
  return (
    <>
      <TextInput
        name="label"
        id={id('label')}
        label={t('training.scenarios.fields.label')}
        hint={t('training.scenarios.fields.labelHint')}
        required
        errors={errors}
        value={values.label}
        maxLength={300}
      />
      <Select
        name="nextStep"
        id={id('nextStep')}
        label={t('training.scenarios.fields.nextStep')}
        required
        errors={errors}
        value={values.nextStep}
        placeholder={t('forms.choose')}
        options={steps.map((s) => ({
          value: s.key,
          label: `${s.key} — ${s.title}${s.is_end ? ` (${t('training.scenarios.authoring.end')})` : ''}`,
        }))}
      />
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-1w">
        <div class="fr-col-6">
          <TextInput
            name="duration"
            id={id('duration')}
            label={t('training.scenarios.fields.duration')}
            required
            errors={errors}
            value={values.duration}
            inputMode="numeric"
          />
        </div>
        <div class="fr-col-6">
          <Select
            name="unit"
            id={id('unit')}
            label={t('training.scenarios.fields.unit')}
            errors={errors}
            value={values.unit ?? 'minutes'}
            options={Object.keys(UNITS).map((u) => ({ value: u, label: t(`training.scenarios.units.${u}`) }))}
          />
        </div>
      </div>
      <RadioGroup
        name="quality"
        id={id('quality')}
        label={t('training.scenarios.fields.quality')}
        required
        errors={errors}
        value={values.quality}
        options={QUALITIES.map((q) => ({ value: q, label: t(`training.scenarios.quality.${q}`) }))}
      />
      <TextArea
        name="consequence"
        id={id('consequence')}
        label={t('training.scenarios.fields.consequence')}
        hint={t('training.scenarios.fields.consequenceHint')}
        errors={errors}
        value={values.consequence}
        rows={3}
      />
      <TextArea
        name="coordinationFailure"
        id={id('coordinationFailure')}
        label={t('training.scenarios.fields.coordinationFailure')}
        hint={t('training.scenarios.fields.coordinationFailureHint')}
        errors={errors}
        value={values.coordinationFailure}
        rows={2}
      />
    </>
  );
}
