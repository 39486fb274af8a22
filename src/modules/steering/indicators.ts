import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { IndicatorUnit } from '../../platform/db/schema-steering.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Jobs } from '../../platform/jobs/index.js';
import type { Clock } from '../../platform/time/clock.js';
import { parisDate } from '../../platform/time/paris.js';
import { isDay, isUuid, maySteer } from './plans.js';
import { isSource, measure, SOURCES } from './sources.js';

/** No public figure rests on fewer than 11 people or cases (IOM CTDC's k = 11). */
export const K_MIN = 11;

export const REFRESH_QUEUE = 'steering.indicators';

export interface IndicatorView {
  id: string;
  code: string;
  title: string;
  definition: string;
  unit: IndicatorUnit;
  source: string;
  baseline: number | null;
  target: number | null;
  value: number | null;
  count: number | null;
  refreshedAt: Date | null;
  period: { from: string; to: string } | null;
  measureId: string | null;
  pilotId: string | null;
  /** Why no value is shown: too few cases for a public page, or not measured yet. */
  suppressed: 'small' | 'none' | null;
}

/**
 * What a page may show. Publicly, a value resting on fewer than 11 people or cases is withheld with its reason;
 * coordinators see it with a warning.
 */
export function present(row: IndicatorRow, audience: 'public' | 'steering'): IndicatorView {
  const manual = row.source === 'manual';
  const value = manual ? row.manual_value : row.actual;
  const count = manual ? row.manual_count : row.actual_count;
  const small = count !== null && count < K_MIN;
  const suppressed = value === null ? 'none' : audience === 'public' && small ? 'small' : null;
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    definition: row.definition,
    unit: row.unit,
    source: row.source,
    baseline: row.baseline,
    target: row.target,
    value: suppressed ? null : value,
    count: suppressed === 'small' ? null : count,
    refreshedAt: manual ? null : row.refreshed_at,
    period: row.period_from && row.period_to ? { from: row.period_from, to: row.period_to } : null,
    measureId: row.measure_id,
    pilotId: row.pilot_id,
    suppressed,
  };
}

export interface IndicatorRow {
  id: string;
  plan_id: string;
  measure_id: string | null;
  pilot_id: string | null;
  code: string;
  title: string;
  definition: string;
  unit: IndicatorUnit;
  source: string;
  period_from: string | null;
  period_to: string | null;
  baseline: number | null;
  target: number | null;
  manual_value: number | null;
  manual_count: number | null;
  actual: number | null;
  actual_count: number | null;
  refreshed_at: Date | null;
}

export interface IndicatorInput {
  measureId: string;
  pilotId: string;
  code: string;
  title: string;
  definition: string;
  unit: string;
  source: string;
  periodFrom: string;
  periodTo: string;
  baseline: string;
  target: string;
  manualValue: string;
  manualCount: string;
}

const num = (text: string): number | null | 'invalid' => {
  const t = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (t === '') return null;
  return /^-?\d{1,12}(\.\d{1,2})?$/.test(t) ? Number(t) : 'invalid';
};

export function createIndicators(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;

  /** The indicator's period, or the 365 days up to today (Paris). */
  function periodOf(row: Pick<IndicatorRow, 'period_from' | 'period_to'>): { from: string; to: string } {
    if (row.period_from && row.period_to) return { from: row.period_from, to: row.period_to };
    const today = parisDate(clock.now());
    const from = parisDate(new Date(clock.now().getTime() - 364 * 86_400_000));
    return { from: row.period_from ?? from, to: row.period_to ?? today };
  }

  const service = {
    periodOf,

    async list(planId: string, options: { pilotId?: string } = {}): Promise<IndicatorRow[]> {
      return await db
        .selectFrom('plan_indicators')
        .select([
          'id',
          'plan_id',
          'measure_id',
          'pilot_id',
          'code',
          'title',
          'definition',
          'unit',
          'source',
          'period_from',
          'period_to',
          'baseline',
          'target',
          'manual_value',
          'manual_count',
          'actual',
          'actual_count',
          'refreshed_at',
        ])
        .where('plan_id', '=', planId)
        .$if(!!options.pilotId, (q) => q.where('pilot_id', '=', options.pilotId!))
        .orderBy('position')
        .orderBy('code')
        .execute();
    },

    async forPilot(pilotId: string): Promise<IndicatorRow[]> {
      return await db
        .selectFrom('plan_indicators')
        .select([
          'id',
          'plan_id',
          'measure_id',
          'pilot_id',
          'code',
          'title',
          'definition',
          'unit',
          'source',
          'period_from',
          'period_to',
          'baseline',
          'target',
          'manual_value',
          'manual_count',
          'actual',
          'actual_count',
          'refreshed_at',
        ])
        .where('pilot_id', '=', pilotId)
        .orderBy('position')
        .execute();
    },

    /** Recomputes every computed indicator (or those of one plan) and stores value, count and time. */
    async refresh(planId?: string): Promise<number> {
      const rows = await db
        .selectFrom('plan_indicators as i')
        .leftJoin('pilot_projects as p', 'p.id', 'i.pilot_id')
        .select(['i.id', 'i.source', 'i.period_from', 'i.period_to', 'i.pilot_id', 'p.case_tag'])
        .where('i.source', '<>', 'manual')
        .$if(!!planId, (q) => q.where('i.plan_id', '=', planId!))
        .execute();
      let done = 0;
      for (const row of rows) {
        if (!isSource(row.source) || row.source === 'manual') continue;
        const { from, to } = periodOf(row);
        // A pilot without a case tag has no file to count: nothing, rather than every file.
        const result =
          row.pilot_id && !row.case_tag
            ? { value: null, count: 0 }
            : await measure(db, row.source, from, to, row.pilot_id ? row.case_tag : null, clock.now());
        await db
          .updateTable('plan_indicators')
          .set({ actual: result.value, actual_count: result.count, refreshed_at: clock.now() })
          .where('id', '=', row.id)
          .execute();
        done++;
      }
      return done;
    },

    async save(
      actor: Actor,
      audit: AuditContext,
      planId: string,
      indicatorId: string | null,
      input: IndicatorInput,
    ) {
      if (!maySteer(actor)) throw new ForbiddenError();
      const errors: Record<string, string> = {};
      if (!/^[a-z0-9-]{2,40}$/.test(input.code)) errors.code = 'steering.errors.code';
      if (!input.title.trim() || input.title.length > 300) errors.title = 'steering.errors.title';
      if (!input.definition.trim() || input.definition.length > 4000)
        errors.definition = 'steering.errors.definition';
      if (!isSource(input.source)) errors.source = 'steering.errors.source';
      const sourceUnit = isSource(input.source) ? SOURCES[input.source].unit : null;
      const unit = sourceUnit ?? input.unit;
      if (!['count', 'percent', 'hours', 'euros'].includes(unit)) errors.unit = 'steering.errors.unit';
      if (input.periodFrom && !isDay(input.periodFrom)) errors.periodFrom = 'steering.errors.date';
      if (input.periodTo && !isDay(input.periodTo)) errors.periodTo = 'steering.errors.date';
      if (
        !errors.periodFrom &&
        !errors.periodTo &&
        input.periodFrom &&
        input.periodTo &&
        input.periodTo < input.periodFrom
      )
        errors.periodTo = 'steering.errors.endsBefore';
      const baseline = num(input.baseline);
      const target = num(input.target);
      const manualValue = num(input.manualValue);
      const manualCount = num(input.manualCount);
      if (baseline === 'invalid') errors.baseline = 'steering.errors.number';
      if (target === 'invalid') errors.target = 'steering.errors.number';
      if (manualValue === 'invalid') errors.manualValue = 'steering.errors.number';
      if (
        manualCount === 'invalid' ||
        (typeof manualCount === 'number' && !(Number.isInteger(manualCount) && manualCount >= 0))
      )
        errors.manualCount = 'steering.errors.count';
      if (unit === 'percent')
        for (const [field, v] of [
          ['baseline', baseline],
          ['target', target],
          ['manualValue', manualValue],
        ] as const)
          if (typeof v === 'number' && (v < 0 || v > 100)) errors[field] = 'steering.errors.percent';
      if (input.source !== 'manual' && manualValue !== null) errors.manualValue = 'steering.errors.computed';
      const link = async (table: 'plan_measures' | 'pilot_projects', id: string, field: string) => {
        if (!id) return null;
        const found = isUuid(id)
          ? await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()
          : undefined;
        if (!found) errors[field] = 'steering.errors.link';
        return found?.id ?? null;
      };
      const measureId = await link('plan_measures', input.measureId, 'measureId');
      const pilotId = await link('pilot_projects', input.pilotId, 'pilotId');
      if (isSource(input.source) && pilotId && !SOURCES[input.source].pilot && input.source !== 'manual')
        errors.source = 'steering.errors.notPerPilot';
      const taken = await db
        .selectFrom('plan_indicators')
        .select('id')
        .where('plan_id', '=', planId)
        .where('code', '=', input.code)
        .executeTakeFirst();
      if (taken && taken.id !== indicatorId) errors.code = 'steering.errors.codeTaken';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const values = {
        measure_id: measureId,
        pilot_id: pilotId,
        code: input.code,
        title: input.title.trim(),
        definition: input.definition.trim(),
        unit: unit as IndicatorUnit,
        source: input.source,
        period_from: input.periodFrom || null,
        period_to: input.periodTo || null,
        baseline: baseline as number | null,
        target: target as number | null,
        manual_value: manualValue as number | null,
        manual_count: manualCount as number | null,
      };
      const id = await db.transaction().execute(async (trx) => {
        let id = indicatorId;
        if (id) {
          const updated = await trx
            .updateTable('plan_indicators')
            .set(values)
            .where('id', '=', id)
            .where('plan_id', '=', planId)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) === 0) throw new NotFoundError();
        } else {
          id = (
            await trx
              .insertInto('plan_indicators')
              .values({ ...values, plan_id: planId })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
        }
        await appendAudit(
          trx,
          audit,
          {
            action: 'plan.indicator.save',
            targetType: 'plan_indicator',
            targetId: id,
            details: { source: input.source },
          },
          clock.now(),
        );
        return id;
      });
      if (input.source !== 'manual') await service.refresh(planId);
      return id;
    },
  };
  return service;
}

export type Indicators = ReturnType<typeof createIndicators>;

/** The refresh job: every hour, and when a coordinator asks. */
export function defineIndicatorJobs(jobs: Jobs, indicators: Pick<Indicators, 'refresh'>) {
  jobs.define<{ planId?: string }>({
    name: REFRESH_QUEUE,
    options: { retryLimit: 2, retryDelay: 60, deleteAfterSeconds: 7 * 24 * 3600 },
    cron: '7 * * * *',
    pollingSeconds: 30,
    handler: async (job) => {
      await indicators.refresh(job.data?.planId);
    },
  });
}
