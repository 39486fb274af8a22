import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../../platform/auth/roles.js';
import { ForbiddenError, ValidationError } from '../../platform/http/errors.js';
import { parisDate } from '../../platform/time/paris.js';
import { ALERT_BREAKDOWNS, DELAY_BREAKDOWNS } from './dashboards-alerts.js';
import { CASE_BREAKDOWNS, PLACEMENT_BREAKDOWNS, TRAINING_BREAKDOWNS } from './dashboards-care.js';
import {
  type Breakdown,
  type Chart,
  type ChartRow,
  checkFilter,
  type DashboardFilter,
  defaultPeriod,
} from './dashboards-model.js';
import {
  DASHBOARDS,
  type DashboardKey,
  departementsAllowed,
  type Reach,
  reachOf,
} from './dashboards-scope.js';
import type { StatisticsDeps } from './deps.js';

/** Each dashboard's charts, in the order the page shows them; the keys are the `breakdown` filter's values. */
const BREAKDOWNS: Record<DashboardKey, Record<string, Breakdown>> = {
  alertes: ALERT_BREAKDOWNS,
  delais: DELAY_BREAKDOWNS,
  placements: PLACEMENT_BREAKDOWNS,
  suivis: CASE_BREAKDOWNS,
  formations: TRAINING_BREAKDOWNS,
};

export interface Departement {
  code: string;
  name: string;
}

/**
 * Dashboards for each role's scope (issue 10): live figures over a period, aggregated in the database, as charts
 * with their tables and one CSV per chart. Who sees what is `reachOf` (dashboards-scope.ts); a role with nothing
 * to count gets no dashboard, not an error page.
 */
export function createDashboards(deps: StatisticsDeps) {
  const { db, clock } = deps;
  let departementList: Promise<Departement[]> | undefined;
  const allDepartements = () => {
    departementList ??= db.selectFrom('departements').select(['code', 'name']).orderBy('code').execute();
    return departementList;
  };

  const service = {
    /** The dashboards the actor has figures for, in menu order. */
    available(actor: Actor): DashboardKey[] {
      return DASHBOARDS.filter((d) => reachOf(actor, d) !== null);
    },

    /** Whose figures the actor sees on a dashboard; null: none. */
    reach(actor: Actor, dashboard: DashboardKey): Reach | null {
      return reachOf(actor, dashboard);
    },

    breakdowns(dashboard: DashboardKey): string[] {
      return Object.keys(BREAKDOWNS[dashboard]);
    },

    /** The period shown first (the last twelve months), every département of the reach, every chart. */
    defaults(): DashboardFilter {
      return { ...defaultPeriod(clock.now()), departement: '', breakdown: '' };
    },

    /** The départements the filter offers: a departmental coordinator's own, everyone else's all. */
    async departements(actor: Actor, dashboard: DashboardKey): Promise<Departement[]> {
      const reach = reachOf(actor, dashboard);
      if (!reach) return [];
      const allowed = departementsAllowed(reach);
      const all = await allDepartements();
      return allowed === 'any' ? all : all.filter((d) => allowed.includes(d.code));
    },

    /**
     * The dashboard's charts (or the one picked) for the actor's reach. Bad filters throw a ValidationError with
     * one message per field; a role without figures here a ForbiddenError.
     */
    async charts(actor: Actor, dashboard: DashboardKey, input: DashboardFilter): Promise<Chart[]> {
      const reach = reachOf(actor, dashboard);
      if (!reach) throw new ForbiddenError('statistics.dashboards.errors.nothing');
      const known = new Set((await allDepartements()).map((d) => d.code));
      const now = clock.now();
      const filter = checkFilter(
        input,
        now,
        service.breakdowns(dashboard),
        departementsAllowed(reach),
        known,
      );
      const picked = Object.entries(BREAKDOWNS[dashboard]).filter(
        ([key]) => !filter.breakdown || key === filter.breakdown,
      );
      return Promise.all(
        picked.map(async ([breakdown, def]) => {
          const data = await def.query({ db, reach, filter, now });
          return {
            dashboard,
            breakdown,
            series: def.series,
            labels: def.labels,
            charted: def.charted ?? def.series.map((_, i) => i),
            snapshot: def.snapshot ?? false,
            rows: data.rows,
            total: data.total,
          };
        }),
      );
    },

    /**
     * One chart as CSV, the same rows as its table (total line included), numbers unformatted, with a BOM so that
     * spreadsheets read the accents. The breakdown is required here: one file per chart.
     */
    async csv(
      actor: Actor,
      dashboard: DashboardKey,
      input: DashboardFilter,
      label: (chart: Chart, row: ChartRow) => string,
    ): Promise<{ filename: string; body: string }> {
      if (!input.breakdown)
        throw new ValidationError({ breakdown: 'statistics.dashboards.errors.breakdownRequired' });
      const [chart] = await service.charts(actor, dashboard, input);
      if (!chart) throw new ValidationError({ breakdown: 'statistics.dashboards.errors.breakdown' });
      const today = parisDate(clock.now());
      const [from, to] = chart.snapshot ? [today, today] : [input.from, input.to];
      const lines = [...chart.rows, ...(chart.total ? [chart.total] : [])].map((row) => [
        from,
        to,
        row.key,
        label(chart, row),
        ...row.values.map((v) => (v === null ? '' : v)),
      ]);
      const body = `\uFEFF${stringify(lines, {
        header: true,
        columns: ['du', 'au', 'code', 'libelle', ...chart.series.map((s) => s.key)],
      })}`;
      const where = input.departement ? `-${input.departement}` : '';
      return { filename: `${dashboard}-${chart.breakdown}${where}-${from}-${to}.csv`, body };
    },
  };
  return service;
}

export type Dashboards = ReturnType<typeof createDashboards>;
