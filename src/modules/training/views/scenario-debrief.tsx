import { Csrf, Notice, Table } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ScenarioPlay } from '../scenario-play.js';
import {
  formatDuration,
  LEARNER_HOME,
  learnerCrumbs,
  Paragraphs,
  QualityBadge,
  SyntheticBadge,
} from './scenario-shared.js';

type Result = Awaited<ReturnType<ScenarioPlay['debrief']>>;

/**
 * The debrief: how the story ended, the time taken against good practice (overall and phase by phase), where
 * coordination failed, then each step taken with its good practice, and the path of good practice.
 */
export function ScenarioDebriefPage({ ctx, result }: { ctx: PageContext; result: Result }) {
  const { t } = ctx;
  const { scenario, debrief } = result;
  const d = debrief;
  const gap = d.totals.yours - d.totals.best;
  const time = (m: number | null) =>
    m === null ? t('training.scenarios.debrief.notReached') : formatDuration(t, m);
  return (
    <Layout
      ctx={ctx}
      title={`${t('training.scenarios.debrief.title')} — ${scenario.title}`}
      space="public"
      breadcrumb={learnerCrumbs(
        ctx,
        [scenario.title, `${LEARNER_HOME}/${scenario.slug}`],
        [t('training.scenarios.debrief.title')],
      )}
    >
      <p class="fr-mb-1w">
        {scenario.is_synthetic ? <SyntheticBadge t={t} /> : null}{' '}
        <span class="fr-text--sm">{scenario.title}</span>
      </p>
      <h1>{t('training.scenarios.debrief.title')}</h1>

      <Notice
        kind={d.reachedBestEnd ? 'success' : 'warning'}
        title={t(
          d.reachedBestEnd ? 'training.scenarios.debrief.endGood' : 'training.scenarios.debrief.endOther',
          {
            title: d.end?.title ?? '',
          },
        )}
      >
        {d.end ? <Paragraphs text={d.end.situation} /> : null}
      </Notice>

      <h2>{t('training.scenarios.debrief.summary')}</h2>
      <ul class="fr-mb-3w">
        {d.reachedBestEnd ? (
          <>
            <li>
              {t('training.scenarios.debrief.yourTime')} <strong>{formatDuration(t, d.totals.yours)}</strong>
            </li>
            <li>
              {t('training.scenarios.debrief.bestTime')} <strong>{formatDuration(t, d.totals.best)}</strong>
            </li>
            <li>
              {gap === 0
                ? t('training.scenarios.debrief.gapNone')
                : t(gap > 0 ? 'training.scenarios.debrief.gapMore' : 'training.scenarios.debrief.gapLess', {
                    time: formatDuration(t, Math.abs(gap)),
                  })}
            </li>
          </>
        ) : (
          <>
            <li>
              {t('training.scenarios.debrief.stoppedAfter', {
                time: formatDuration(t, d.totals.yours),
                phase: d.end ? t(`training.scenarios.phases.${d.end.phase}`) : '',
              })}
            </li>
            <li>
              {t('training.scenarios.debrief.bestLeadsTo', {
                title: d.bestEnd?.title ?? '',
                time: formatDuration(t, d.totals.best),
              })}
            </li>
          </>
        )}
        <li>
          {t('training.scenarios.debrief.counts', {
            good: d.counts.good,
            acceptable: d.counts.acceptable,
            poor: d.counts.poor,
          })}
        </li>
      </ul>
      <Table
        caption={t('training.scenarios.debrief.phasesCaption')}
        headers={[
          t('training.scenarios.debrief.phase'),
          t('training.scenarios.debrief.yours'),
          t('training.scenarios.debrief.best'),
        ]}
        rows={d.phases.map((p) => [t(`training.scenarios.phases.${p.phase}`), time(p.yours), time(p.best)])}
      />

      <h2>{t('training.scenarios.debrief.failures')}</h2>
      {d.failures.length === 0 ? (
        <p>{t('training.scenarios.debrief.noFailure')}</p>
      ) : (
        <ul class="fr-mb-3w">
          {d.failures.map((f) => (
            <li key={f.choice.id} class="fr-mb-2w">
              <strong>
                {t(`training.scenarios.phases.${f.step.phase}`)} — {f.step.title}
              </strong>{' '}
              : {f.choice.coordination_failure}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('training.scenarios.debrief.path')}</h2>
      <ol class="fr-mb-4w">
        {d.taken.map((s, i) => (
          <li key={`${s.step.key}-${i}`} class="fr-mb-3w">
            <h3 class="fr-h6 fr-mb-1w">
              {s.step.title}{' '}
              <span class="fr-text--sm fr-text--regular">
                ({t(`training.scenarios.phases.${s.step.phase}`)}, {t('training.scenarios.debrief.at')}{' '}
                {formatDuration(t, s.at)})
              </span>
            </h3>
            {s.choice ? (
              <p class="fr-mb-1w">
                <QualityBadge t={t} quality={s.choice.quality} /> {t('training.scenarios.debrief.yourChoice')}{' '}
                « {s.choice.label} » ({formatDuration(t, s.minutes)})
              </p>
            ) : (
              <p class="fr-mb-1w">{t('training.scenarios.debrief.choiceGone')}</p>
            )}
            {s.better ? (
              <p class="fr-mb-1w">
                {t('training.scenarios.debrief.expected')} « {s.better.label} »
              </p>
            ) : null}
            {s.step.good_practice ? (
              <div class="fr-highlight fr-ml-0">
                <p class="fr-text--sm fr-mb-0">
                  <strong>{t('training.scenarios.debrief.goodPractice')}</strong> {s.step.good_practice}
                </p>
              </div>
            ) : null}
          </li>
        ))}
      </ol>

      <h2>{t('training.scenarios.debrief.bestPath')}</h2>
      <ol class="fr-mb-4w">
        {d.best.map((b) => (
          <li key={b.choice.id} class="fr-mb-1w">
            <strong>{b.step.title}</strong> : {b.choice.label} ({formatDuration(t, b.choice.minutes)})
          </li>
        ))}
        {d.bestEnd ? (
          <li>
            <strong>{d.bestEnd.title}</strong>
          </li>
        ) : null}
      </ol>

      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <form method="post" action={`${LEARNER_HOME}/${scenario.slug}`}>
            <Csrf ctx={ctx} />
            <button type="submit" class="fr-btn">
              {t('training.scenarios.debrief.again')}
            </button>
          </form>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href={LEARNER_HOME}>
            {t('training.scenarios.debrief.back')}
          </a>
        </li>
      </ul>
    </Layout>
  );
}
