import { Csrf, ErrorSummary, Select, TextArea, TextInput } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { BUDGET_LEVELS } from '../budget.js';
import { BudgetChart, type BudgetRow, crumbs, type Form, flatten, type Outline } from './shared.js';

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
