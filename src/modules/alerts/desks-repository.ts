import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, DesksTable, RoutingRulesTable } from '../../platform/db/schema.js';
import type { DeskDef, RuleDef } from './routing.js';

export interface DeskRow {
  id: string;
  name: string;
  organisation_id: string;
  organisation_name: string;
  organisation_type: string;
  organisation_departement: string | null;
  departements: string[];
  airports: string[];
  is_coordination: boolean;
  active: boolean;
  member_count: number;
}

/** Desks, their members and on-call windows, and routing rules: Kysely only. */
export function createDeskRepository(db: Kysely<DB>) {
  const deskQuery = (executor: Kysely<DB>) =>
    executor
      .selectFrom('desks')
      .innerJoin('organisations', 'organisations.id', 'desks.organisation_id')
      .select([
        'desks.id',
        'desks.name',
        'desks.organisation_id',
        'organisations.name as organisation_name',
        'organisations.type as organisation_type',
        'organisations.departement_code as organisation_departement',
        'desks.departements',
        'desks.airports',
        'desks.is_coordination',
        'desks.active',
        (eb) => eb.selectFrom('desk_members').select(eb.fn.countAll<number>().as('n')).whereRef('desk_members.desk_id', '=', 'desks.id').as('member_count'),
      ]);

  return {
    async listDesks(executor: Kysely<DB> = db): Promise<DeskRow[]> {
      const rows = await deskQuery(executor).orderBy('desks.is_coordination', 'desc').orderBy('organisations.name').orderBy('desks.name').execute();
      return rows.map((r) => ({ ...r, member_count: Number(r.member_count ?? 0) }));
    },
    async getDesk(id: string, executor: Kysely<DB> = db): Promise<DeskRow | undefined> {
      const row = await deskQuery(executor).where('desks.id', '=', id).executeTakeFirst();
      return row ? { ...row, member_count: Number(row.member_count ?? 0) } : undefined;
    },
    insertDesk(executor: Kysely<DB>, values: Insertable<DesksTable>) {
      return executor.insertInto('desks').values(values).returning('id').executeTakeFirstOrThrow();
    },
    async updateDesk(executor: Kysely<DB>, id: string, values: Updateable<DesksTable>) {
      await executor.updateTable('desks').set(values).where('id', '=', id).execute();
    },

    /** Routing's view of the desks: territory and competence. */
    async deskDefs(executor: Kysely<DB> = db): Promise<DeskDef[]> {
      const rows = await executor
        .selectFrom('desks')
        .innerJoin('organisations', 'organisations.id', 'desks.organisation_id')
        .select(['desks.id', 'organisations.type', 'desks.departements', 'desks.airports', 'desks.is_coordination', 'desks.active', 'organisations.active as organisation_active'])
        .execute();
      return rows.map((r) => ({
        id: r.id,
        organisationType: r.type,
        departements: r.departements,
        airports: r.airports,
        isCoordination: r.is_coordination,
        active: r.active && r.organisation_active,
      }));
    },

    members(deskId: string) {
      return db
        .selectFrom('desk_members')
        .innerJoin('users', 'users.id', 'desk_members.user_id')
        .select(['users.id', 'users.display_name', 'users.email', 'users.status'])
        .where('desk_members.desk_id', '=', deskId)
        .orderBy('users.display_name')
        .execute();
    },
    async addMember(executor: Kysely<DB>, deskId: string, userId: string) {
      await executor.insertInto('desk_members').values({ desk_id: deskId, user_id: userId }).onConflict((oc) => oc.doNothing()).execute();
    },
    async removeMember(executor: Kysely<DB>, deskId: string, userId: string): Promise<boolean> {
      await executor.deleteFrom('desk_shifts').where('desk_id', '=', deskId).where('user_id', '=', userId).execute();
      const result = await executor.deleteFrom('desk_members').where('desk_id', '=', deskId).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    /** The desks a user is a member of (active ones). */
    async desksOf(userId: string): Promise<Array<{ id: string; name: string; is_coordination: boolean }>> {
      return db
        .selectFrom('desk_members')
        .innerJoin('desks', 'desks.id', 'desk_members.desk_id')
        .select(['desks.id', 'desks.name', 'desks.is_coordination'])
        .where('desk_members.user_id', '=', userId)
        .where('desks.active', '=', true)
        .orderBy('desks.name')
        .execute();
    },

    shifts(deskId: string) {
      return db
        .selectFrom('desk_shifts')
        .innerJoin('users', 'users.id', 'desk_shifts.user_id')
        .select(['desk_shifts.id', 'desk_shifts.user_id', 'users.display_name', 'desk_shifts.weekdays', 'desk_shifts.start_minute', 'desk_shifts.end_minute'])
        .where('desk_shifts.desk_id', '=', deskId)
        .orderBy('users.display_name')
        .orderBy('desk_shifts.start_minute')
        .execute();
    },
    async addShift(executor: Kysely<DB>, values: { desk_id: string; user_id: string; weekdays: number[]; start_minute: number; end_minute: number }) {
      await executor.insertInto('desk_shifts').values(values).execute();
    },
    async removeShift(executor: Kysely<DB>, deskId: string, shiftId: string): Promise<boolean> {
      const result = await executor.deleteFrom('desk_shifts').where('id', '=', shiftId).where('desk_id', '=', deskId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** Members of the desks with their on-call windows (empty when they have none), for notifications. */
    async membersWithShifts(executor: Kysely<DB>, deskIds: readonly string[]) {
      if (deskIds.length === 0) return [];
      const members = await executor
        .selectFrom('desk_members')
        .innerJoin('users', 'users.id', 'desk_members.user_id')
        .select(['desk_members.desk_id', 'users.id as user_id', 'users.email', 'users.locale'])
        .where('desk_members.desk_id', 'in', [...deskIds])
        .where('users.status', '=', 'active')
        .execute();
      const shifts = await executor
        .selectFrom('desk_shifts')
        .select(['desk_id', 'user_id', 'weekdays', 'start_minute', 'end_minute'])
        .where('desk_id', 'in', [...deskIds])
        .execute();
      return members.map((m) => ({
        ...m,
        windows: shifts
          .filter((s) => s.desk_id === m.desk_id && s.user_id === m.user_id)
          .map((s) => ({ weekdays: s.weekdays, startMinute: s.start_minute, endMinute: s.end_minute })),
      }));
    },

    listRules(executor: Kysely<DB> = db) {
      return executor.selectFrom('routing_rules').selectAll().orderBy('active', 'desc').orderBy('name').execute();
    },
    getRule(id: string) {
      return db.selectFrom('routing_rules').selectAll().where('id', '=', id).executeTakeFirst();
    },
    insertRule(executor: Kysely<DB>, values: Insertable<RoutingRulesTable>) {
      return executor.insertInto('routing_rules').values(values).returning('id').executeTakeFirstOrThrow();
    },
    async updateRule(executor: Kysely<DB>, id: string, values: Updateable<RoutingRulesTable>) {
      await executor.updateTable('routing_rules').set(values).where('id', '=', id).execute();
    },
    async ruleDefs(executor: Kysely<DB> = db): Promise<RuleDef[]> {
      const rows = await executor.selectFrom('routing_rules').selectAll().where('active', '=', true).execute();
      return rows.map((r) => ({
        id: r.id,
        departements: r.departements,
        airports: r.airports,
        minorsOnly: r.minors_only,
        forms: r.exploitation_forms,
        contexts: r.contexts,
        deskIds: r.desk_ids,
        competence: r.competence,
        ackMinutes: r.ack_minutes,
        escalationDeskIds: r.escalation_desk_ids,
      }));
    },
  };
}

export type DeskRepository = ReturnType<typeof createDeskRepository>;
