import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  RadioGroup,
  Select,
  Table,
  TextArea,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { Measures } from '../measures.js';
import { RATINGS, type Review } from '../review.js';
import { ContributionThread } from './contributions.js';
import { MeasureFields } from './measure-fields.js';
import type { Values } from './plan.js';
import { euros, Progress } from './shared.js';

type Detail = Awaited<ReturnType<Measures['detail']>>;
type Contribution = Awaited<ReturnType<Review['contributions']>>[number];

export type MeasureForm = {
  which: 'measure' | 'milestone' | 'resource' | 'rating' | 'contribution' | 'answer';
  values: Values;
  errors: FieldErrors;
  contributionId?: string;
};

/** One measure: what it is, its progress and sub-measures, milestones, resources, budget; rating and contributions. */
export function MeasurePage({
  ctx,
  detail,
  steer,
  review,
  rating,
  contributions,
  resources,
  form,
}: {
  ctx: PageContext;
  detail: Detail;
  steer: boolean;
  review: boolean;
  rating: { rating: string; comment: string } | undefined;
  contributions: readonly Contribution[];
  resources: ReadonlyArray<{ id: string; title: string }>;
  form?: MeasureForm | undefined;
}) {
  const { t, locale } = ctx;
  const { plan, measure, milestones, budget } = detail;
  const base = `/pilotage/plans/${plan.id}/mesures/${measure.id}`;
  const errorsFor = (which: MeasureForm['which']) => (form?.which === which ? form.errors : undefined);
  const valuesFor = (which: MeasureForm['which']): Values => (form?.which === which ? form.values : {});
  const heading = `${t('steering.measure')} ${measure.number} — ${measure.title}`;
  const mine = contributions.filter((c) => c.measure_id === measure.id);
  const ratingValues =
    form?.which === 'rating' ? form.values : { rating: rating?.rating, comment: rating?.comment };
  return (
    <Layout
      ctx={ctx}
      title={heading}
      space="pilotage"
      breadcrumb={[
        [t('nav.pilotage'), '/pilotage'],
        [plan.title, `/pilotage/plans/${plan.id}`],
        [`${t('steering.measure')} ${measure.number}`],
      ]}
    >
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <p class="fr-badge">{t(`steering.status.${measure.status}`)}</p>
      <h1>{heading}</h1>
      {measure.description ? <p>{measure.description}</p> : null}
      <dl>
        <dt>{t('steering.fields.lead')}</dt>
        <dd>{measure.lead || '—'}</dd>
        <dt>{t('steering.fields.partners')}</dt>
        <dd>{measure.partners.join(', ') || '—'}</dd>
        <dt>{t('steering.fields.progress')}</dt>
        <dd>
          <Progress value={measure.effectiveProgress} label={t('steering.fields.progress')} />
          {measure.children.length > 0 ? (
            <span class="fr-text--sm"> {t('steering.fields.rolledUp')}</span>
          ) : null}
        </dd>
        {measure.starts_on || measure.ends_on ? (
          <>
            <dt>{t('steering.fields.dates')}</dt>
            <dd>
              {measure.starts_on ?? '…'} – {measure.ends_on ?? '…'}
            </dd>
          </>
        ) : null}
      </dl>
      {measure.children.length > 0 ? (
        <Table
          caption={t('steering.fields.children')}
          headers={[
            t('steering.measure'),
            t('steering.fields.weight'),
            t('steering.fields.status'),
            t('steering.fields.progress'),
          ]}
          rows={measure.children.map((c) => [
            <a href={`/pilotage/plans/${plan.id}/mesures/${c.id}`}>
              {c.number} — {c.title}
            </a>,
            String(c.weight),
            t(`steering.status.${c.status}`),
            `${c.effectiveProgress} %`,
          ])}
        />
      ) : null}
      <h2>{t('steering.milestones.title')}</h2>
      {milestones.length === 0 ? (
        <p>{t('steering.milestones.none')}</p>
      ) : (
        <ul>
          {milestones.map((m) => (
            <li key={m.id}>
              {m.title} — {m.due_on ?? '…'}{' '}
              {m.done_on ? `(${t('steering.milestones.done', { date: m.done_on })})` : ''}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('steering.resources.title')}</h2>
      {detail.resources.length === 0 ? (
        <p>{t('steering.resources.none')}</p>
      ) : (
        <ul>
          {detail.resources.map((r) => (
            <li key={r.id}>
              <a href={`/outils/${r.id}`}>{r.title}</a>
            </li>
          ))}
        </ul>
      )}
      {budget.length > 0 ? (
        <Table
          caption={t('steering.charts.budget')}
          headers={[
            t('steering.budget.year'),
            t('steering.budget.programme'),
            t('steering.budget.planned'),
            t('steering.budget.committed'),
            t('steering.budget.spent'),
          ]}
          rows={budget.map((b) => [
            String(b.year),
            b.programme,
            euros(b.planned, locale),
            euros(b.committed, locale),
            euros(b.spent, locale),
          ])}
        />
      ) : null}
      {review ? (
        <section aria-labelledby="avis" class="fr-mt-4w">
          <h2 id="avis">{t('steering.review.title')}</h2>
          <p>{t('steering.review.lead', { organisation: ctx.actor?.organisation.name ?? '' })}</p>
          <form method="post" action={`${base}/avis`}>
            <Csrf ctx={ctx} />
            <RadioGroup
              name="rating"
              label={t('steering.review.rating')}
              required
              errors={errorsFor('rating')}
              value={ratingValues.rating}
              options={RATINGS.map((r) => ({ value: r, label: t(`steering.ratings.${r}`) }))}
            />
            <TextArea
              name="comment"
              id="avis-comment"
              label={t('steering.review.comment')}
              hint={t('steering.review.commentHint')}
              errors={errorsFor('rating')}
              value={ratingValues.comment}
              rows={4}
            />
            <button class="fr-btn" type="submit">
              {t('steering.review.submit')}
            </button>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="contributions" class="fr-mt-4w">
        <h2 id="contributions">{t('steering.contributions.title')}</h2>
        <ContributionThread
          ctx={ctx}
          planId={plan.id}
          open={review && plan.status === 'consultation'}
          steer={steer}
          contributions={mine}
          target={{ measureId: measure.id }}
          form={form}
          newForm={form?.which === 'contribution' ? { values: form.values, errors: form.errors } : undefined}
        />
      </section>
      {steer ? (
        <>
          <section aria-labelledby="modifier" class="fr-mt-4w">
            <h2 id="modifier">{t('steering.plans.editMeasure')}</h2>
            <form method="post" action={base}>
              <Csrf ctx={ctx} />
              <MeasureFields
                ctx={ctx}
                outline={detail.outline}
                errors={errorsFor('measure')}
                values={
                  form?.which === 'measure'
                    ? form.values
                    : {
                        axisId: measure.axis_id,
                        parentId: measure.parent_id ?? '',
                        number: measure.number,
                        title: measure.title,
                        description: measure.description,
                        lead: measure.lead,
                        partners: measure.partners.join('\n'),
                        status: measure.status,
                        progress: measure.progress === null ? '' : String(measure.progress),
                        weight: String(measure.weight),
                        startsOn: measure.starts_on ?? '',
                        endsOn: measure.ends_on ?? '',
                      }
                }
              />
              <button class="fr-btn" type="submit">
                {t('forms.save')}
              </button>
            </form>
          </section>
          <section aria-labelledby="jalon" class="fr-mt-4w">
            <h2 id="jalon">{t('steering.milestones.add')}</h2>
            <form method="post" action={`${base}/jalons`}>
              <Csrf ctx={ctx} />
              <TextInput
                name="title"
                id="jalon-title"
                label={t('steering.fields.title')}
                required
                errors={errorsFor('milestone')}
                value={valuesFor('milestone').title}
                maxLength={300}
              />
              <TextInput
                name="dueOn"
                id="jalon-due"
                type="date"
                label={t('steering.milestones.due')}
                errors={errorsFor('milestone')}
                value={valuesFor('milestone').dueOn}
              />
              <TextInput
                name="doneOn"
                id="jalon-done"
                type="date"
                label={t('steering.milestones.doneOn')}
                errors={errorsFor('milestone')}
                value={valuesFor('milestone').doneOn}
              />
              <button class="fr-btn fr-btn--secondary" type="submit">
                {t('steering.milestones.add')}
              </button>
            </form>
          </section>
          {resources.length > 0 ? (
            <section aria-labelledby="ressource" class="fr-mt-4w">
              <h2 id="ressource">{t('steering.resources.link')}</h2>
              <form method="post" action={`${base}/ressources`}>
                <Csrf ctx={ctx} />
                <Select
                  name="resourceId"
                  label={t('steering.resources.resource')}
                  required
                  errors={errorsFor('resource')}
                  placeholder={t('forms.choose')}
                  options={resources.map((r) => ({ value: r.id, label: r.title }))}
                />
                <button class="fr-btn fr-btn--secondary" type="submit">
                  {t('steering.resources.link')}
                </button>
              </form>
            </section>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}
