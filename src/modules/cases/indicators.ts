import { sql } from 'kysely';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import { ForbiddenError, ValidationError } from '../../platform/http/errors.js';
import type { CaseDeps } from './deps.js';
import { isDate } from './files.js';
import type { Indicators } from './schemas.js';

/**
 * Pilot indicators computed from the files, per pilot tag and period: entries, placements, runaways, returns,
 * trials and presence at them, exits to autonomy. Pseudonymous rows only: anonymised files still count.
 */
export function createCaseIndicators(deps: Pick<CaseDeps, 'db'>) {
  const { db } = deps;
  return {
    async compute(
      actor: Actor,
      period: { from: string; to: string; tag?: string | undefined },
    ): Promise<Indicators> {
      if (!hasRole(actor, 'coordinator', 'national_admin')) throw new ForbiddenError();
      const errors: Record<string, string> = {};
      if (!isDate(period.from)) errors.from = 'cases.errors.date';
      if (!isDate(period.to)) errors.to = 'cases.errors.date';
      if (isDate(period.from) && isDate(period.to) && period.to < period.from)
        errors.to = 'cases.errors.endsBefore';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const { from, to } = period;
      // Days are Paris days, like the journal's dates. One pass per table: the period's entries of each tagged file counted once, then summed by tag. (The first
      // version, a subquery per figure, scanned the journal seven times and crossed PostgreSQL's JIT threshold:
      // 0.8 s on 10,000 files; see bench/RESULTS.md.)
      const tag = period.tag ?? null;
      const { rows } = await sql<Indicators['rows'][number]>`
        WITH tagged AS (
          SELECT c.id, c.opened_at, t.tag FROM cases c CROSS JOIN LATERAL unnest(c.pilot_tags) AS t(tag)
          WHERE (${tag}::text IS NULL OR t.tag = ${tag})
        ),
        ev AS (
          SELECT e.case_id,
            count(*) FILTER (WHERE e.kind = 'runaway') AS runaways,
            count(*) FILTER (WHERE e.kind = 'return') AS returns,
            count(*) FILTER (WHERE e.kind = 'trial') AS trials,
            count(*) FILTER (WHERE e.kind = 'trial' AND (e.details->>'present')::boolean IS TRUE) AS present,
            count(*) FILTER (WHERE e.kind = 'closure' AND e.details->>'outcome' = 'autonomy') AS autonomy
          FROM case_events e
          WHERE e.kind IN ('runaway', 'return', 'trial', 'closure') AND e.occurred_on BETWEEN ${from}::date AND ${to}::date
            AND e.case_id IN (SELECT id FROM tagged)
          GROUP BY e.case_id
        ),
        pl AS (
          SELECT l.case_id, count(*) AS placements FROM case_links l
          WHERE l.kind = 'placement' AND (l.linked_at AT TIME ZONE 'Europe/Paris')::date BETWEEN ${from}::date AND ${to}::date
            AND l.case_id IN (SELECT id FROM tagged)
          GROUP BY l.case_id
        )
        SELECT g.tag,
          count(*) FILTER (WHERE (g.opened_at AT TIME ZONE 'Europe/Paris')::date BETWEEN ${from}::date AND ${to}::date)::int AS entries,
          COALESCE(sum(pl.placements), 0)::int AS placements,
          COALESCE(sum(ev.runaways), 0)::int AS runaways,
          COALESCE(sum(ev.returns), 0)::int AS returns,
          COALESCE(sum(ev.trials), 0)::int AS trials,
          COALESCE(sum(ev.present), 0)::int AS "presentAtTrial",
          COALESCE(sum(ev.autonomy), 0)::int AS autonomy
        FROM tagged g
        LEFT JOIN ev ON ev.case_id = g.id
        LEFT JOIN pl ON pl.case_id = g.id
        GROUP BY g.tag
        ORDER BY g.tag`.execute(db);
      return { from, to, rows };
    },
  };
}

export type CaseIndicators = ReturnType<typeof createCaseIndicators>;
