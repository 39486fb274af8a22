import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { ValidationError } from '../../platform/http/errors.js';
import { slugify } from '../../platform/text/slug.js';
import { PHASES } from './reference.js';
import type { GraphChoice, GraphStep } from './scenario-graph.js';

/** What trainers type, as the forms send it. */
export interface ScenarioInput {
  title: string;
  /** Empty: made from the title. */
  slug: string;
  summary: string;
  /** Empty: none chosen yet. */
  startStep: string;
}

export interface StepInput {
  key: string;
  phase: string;
  title: string;
  situation: string;
  goodPractice: string;
  /** A checkbox: 'yes' when ticked. */
  isEnd: string;
}

export interface ChoiceInput {
  label: string;
  nextStep: string;
  /** The time the action takes in the story, in `unit`s. */
  duration: string;
  unit: string;
  consequence: string;
  quality: string;
  coordinationFailure: string;
}

export const QUALITIES = ['good', 'acceptable', 'poor'] as const;
export type Quality = (typeof QUALITIES)[number];
export const UNITS = { minutes: 1, hours: 60, days: 1440 } as const;
export type Unit = keyof typeof UNITS;
/** Three years of story time: a case followed until its trial (see migration 0016). */
export const MAX_MINUTES = 1_576_800;
/** `/formations/exercices/parcours/…` are the run pages: no scenario may take that address. */
const RESERVED_SLUGS = new Set(['parcours']);

const fail = (errors: Record<string, string>) => {
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
};

/** The address of a scenario: the title's words without accents. */
export const slugOf = (title: string): string => slugify(title, 60);

export function parseScenario(input: ScenarioInput, keys: ReadonlySet<string>) {
  const errors: Record<string, string> = {};
  const title = input.title.trim();
  if (title.length < 3 || title.length > 200) errors.title = 'training.scenarios.errors.title';
  const slug = input.slug.trim() || slugOf(title);
  if (!/^[a-z0-9-]{2,60}$/.test(slug)) errors.slug = 'training.scenarios.errors.slug';
  else if (RESERVED_SLUGS.has(slug)) errors.slug = 'training.scenarios.errors.slugTaken';
  const summary = input.summary.trim();
  if (summary.length > 2000) errors.summary = 'training.scenarios.errors.long';
  const startStep = input.startStep.trim() || null;
  if (startStep && !keys.has(startStep)) errors.startStep = 'training.scenarios.errors.startStep';
  fail(errors);
  return { title, slug, summary, startStep };
}

export function parseStep(input: StepInput, context: { isNew: boolean; hasChoices: boolean }) {
  const errors: Record<string, string> = {};
  const key = input.key.trim();
  if (context.isNew && !/^[a-z0-9-]{1,40}$/.test(key)) errors.key = 'training.scenarios.errors.key';
  if (!(PHASES as readonly string[]).includes(input.phase)) errors.phase = 'training.scenarios.errors.phase';
  const title = input.title.trim();
  if (title.length < 3 || title.length > 200) errors.title = 'training.scenarios.errors.title';
  const situation = input.situation.trim();
  if (!situation) errors.situation = 'training.scenarios.errors.situation';
  else if (situation.length > 8000) errors.situation = 'training.scenarios.errors.long';
  const goodPractice = input.goodPractice.trim();
  if (goodPractice.length > 8000) errors.goodPractice = 'training.scenarios.errors.long';
  const isEnd = input.isEnd === 'yes';
  if (isEnd && context.hasChoices) errors.isEnd = 'training.scenarios.errors.endWithChoices';
  fail(errors);
  return { key, phase: input.phase, title, situation, goodPractice, isEnd };
}

export function parseChoice(input: ChoiceInput, keys: ReadonlySet<string>) {
  const errors: Record<string, string> = {};
  const label = input.label.trim();
  if (label.length < 2 || label.length > 300) errors.label = 'training.scenarios.errors.label';
  const nextStep = input.nextStep.trim();
  if (!keys.has(nextStep)) errors.nextStep = 'training.scenarios.errors.nextStep';
  const amount = Number(input.duration.trim().replace(',', '.'));
  const unit = UNITS[input.unit as Unit];
  const minutes = Math.round(amount * (unit ?? 0));
  if (!input.duration.trim() || !Number.isFinite(amount) || amount < 0 || !unit || minutes > MAX_MINUTES)
    errors.duration = 'training.scenarios.errors.duration';
  if (!(QUALITIES as readonly string[]).includes(input.quality))
    errors.quality = 'training.scenarios.errors.quality';
  const consequence = input.consequence.trim();
  if (consequence.length > 4000) errors.consequence = 'training.scenarios.errors.long';
  const coordinationFailure = input.coordinationFailure.trim();
  if (coordinationFailure.length > 2000) errors.coordinationFailure = 'training.scenarios.errors.long';
  fail(errors);
  return {
    label,
    next_step: nextStep,
    minutes,
    consequence,
    quality: input.quality as Quality,
    coordination_failure: coordinationFailure,
  };
}

/** A duration in minutes as the form shows it: in the largest unit it divides into. */
export function durationFields(minutes: number): { duration: string; unit: Unit } {
  if (minutes > 0 && minutes % 1440 === 0) return { duration: String(minutes / 1440), unit: 'days' };
  if (minutes > 0 && minutes % 60 === 0) return { duration: String(minutes / 60), unit: 'hours' };
  return { duration: String(minutes), unit: 'minutes' };
}

/** A scenario's steps and choices in order, as rows and as the graph the validator reads. */
export async function loadGraph(db: Kysely<DB>, scenarioId: string) {
  const [stepRows, choiceRows] = await Promise.all([
    db
      .selectFrom('scenario_steps')
      .selectAll()
      .where('scenario_id', '=', scenarioId)
      .orderBy('position')
      .orderBy('key')
      .execute(),
    db
      .selectFrom('scenario_choices')
      .selectAll()
      .where('scenario_id', '=', scenarioId)
      .orderBy('position')
      .orderBy('id')
      .execute(),
  ]);
  const steps: GraphStep[] = stepRows.map((s) => ({ key: s.key, isEnd: s.is_end, position: s.position }));
  const choices: GraphChoice[] = choiceRows.map((c) => ({
    id: c.id,
    stepKey: c.step_key,
    nextStep: c.next_step,
    minutes: c.minutes,
    quality: c.quality,
    position: c.position,
  }));
  return { stepRows, choiceRows, steps, choices };
}

export type StepRow = Awaited<ReturnType<typeof loadGraph>>['stepRows'][number];
export type ChoiceRow = Awaited<ReturnType<typeof loadGraph>>['choiceRows'][number];
