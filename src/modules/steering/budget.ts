import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { BudgetLevel } from '../../platform/db/schema-steering.js';
import { ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';
import { isUuid, type Plans, requireSteer } from './plans.js';

export const BUDGET_LEVELS: readonly BudgetLevel[] = ['central', 'decentralised', 'national', 'unspecified'];

export interface BudgetInput {
  measureId: string;
  year: string;
  programme: string;
  action: string;
  level: string;
  planned: string;
  committed: string;
  spent: string;
  note: string;
  source: string;
}

/** Euros typed by people: "510 000", "3 000 000,50", "75000". Empty → null. */
export function parseEuros(value: string): number | null | 'invalid' {
  const text = value.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (text === '') return null;
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(text)) return 'invalid';
  return Number(text);
}

/** A plan's budget lines (programme, level, planned, committed and spent amounts). */
export function createBudget(deps: { db: Kysely<DB>; clock: Clock; plans: Plans }) {
  const { db, clock, plans } = deps;

  return {
    /** The plan's budget lines, by year, programme and level. */
    async lines(planId: string, actor: Actor | null) {
      const row = await plans.plan(planId, actor);
      return await db
        .selectFrom('budget_lines as b')
        .leftJoin('plan_measures as m', 'm.id', 'b.measure_id')
        .select([
          'b.id',
          'b.year',
          'b.programme',
          'b.action',
          'b.level',
          'b.planned',
          'b.committed',
          'b.spent',
          'b.note',
          'b.source',
          'b.measure_id',
          'm.number as measure_number',
        ])
        .where('b.plan_id', '=', row.id)
        .orderBy('b.year')
        .orderBy('b.programme')
        .orderBy('b.level')
        .execute();
    },

    /** A budget line; spent above committed is refused unless a note explains it. */
    async addLine(actor: Actor, audit: AuditContext, planId: string, input: BudgetInput) {
      requireSteer(actor);
      const row = await plans.plan(planId, actor);
      const errors: Record<string, string> = {};
      const year = Number(input.year);
      if (!(Number.isInteger(year) && year >= 2000 && year <= 2100)) errors.year = 'steering.errors.year';
      if (!input.programme.trim() || input.programme.length > 120)
        errors.programme = 'steering.errors.programme';
      if (input.action.length > 200) errors.action = 'steering.errors.long';
      if (!(BUDGET_LEVELS as readonly string[]).includes(input.level)) errors.level = 'steering.errors.level';
      const planned = parseEuros(input.planned);
      const committed = parseEuros(input.committed);
      const spent = parseEuros(input.spent);
      if (planned === null || planned === 'invalid') errors.planned = 'steering.errors.amount';
      if (committed === 'invalid') errors.committed = 'steering.errors.amount';
      if (spent === 'invalid') errors.spent = 'steering.errors.amount';
      if (
        typeof spent === 'number' &&
        typeof committed === 'number' &&
        spent > committed &&
        !input.note.trim()
      )
        errors.spent = 'steering.errors.overspent';
      if (input.note.length > 2000 || input.source.length > 500) errors.note = 'steering.errors.long';
      let measureId: string | null = null;
      if (input.measureId) {
        const m = isUuid(input.measureId)
          ? await db
              .selectFrom('plan_measures')
              .select('id')
              .where('id', '=', input.measureId)
              .where('plan_id', '=', row.id)
              .executeTakeFirst()
          : undefined;
        if (!m) errors.measureId = 'steering.errors.measure';
        else measureId = m.id;
      }
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      await db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('budget_lines')
          .values({
            plan_id: row.id,
            measure_id: measureId,
            year,
            programme: input.programme.trim(),
            action: input.action.trim(),
            level: input.level as BudgetLevel,
            planned: planned as number,
            committed: committed as number | null,
            spent: spent as number | null,
            note: input.note.trim(),
            source: input.source.trim(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(
          trx,
          audit,
          { action: 'plan.budget.create', targetType: 'budget_line', targetId: id },
          clock.now(),
        );
      });
    },
  };
}

export type Budget = ReturnType<typeof createBudget>;
