import type { Translate } from '../../../platform/i18n/index.js';
import type { PageContext } from '../../../platform/views/context.js';
import { PHASES } from '../reference.js';
import type { Quality } from '../scenario-input.js';

export const LEARNER_HOME = '/formations/exercices';
export const TRAINER_HOME = '/pro/formations/exercices';
export const runHref = (id: string) => `${LEARNER_HOME}/parcours/${id}`;
export const debriefHref = (id: string) => `${LEARNER_HOME}/parcours/${id}/bilan`;
export const authoringHref = (id: string) => `${TRAINER_HOME}/${id}`;
export const stepHref = (id: string, key: string) => `${TRAINER_HOME}/${id}/etapes/${key}`;

/** Story time as people say it: minutes, then hours, then days, then months. */
export function formatDuration(t: Translate, minutes: number): string {
  if (minutes < 60) return t('training.scenarios.time.minutes', { count: minutes });
  if (minutes < 48 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0
      ? t('training.scenarios.time.hours', { count: h })
      : t('training.scenarios.time.hoursMinutes', { h, m: String(m).padStart(2, '0') });
  }
  if (minutes < 60 * 1440) return t('training.scenarios.time.days', { count: Math.round(minutes / 1440) });
  return t('training.scenarios.time.months', { count: Math.round(minutes / 43_200) });
}

const BADGE: Record<Quality, string> = {
  good: 'fr-badge--success',
  acceptable: 'fr-badge--warning',
  poor: 'fr-badge--error',
};

export function QualityBadge({ t, quality }: { t: Translate; quality: Quality }) {
  return (
    <span class={`fr-badge fr-badge--sm ${BADGE[quality]}`}>
      {t(`training.scenarios.quality.${quality}`)}
    </span>
  );
}

export function SyntheticBadge({ t }: { t: Translate }) {
  return <span class="fr-badge fr-badge--sm fr-badge--info">{t('training.scenarios.synthetic')}</span>;
}

/** The seven phases of the case as a DSFR stepper: where the story stands and what comes next. */
export function PhaseStepper({ t, index }: { t: Translate; index: number }) {
  const phase = PHASES[index];
  if (!phase) return null;
  const next = PHASES[index + 1];
  return (
    <div class="fr-stepper fr-mb-3w">
      <h2 class="fr-stepper__title">
        {t(`training.scenarios.phases.${phase}`)}
        <span class="fr-stepper__state">
          {t('training.scenarios.play.phaseOf', { n: index + 1, total: PHASES.length })}
        </span>
      </h2>
      <div class="fr-stepper__steps" data-fr-current-step={index + 1} data-fr-steps={PHASES.length} />
      {next ? (
        <p class="fr-stepper__details">
          <span class="fr-text--bold">{t('training.scenarios.play.nextPhase')}</span>{' '}
          {t(`training.scenarios.phases.${next}`)}
        </p>
      ) : null}
    </div>
  );
}

/** Text typed by trainers: paragraphs separated by blank lines, line breaks kept. */
export function Paragraphs({ text, class: className }: { text: string; class?: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter((p) => p !== '')
        .map((p, i) => (
          <p key={i} class={className}>
            {p.split('\n').map((line, j) => (
              <>
                {j > 0 ? <br /> : null}
                {line}
              </>
            ))}
          </p>
        ))}
    </>
  );
}

export const learnerCrumbs = (
  ctx: PageContext,
  ...rest: Array<[string, string?]>
): Array<[string, string?]> => [
  [ctx.t('training.scenarios.crumbs.catalogue'), '/formations'],
  rest.length > 0
    ? [ctx.t('training.scenarios.list.title'), LEARNER_HOME]
    : [ctx.t('training.scenarios.list.title')],
  ...rest,
];

export const trainerCrumbs = (
  ctx: PageContext,
  ...rest: Array<[string, string?]>
): Array<[string, string?]> => [
  rest.length > 0
    ? [ctx.t('training.scenarios.authoring.listTitle'), TRAINER_HOME]
    : [ctx.t('training.scenarios.authoring.listTitle')],
  ...rest,
];
