import {
  CheckboxGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Select,
  Table,
  TextArea,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { type IndicatorView, SOURCES } from '../indicators.js';
import { BUDGET_LEVELS, type Plans } from '../plans.js';
import type { SynthesisRow } from '../review.js';
import { COMMISSIONS, FUNDING, type Territory } from '../territory.js';
import type { Values } from './plan.js';
import { BudgetChart, type BudgetRow, flatten, IndicatorsBlock } from './shared.js';

type Outline = Awaited<ReturnType<Plans['outline']>>;
type Form = { values: Values; errors: FieldErrors } | undefined;

const crumbs = (ctx: PageContext, outline: Outline, here: string): Array<[string, string?]> => [
  [ctx.t('nav.pilotage'), '/pilotage'],
  [outline.plan.title, `/pilotage/plans/${outline.plan.id}`],
  [here],
];

export function BudgetPage({
  ctx,
  outline,
  lines,
  steer,
  form,
}: {
  ctx: PageContext;
  outline: Outline;
  lines: readonly BudgetRow[];
  steer: boolean;
  form?: Form;
}) {
  const { t, locale } = ctx;
  const title = t('steering.charts.budget');
  const v = form?.values ?? { level: 'central', year: String(outline.plan.period_start) };
  return (
    <Layout
      ctx={ctx}
      title={`${title} — ${outline.plan.title}`}
      space="pilotage"
      breadcrumb={crumbs(ctx, outline, title)}
    >
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <h1>{title}</h1>
      <BudgetChart t={t} locale={locale} lines={lines} id="chart-budget" />
      {steer ? (
        <section aria-labelledby="nouvelle-ligne" class="fr-mt-4w">
          <h2 id="nouvelle-ligne">{t('steering.budget.add')}</h2>
          <form method="post" action={`/pilotage/plans/${outline.plan.id}/budget`}>
            <Csrf ctx={ctx} />
            <Select
              name="measureId"
              label={t('steering.measure')}
              hint={t('steering.budget.measureHint')}
              errors={form?.errors}
              value={v.measureId}
              placeholder={t('steering.budget.wholePlan')}
              options={flatten(outline.axes.flatMap((a) => a.measures)).map((m) => ({
                value: m.id,
                label: `${m.number} — ${m.title}`,
              }))}
            />
            <TextInput
              name="year"
              type="number"
              inputMode="numeric"
              label={t('steering.budget.year')}
              required
              errors={form?.errors}
              value={v.year}
            />
            <TextInput
              name="programme"
              label={t('steering.budget.programme')}
              hint={t('steering.budget.programmeHint')}
              required
              errors={form?.errors}
              value={v.programme}
              maxLength={120}
            />
            <TextInput
              name="action"
              label={t('steering.budget.action')}
              errors={form?.errors}
              value={v.action}
              maxLength={200}
            />
            <Select
              name="level"
              label={t('steering.budget.level')}
              required
              errors={form?.errors}
              value={v.level}
              options={BUDGET_LEVELS.map((l) => ({ value: l, label: t(`steering.levels.${l}`) }))}
            />
            <TextInput
              name="planned"
              label={t('steering.budget.planned')}
              hint={t('steering.budget.amountHint')}
              required
              errors={form?.errors}
              value={v.planned}
              inputMode="numeric"
            />
            <TextInput
              name="committed"
              label={t('steering.budget.committed')}
              errors={form?.errors}
              value={v.committed}
              inputMode="numeric"
            />
            <TextInput
              name="spent"
              label={t('steering.budget.spent')}
              errors={form?.errors}
              value={v.spent}
              inputMode="numeric"
            />
            <TextArea
              name="note"
              label={t('steering.budget.note')}
              hint={t('steering.budget.noteHint')}
              errors={form?.errors}
              value={v.note}
              rows={2}
            />
            <TextInput
              name="source"
              label={t('steering.budget.source')}
              errors={form?.errors}
              value={v.source}
              maxLength={500}
            />
            <button class="fr-btn" type="submit">
              {t('steering.budget.add')}
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

export function IndicatorsPage({
  ctx,
  outline,
  indicators,
  pilots,
  steer,
  form,
}: {
  ctx: PageContext;
  outline: Outline;
  indicators: readonly IndicatorView[];
  pilots: ReadonlyArray<{ id: string; name: string }>;
  steer: boolean;
  form?: Form;
}) {
  const { t, locale } = ctx;
  const title = t('steering.indicators.title');
  const v = form?.values ?? { source: 'manual', unit: 'count' };
  return (
    <Layout
      ctx={ctx}
      title={`${title} — ${outline.plan.title}`}
      space="pilotage"
      breadcrumb={crumbs(ctx, outline, title)}
    >
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <h1>{title}</h1>
      <p>{t('steering.indicators.steeringNote')}</p>
      <IndicatorsBlock t={t} locale={locale} indicators={indicators} id="chart-indicators" />
      {indicators.some((i) => i.count !== null && i.count < 11) ? (
        <p class="fr-text--sm">{t('steering.indicators.smallWarning')}</p>
      ) : null}
      {steer ? (
        <>
          <form
            method="post"
            action={`/pilotage/plans/${outline.plan.id}/indicateurs/recalcul`}
            class="fr-my-2w"
          >
            <Csrf ctx={ctx} />
            <button class="fr-btn fr-btn--secondary" type="submit">
              {t('steering.indicators.refresh')}
            </button>
          </form>
          <section aria-labelledby="nouvel-indicateur" class="fr-mt-4w">
            <h2 id="nouvel-indicateur">{t('steering.indicators.add')}</h2>
            <form method="post" action={`/pilotage/plans/${outline.plan.id}/indicateurs`}>
              <Csrf ctx={ctx} />
              <TextInput
                name="code"
                label={t('steering.indicators.code')}
                hint={t('steering.indicators.codeHint')}
                required
                errors={form?.errors}
                value={v.code}
                maxLength={40}
              />
              <TextInput
                name="title"
                label={t('steering.fields.title')}
                required
                errors={form?.errors}
                value={v.title}
                maxLength={300}
              />
              <TextArea
                name="definition"
                label={t('steering.indicators.definition')}
                required
                errors={form?.errors}
                value={v.definition}
                rows={3}
              />
              <Select
                name="source"
                label={t('steering.indicators.source')}
                required
                errors={form?.errors}
                value={v.source}
                options={Object.keys(SOURCES).map((s) => ({ value: s, label: t(`steering.sources.${s}`) }))}
              />
              <Select
                name="unit"
                label={t('steering.indicators.unit')}
                hint={t('steering.indicators.unitHint')}
                errors={form?.errors}
                value={v.unit}
                options={['count', 'percent', 'hours', 'euros'].map((u) => ({
                  value: u,
                  label: t(`steering.unitNames.${u}`),
                }))}
              />
              <Select
                name="measureId"
                label={t('steering.measure')}
                errors={form?.errors}
                value={v.measureId}
                placeholder={t('steering.budget.wholePlan')}
                options={flatten(outline.axes.flatMap((a) => a.measures)).map((m) => ({
                  value: m.id,
                  label: `${m.number} — ${m.title}`,
                }))}
              />
              <Select
                name="pilotId"
                label={t('steering.pilots.pilot')}
                errors={form?.errors}
                value={v.pilotId}
                placeholder={t('steering.pilots.none')}
                options={pilots.map((p) => ({ value: p.id, label: p.name }))}
              />
              <TextInput
                name="periodFrom"
                type="date"
                label={t('steering.indicators.from')}
                hint={t('steering.indicators.periodHint')}
                errors={form?.errors}
                value={v.periodFrom}
              />
              <TextInput
                name="periodTo"
                type="date"
                label={t('steering.indicators.to')}
                errors={form?.errors}
                value={v.periodTo}
              />
              <TextInput
                name="baseline"
                label={t('steering.indicators.baseline')}
                errors={form?.errors}
                value={v.baseline}
              />
              <TextInput
                name="target"
                label={t('steering.indicators.target')}
                errors={form?.errors}
                value={v.target}
              />
              <TextInput
                name="manualValue"
                label={t('steering.indicators.manualValue')}
                hint={t('steering.indicators.manualHint')}
                errors={form?.errors}
                value={v.manualValue}
              />
              <TextInput
                name="manualCount"
                label={t('steering.indicators.manualCount')}
                hint={t('steering.indicators.manualCountHint')}
                errors={form?.errors}
                value={v.manualCount}
                inputMode="numeric"
              />
              <button class="fr-btn" type="submit">
                {t('steering.indicators.add')}
              </button>
            </form>
          </section>
        </>
      ) : null}
    </Layout>
  );
}

export function SynthesisPage({
  ctx,
  outline,
  rows,
  organisations,
}: {
  ctx: PageContext;
  outline: Outline;
  rows: readonly SynthesisRow[];
  organisations: number;
}) {
  const { t } = ctx;
  const title = t('steering.synthesis.title');
  return (
    <Layout
      ctx={ctx}
      title={`${title} — ${outline.plan.title}`}
      space="pilotage"
      breadcrumb={crumbs(ctx, outline, title)}
    >
      <h1>{title}</h1>
      <p class="fr-text--lead">{t('steering.synthesis.lead', { count: organisations })}</p>
      <p>
        <a
          class="fr-link fr-icon-download-line fr-link--icon-left"
          href={`/pilotage/plans/${outline.plan.id}/synthese/pdf`}
        >
          {t('steering.synthesis.pdf')}
        </a>
      </p>
      <Table
        caption={title}
        headers={[
          t('steering.measure'),
          t('steering.ratings.keep'),
          t('steering.ratings.improve'),
          t('steering.ratings.drop'),
          t('steering.synthesis.comments'),
        ]}
        rows={rows.map((r) => [
          `${r.number} — ${r.title}`,
          String(r.keep),
          String(r.improve),
          String(r.drop),
          r.comments.length === 0 ? (
            '—'
          ) : (
            <ul>
              {r.comments.map((c) => (
                <li key={c.organisation}>
                  <strong>{c.organisation}</strong> ({t(`steering.ratings.${c.rating}`)}) : {c.comment}
                </li>
              ))}
            </ul>
          ),
        ])}
      />
    </Layout>
  );
}

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
        [t('steering.pilots.title'), '/plan/projets-pilotes'],
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
        <TextInput
          name="name"
          label={t('steering.fields.title')}
          required
          errors={form?.errors}
          value={v.name}
          maxLength={200}
        />
        <TextArea
          name="description"
          label={t('steering.fields.description')}
          errors={form?.errors}
          value={v.description}
          rows={4}
        />
        <TextArea
          name="partners"
          label={t('steering.pilots.partners')}
          hint={t('steering.fields.partnersHint')}
          errors={form?.errors}
          value={v.partners}
          rows={3}
        />
        <TextInput
          name="places"
          label={t('steering.pilots.places')}
          errors={form?.errors}
          value={v.places}
          maxLength={500}
        />
        <TextInput
          name="startsOn"
          type="date"
          label={t('steering.fields.startsOn')}
          errors={form?.errors}
          value={v.startsOn}
        />
        <TextInput
          name="endsOn"
          type="date"
          label={t('steering.fields.endsOn')}
          errors={form?.errors}
          value={v.endsOn}
        />
        <Select
          name="fundingStatus"
          label={t('steering.pilots.funding')}
          required
          errors={form?.errors}
          value={v.fundingStatus}
          options={FUNDING.map((f) => ({ value: f, label: t(`steering.funding.${f}`) }))}
        />
        <TextInput
          name="fundingNote"
          label={t('steering.pilots.fundingNote')}
          errors={form?.errors}
          value={v.fundingNote}
          maxLength={1000}
        />
        <TextArea
          name="evaluationNotes"
          label={t('steering.pilots.evaluation')}
          errors={form?.errors}
          value={v.evaluationNotes}
          rows={6}
        />
        <TextInput
          name="caseTag"
          label={t('steering.pilots.caseTag')}
          hint={t('steering.pilots.caseTagHint')}
          errors={form?.errors}
          value={v.caseTag}
          maxLength={40}
        />
        <button class="fr-btn" type="submit">
          {t('forms.save')}
        </button>
      </form>
    </Layout>
  );
}
