import { Csrf, type FieldErrors, Select, TextArea } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { DECISIONS, type Review } from '../review.js';

type Contribution = Awaited<ReturnType<Review['contributions']>>[number];
type Values = Record<string, string | undefined>;

/**
 * The contributions on one measure or one axis: each with the coordinator's answer, or the answer form for the
 * coordinator; the associations' form while the plan is in consultation.
 */
export function ContributionThread({
  ctx,
  planId,
  open,
  steer,
  contributions,
  target,
  form,
  newForm,
}: {
  ctx: PageContext;
  planId: string;
  open: boolean;
  steer: boolean;
  contributions: readonly Contribution[];
  target: { measureId: string } | { axisId: string };
  /** The answer form sent back with its errors. */
  form?: { values: Values; errors: FieldErrors; contributionId?: string | undefined } | undefined;
  /** The new contribution sent back with its errors. */
  newForm?: { values: Values; errors: FieldErrors } | undefined;
}) {
  const { t } = ctx;
  const key = 'measureId' in target ? target.measureId : target.axisId;
  return (
    <>
      {contributions.length === 0 ? <p>{t('steering.contributions.none')}</p> : null}
      {contributions.map((c) => (
        <article key={c.id} class="fr-mb-3w">
          <p class="fr-mb-1v">
            <strong>{c.organisation}</strong>
          </p>
          <p>{c.body}</p>
          {c.decision ? (
            <p class="fr-text--sm">
              <span class="fr-badge fr-badge--sm">{t(`steering.decisions.${c.decision}`)}</span> {c.answer}
            </p>
          ) : steer ? (
            <form method="post" action={`/pilotage/plans/${planId}/contributions/${c.id}/reponse`}>
              <Csrf ctx={ctx} />
              <Select
                name="decision"
                id={`decision-${c.id}`}
                label={t('steering.contributions.decision')}
                required
                errors={form?.contributionId === c.id ? form.errors : undefined}
                value={form?.contributionId === c.id ? form.values.decision : undefined}
                placeholder={t('forms.choose')}
                options={DECISIONS.map((d) => ({ value: d, label: t(`steering.decisions.${d}`) }))}
              />
              <TextArea
                name="answer"
                id={`answer-${c.id}`}
                label={t('steering.contributions.answer')}
                required
                errors={form?.contributionId === c.id ? form.errors : undefined}
                value={form?.contributionId === c.id ? form.values.answer : undefined}
                rows={3}
              />
              <button class="fr-btn fr-btn--secondary" type="submit">
                {t('steering.contributions.reply')}
              </button>
            </form>
          ) : null}
        </article>
      ))}
      {open ? (
        <form method="post" action={`/pilotage/plans/${planId}/contributions`}>
          <Csrf ctx={ctx} />
          {'measureId' in target ? (
            <input type="hidden" name="measureId" value={target.measureId} />
          ) : (
            <input type="hidden" name="axisId" value={target.axisId} />
          )}
          <TextArea
            name="body"
            id={`contribution-${key}`}
            label={t('steering.contributions.new')}
            required
            errors={newForm?.errors}
            value={newForm?.values.body}
            rows={4}
          />
          <button class="fr-btn" type="submit">
            {t('steering.contributions.submit')}
          </button>
        </form>
      ) : null}
    </>
  );
}
