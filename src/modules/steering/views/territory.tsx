import {
  CheckboxGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Select,
  TextArea,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { IndicatorView } from '../indicators.js';
import { COMMISSIONS, FUNDING, type Territory } from '../territory.js';
import type { Values } from './plan.js';
import { type Form, IndicatorsBlock } from './shared.js';

type DeploymentRow = Awaited<ReturnType<Territory['deployment']>>[number];

export function DeploymentEditPage({
  ctx,
  row,
  form,
}: {
  ctx: PageContext;
  row: DeploymentRow;
  form?: Form;
}) {
  const { t } = ctx;
  const title = `${t('steering.deployment.title')} — ${row.name} (${row.code})`;
  const v: Values = form?.values ?? {
    commission: row.commission ?? 'none',
    commissionNote: row.commission_note ?? '',
    parquetOrganisation: row.parquet_organisation ?? '',
    parquetReferent: row.parquet_referent ? 'yes' : undefined,
    minorsCircuit: row.minors_circuit ? 'yes' : undefined,
  };
  const checks = [
    ...(v.parquetReferent ? ['parquetReferent'] : []),
    ...(v.minorsCircuit ? ['minorsCircuit'] : []),
  ];
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="pilotage"
      breadcrumb={[
        [t('nav.pilotage'), '/pilotage'],
        [t('steering.deployment.title'), '/pilotage/deploiement'],
        [row.name],
      ]}
    >
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <h1>{title}</h1>
      <form method="post" action={`/pilotage/deploiement/${row.code}`}>
        <Csrf ctx={ctx} />
        <Select
          name="commission"
          label={t('steering.deployment.commission')}
          required
          errors={form?.errors}
          value={v.commission}
          options={COMMISSIONS.map((c) => ({ value: c, label: t(`steering.commissions.${c}`) }))}
        />
        <TextInput
          name="commissionNote"
          label={t('steering.deployment.commissionNote')}
          errors={form?.errors}
          value={v.commissionNote}
          maxLength={500}
        />
        <CheckboxGroup
          name="flags"
          label={t('steering.deployment.flags')}
          errors={form?.errors}
          values={checks}
          options={[
            { value: 'parquetReferent', label: t('steering.deployment.parquetReferent') },
            { value: 'minorsCircuit', label: t('steering.deployment.minors') },
          ]}
        />
        <TextInput
          name="parquetOrganisation"
          label={t('steering.deployment.parquetOrganisation')}
          hint={t('steering.deployment.parquetOrganisationHint')}
          errors={form?.errors}
          value={v.parquetOrganisation}
          maxLength={200}
        />
        <button class="fr-btn" type="submit">
          {t('forms.save')}
        </button>
      </form>
    </Layout>
  );
}

type Pilot = Awaited<ReturnType<Territory['pilot']>>;

export function PilotEditPage({
  ctx,
  pilot,
  indicators,
  form,
}: {
  ctx: PageContext;
  pilot: Pilot;
  indicators: readonly IndicatorView[];
  form?: Form;
}) {
  const { t, locale } = ctx;
  const v: Values = form?.values ?? {
    name: pilot.name,
    description: pilot.description,
    partners: pilot.partners.join('\n'),
    places: pilot.places,
    startsOn: pilot.starts_on ?? '',
    endsOn: pilot.ends_on ?? '',
    fundingStatus: pilot.funding_status,
    fundingNote: pilot.funding_note,
    evaluationNotes: pilot.evaluation_notes,
    caseTag: pilot.case_tag ?? '',
  };
  return (
    <Layout
      ctx={ctx}
      title={pilot.name}
      space="pilotage"
      breadcrumb={[
        [t('nav.pilotage'), '/pilotage'],
        [t('steering.pilots.title'), '/pilotage/projets-pilotes'],
        [pilot.name],
      ]}
    >
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <h1>{pilot.name}</h1>
      <h2>{t('steering.indicators.title')}</h2>
      <IndicatorsBlock t={t} locale={locale} indicators={indicators} id="chart-pilot" />
      <h2>{t('steering.pilots.edit')}</h2>
      <form method="post" action={`/pilotage/projets-pilotes/${pilot.slug}`}>
        <Csrf ctx={ctx} />
        <PilotFields ctx={ctx} values={v} errors={form?.errors} />
        <button class="fr-btn" type="submit">
          {t('forms.save')}
        </button>
      </form>
    </Layout>
  );
}

function PilotFields({
  ctx,
  values: v,
  errors,
}: {
  ctx: PageContext;
  values: Values;
  errors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  return (
    <>
      <TextInput
        name="name"
        label={t('steering.fields.title')}
        required
        errors={errors}
        value={v.name}
        maxLength={200}
      />
      <TextArea
        name="description"
        label={t('steering.fields.description')}
        errors={errors}
        value={v.description}
        rows={4}
      />
      <TextArea
        name="partners"
        label={t('steering.pilots.partners')}
        hint={t('steering.fields.partnersHint')}
        errors={errors}
        value={v.partners}
        rows={3}
      />
      <TextInput
        name="places"
        label={t('steering.pilots.places')}
        errors={errors}
        value={v.places}
        maxLength={500}
      />
      <TextInput
        name="startsOn"
        type="date"
        label={t('steering.fields.startsOn')}
        errors={errors}
        value={v.startsOn}
      />
      <TextInput
        name="endsOn"
        type="date"
        label={t('steering.fields.endsOn')}
        errors={errors}
        value={v.endsOn}
      />
      <Select
        name="fundingStatus"
        label={t('steering.pilots.funding')}
        required
        errors={errors}
        value={v.fundingStatus}
        options={FUNDING.map((f) => ({ value: f, label: t(`steering.funding.${f}`) }))}
      />
      <TextInput
        name="fundingNote"
        label={t('steering.pilots.fundingNote')}
        errors={errors}
        value={v.fundingNote}
        maxLength={1000}
      />
      <TextArea
        name="evaluationNotes"
        label={t('steering.pilots.evaluation')}
        errors={errors}
        value={v.evaluationNotes}
        rows={6}
      />
      <TextInput
        name="caseTag"
        label={t('steering.pilots.caseTag')}
        hint={t('steering.pilots.caseTagHint')}
        errors={errors}
        value={v.caseTag}
        maxLength={40}
      />
    </>
  );
}

/** Pilot projects for the coordination: each with a link to edit it, and the form of a new one. */
export function PilotsAdminPage({
  ctx,
  pilots,
  form,
}: {
  ctx: PageContext;
  pilots: ReadonlyArray<{ slug: string; name: string; funding_status: string }>;
  form?: Form;
}) {
  const { t } = ctx;
  const title = t('steering.pilots.title');
  return (
    <Layout ctx={ctx} title={title} space="pilotage" breadcrumb={[[t('nav.pilotage'), '/pilotage'], [title]]}>
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <h1>{title}</h1>
      <p>
        <a href="/plan/projets-pilotes">{t('steering.pilots.publicPage')}</a>
      </p>
      <ul>
        {pilots.map((p) => (
          <li key={p.slug}>
            <a href={`/pilotage/projets-pilotes/${p.slug}`}>{p.name}</a> —{' '}
            {t(`steering.funding.${p.funding_status}`)}
          </li>
        ))}
      </ul>
      <h2>{t('steering.pilots.new')}</h2>
      <form method="post" action="/pilotage/projets-pilotes">
        <Csrf ctx={ctx} />
        <PilotFields ctx={ctx} values={form?.values ?? { fundingStatus: 'unknown' }} errors={form?.errors} />
        <button class="fr-btn" type="submit">
          {t('steering.pilots.create')}
        </button>
      </form>
    </Layout>
  );
}
