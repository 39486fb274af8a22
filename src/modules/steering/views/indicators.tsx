import {
  Csrf,
  ErrorSummary,
  Select,
  Table,
  TextArea,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { IndicatorView } from '../indicators.js';
import type { SynthesisRow } from '../review.js';
import { SOURCES } from '../sources.js';
import { crumbs, type Form, flatten, IndicatorsBlock, type Outline } from './shared.js';

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
