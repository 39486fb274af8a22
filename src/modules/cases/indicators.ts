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
      const end = sql`(${to}::date + 1)`;
      const { rows } = await sql<Indicators['rows'][number]>`
        WITH tagged AS (
          SELECT c.id, c.opened_at, t.tag FROM cases c CROSS JOIN LATERAL unnest(c.pilot_tags) AS t(tag)
          WHERE (${period.tag ?? null}::text IS NULL OR t.tag = ${period.tag ?? null})
        )
        SELECT tag,
          count(DISTINCT id) FILTER (WHERE opened_at >= ${from}::date AND opened_at < ${end})::int AS entries,
          (SELECT count(*) FROM case_links l JOIN tagged x ON x.id = l.case_id
            WHERE x.tag = g.tag AND l.kind = 'placement' AND l.linked_at >= ${from}::date AND l.linked_at < ${end})::int AS placements,
          (SELECT count(*) FROM case_events e JOIN tagged x ON x.id = e.case_id
            WHERE x.tag = g.tag AND e.kind = 'runaway' AND e.occurred_on BETWEEN ${from}::date AND ${to}::date)::int AS runaways,
          (SELECT count(*) FROM case_events e JOIN tagged x ON x.id = e.case_id
            WHERE x.tag = g.tag AND e.kind = 'return' AND e.occurred_on BETWEEN ${from}::date AND ${to}::date)::int AS returns,
          (SELECT count(*) FROM case_events e JOIN tagged x ON x.id = e.case_id
            WHERE x.tag = g.tag AND e.kind = 'trial' AND e.occurred_on BETWEEN ${from}::date AND ${to}::date)::int AS trials,
          (SELECT count(*) FROM case_events e JOIN tagged x ON x.id = e.case_id
            WHERE x.tag = g.tag AND e.kind = 'trial' AND (e.details->>'present')::boolean IS TRUE
              AND e.occurred_on BETWEEN ${from}::date AND ${to}::date)::int AS "presentAtTrial",
          (SELECT count(*) FROM case_events e JOIN tagged x ON x.id = e.case_id
            WHERE x.tag = g.tag AND e.kind = 'closure' AND e.details->>'outcome' = 'autonomy'
              AND e.occurred_on BETWEEN ${from}::date AND ${to}::date)::int AS autonomy
        FROM tagged g
        GROUP BY tag
        ORDER BY tag`.execute(db);
      return { from, to, rows };
    },
  };
}

export type CaseIndicators = ReturnType<typeof createCaseIndicators>;
