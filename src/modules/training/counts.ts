import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import { ValidationError } from '../../platform/http/errors.js';
import { parisDate } from '../../platform/time/paris.js';
import type { TrainingDeps } from './deps.js';
import { isCategory } from './reference.js';

export interface CountsFilter {
  from: string;
  to: string;
  category: string;
  departementCode: string;
}

export interface CountRow {
  category: string;
  departement_code: string | null;
  session: number;
  distance: number;
  total: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** People trained (certificates of both kinds) per category × département over a period of Paris days. */
export function createCounts(deps: TrainingDeps) {
  const { db, clock } = deps;
  const service = {
    /** The period shown first: from the 1st of January to today (Paris). */
    defaults(): CountsFilter {
      const today = parisDate(clock.now());
      return { from: `${today.slice(0, 4)}-01-01`, to: today, category: '', departementCode: '' };
    },

    /** Checks a period: real days, the end not before the start, not starting in the future. */
    parse(filter: CountsFilter) {
      const errors: Record<string, string> = {};
      const valid = (d: string) => DAY.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
      if (!valid(filter.from)) errors.from = 'training.counts.errors.date';
      if (!valid(filter.to)) errors.to = 'training.counts.errors.date';
      const today = parisDate(clock.now());
      if (!errors.from && filter.from > today) errors.from = 'training.counts.errors.future';
      if (!errors.from && !errors.to && filter.to < filter.from)
        errors.to = 'training.counts.errors.endBeforeStart';
      if (filter.category && !isCategory(filter.category))
        errors.category = 'training.counts.errors.category';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      return filter;
    },

    async count(input: CountsFilter): Promise<CountRow[]> {
      const filter = service.parse(input);
      const { rows } = await sql<CountRow>`SELECT category, departement_code,
          count(*) FILTER (WHERE kind = 'session')::int AS session,
          count(*) FILTER (WHERE kind = 'distance')::int AS distance,
          count(*)::int AS total
        FROM training_certificates
        WHERE (issued_at AT TIME ZONE 'Europe/Paris')::date BETWEEN ${filter.from}::date AND ${filter.to}::date
          AND (${filter.category || null}::text IS NULL OR category = ${filter.category || null}::text)
          AND (${filter.departementCode || null}::text IS NULL OR departement_code = ${filter.departementCode || null}::text)
        GROUP BY category, departement_code
        ORDER BY category, departement_code NULLS LAST`.execute(db);
      return rows;
    },

    /** The same counts as CSV (with a BOM, so spreadsheets read the accents). */
    async csv(input: CountsFilter, label: (category: string) => string): Promise<string> {
      const rows = await service.count(input);
      return `\uFEFF${stringify(
        rows.map((r) => [
          input.from,
          input.to,
          label(r.category),
          r.departement_code ?? '',
          r.session,
          r.distance,
          r.total,
        ]),
        {
          header: true,
          columns: ['du', 'au', 'categorie', 'departement', 'sessions', 'a_distance', 'total'],
        },
      )}`;
    },
  };
  return service;
}
