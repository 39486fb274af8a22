import { type FieldErrors, Select, TextArea, TextInput } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { MEASURE_STATUSES, type Plans } from '../plans.js';
import { flatten } from './shared.js';
import type { Values } from './plan.js';

type Outline = Awaited<ReturnType<Plans['outline']>>;

/** The fields of a measure (number, title, parent, lead, partners, status, dates, progress, weight). */
export function MeasureFields({
  ctx,
  outline,
  values,
  errors,
}: {
  ctx: PageContext;
  outline: Outline;
  values: Values;
  errors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const measures = flatten(outline.axes.flatMap((a) => a.measures));
  return (
    <>
      <Select
        name="axisId"
        label={t('steering.fields.axis')}
        required
        errors={errors}
        value={values.axisId}
        placeholder={t('forms.choose')}
        options={outline.axes.map((a) => ({ value: a.id, label: `${a.number} — ${a.title}` }))}
      />
      <Select
        name="parentId"
        label={t('steering.fields.parent')}
        hint={t('steering.fields.parentHint')}
        errors={errors}
        value={values.parentId}
        placeholder={t('steering.fields.noParent')}
        options={measures.map((m) => ({ value: m.id, label: `${m.number} — ${m.title}` }))}
      />
      <TextInput
        name="number"
        label={t('steering.fields.number')}
        hint={t('steering.fields.numberHint')}
        required
        errors={errors}
        value={values.number}
        maxLength={12}
      />
      <TextInput
        name="title"
        label={t('steering.fields.title')}
        required
        errors={errors}
        value={values.title}
        maxLength={300}
      />
      <TextArea
        name="description"
        label={t('steering.fields.description')}
        errors={errors}
        value={values.description}
        rows={4}
      />
      <TextInput
        name="lead"
        label={t('steering.fields.lead')}
        hint={t('steering.fields.leadHint')}
        errors={errors}
        value={values.lead}
        maxLength={200}
      />
      <TextArea
        name="partners"
        label={t('steering.fields.partners')}
        hint={t('steering.fields.partnersHint')}
        errors={errors}
        value={values.partners}
        rows={3}
      />
      <Select
        name="status"
        label={t('steering.fields.status')}
        required
        errors={errors}
        value={values.status ?? 'planned'}
        options={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`steering.status.${s}`) }))}
      />
      <TextInput
        name="progress"
        type="number"
        inputMode="numeric"
        label={t('steering.fields.progress')}
        hint={t('steering.fields.progressHint')}
        errors={errors}
        value={values.progress}
      />
      <TextInput
        name="weight"
        label={t('steering.fields.weight')}
        hint={t('steering.fields.weightHint')}
        errors={errors}
        value={values.weight ?? '1'}
        maxLength={8}
      />
      <TextInput
        name="startsOn"
        type="date"
        label={t('steering.fields.startsOn')}
        errors={errors}
        value={values.startsOn}
      />
      <TextInput
        name="endsOn"
        type="date"
        label={t('steering.fields.endsOn')}
        errors={errors}
        value={values.endsOn}
      />
    </>
  );
}

/** A plan in the steering space: its axes and measures with progress; forms for the coordinator. */
