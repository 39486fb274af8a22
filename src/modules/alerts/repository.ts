import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { AlertEventsTable, AlertPersonsTable, AlertRecipientsTable, AlertsTable, DB } from '../../platform/db/schema.js';

export type AlertRow = Selectable<AlertsTable>;

export interface ListFilter {
  /** Alerts routed to one of these desks. */
  deskIds?: readonly string[];
  /** Alerts raised by this user. */
  reporterId?: string;
  /** Alerts located in these départements (undefined: everywhere). */
  departements?: readonly string[] | undefined;
  openOnly: boolean;
  limit: number;
}

/**
 * The reminder rule, one statement for the sweep's list and for the check under an alert's lock: not closed, and no
 * event since `before`. A `notified` event is no news: it echoes the event that caused it, written whenever the
 * worker gets to the mail (a late worker must not put a reminder off).
 */
function quiet(executor: Kysely<DB>, before: Date) {
  return executor
    .selectFrom('alerts')
    .select(['alerts.id'])
    .where('alerts.status', '<>', 'closed')
    .where((eb) =>
      eb(
        eb
          .selectFrom('alert_events as e')
          .select((e) => e.fn.max('e.occurred_at').as('m'))
          .whereRef('e.alert_id', '=', 'alerts.id')
          .where('e.kind', '<>', 'notified'),
        '<=',
        before,
      ),
    );
}

/** Kysely queries of the alerts; services own transactions and pass them in. */
export function createAlertRepository(db: Kysely<DB>) {
  return {
    async nextReference(executor: Kysely<DB>, year: number): Promise<string> {
      const { rows } = await sql<{ n: number }>`SELECT nextval('alert_reference_seq')::int AS n`.execute(executor);
      return `ALR-${year}-${String(rows[0]!.n).padStart(6, '0')}`;
    },

    /** Claims an idempotency key; returns the earlier claim when the key was already used. */
    async claimKey(executor: Kysely<DB>, scope: string, key: string, requestHash: string, resourceId: string) {
      const inserted = await executor
        .insertInto('idempotency_keys')
        .values({ scope, key, request_hash: requestHash, resource_id: resourceId })
        .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
        .returning('resource_id')
        .executeTakeFirst();
      if (inserted) return undefined;
      return executor.selectFrom('idempotency_keys').select(['request_hash', 'resource_id']).where('scope', '=', scope).where('key', '=', key).executeTakeFirstOrThrow();
    },

    async insertAlert(
      executor: Kysely<DB>,
      alert: Insertable<AlertsTable>,
      persons: Array<Omit<Insertable<AlertPersonsTable>, 'alert_id'>>,
      recipients: Array<Insertable<AlertRecipientsTable>>,
    ): Promise<void> {
      await executor.insertInto('alerts').values(alert).execute();
      await executor.insertInto('alert_persons').values(persons.map((p) => ({ ...p, alert_id: alert.id! }))).execute();
      await executor.insertInto('alert_recipients').values(recipients).execute();
    },

    async addEvent(executor: Kysely<DB>, event: Insertable<AlertEventsTable>): Promise<void> {
      await executor.insertInto('alert_events').values(event).execute();
    },

    get(executor: Kysely<DB>, id: string, forUpdate = false): Promise<AlertRow | undefined> {
      let query = executor.selectFrom('alerts').selectAll().where('id', '=', id);
      if (forUpdate) query = query.forUpdate();
      return query.executeTakeFirst();
    },

    persons(alertId: string) {
      return db.selectFrom('alert_persons').selectAll().where('alert_id', '=', alertId).orderBy('position').execute();
    },

    recipients(executor: Kysely<DB>, alertId: string) {
      return executor
        .selectFrom('alert_recipients')
        .innerJoin('desks', 'desks.id', 'alert_recipients.desk_id')
        .innerJoin('organisations', 'organisations.id', 'desks.organisation_id')
        .select([
          'alert_recipients.desk_id',
          'alert_recipients.role',
          'alert_recipients.level',
          'alert_recipients.rule_id',
          'alert_recipients.routed_at',
          'alert_recipients.deadline_at',
          'alert_recipients.acknowledged_at',
          'desks.name as desk_name',
          'desks.is_coordination',
          'organisations.name as organisation_name',
        ])
        .where('alert_recipients.alert_id', '=', alertId)
        .orderBy('alert_recipients.level')
        .orderBy('alert_recipients.routed_at')
        .execute();
    },

    async addRecipients(executor: Kysely<DB>, recipients: Array<Insertable<AlertRecipientsTable>>): Promise<void> {
      if (recipients.length === 0) return;
      await executor
        .insertInto('alert_recipients')
        .values(recipients)
        .onConflict((oc) =>
          oc.columns(['alert_id', 'desk_id']).doUpdateSet((eb) => ({
            role: eb.ref('excluded.role'),
            level: eb.ref('excluded.level'),
            deadline_at: eb.ref('excluded.deadline_at'),
            acknowledged_at: null,
            acknowledged_by: null,
          })),
        )
        .execute();
    },

    async acknowledge(executor: Kysely<DB>, alertId: string, deskId: string, userId: string, at: Date): Promise<boolean> {
      const result = await executor
        .updateTable('alert_recipients')
        .set({ acknowledged_at: at, acknowledged_by: userId })
        .where('alert_id', '=', alertId)
        .where('desk_id', '=', deskId)
        .where('acknowledged_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    timeline(alertId: string) {
      return db
        .selectFrom('alert_events')
        .leftJoin('users', 'users.id', 'alert_events.actor_user_id')
        .leftJoin('desks as d', 'd.id', 'alert_events.desk_id')
        .leftJoin('desks as t', 't.id', 'alert_events.target_desk_id')
        .select([
          'alert_events.id',
          'alert_events.occurred_at',
          'alert_events.kind',
          'alert_events.details',
          'alert_events.note',
          'users.display_name as actor_name',
          'd.name as desk_name',
          't.name as target_desk_name',
        ])
        .where('alert_events.alert_id', '=', alertId)
        .orderBy('alert_events.id')
        .execute();
    },

    async update(executor: Kysely<DB>, id: string, values: Partial<Pick<AlertRow, 'status' | 'lead_desk_id' | 'outcome' | 'closed_at' | 'acknowledged_at' | 'escalation_level' | 'updated_at'>>) {
      await executor.updateTable('alerts').set(values).where('id', '=', id).execute();
    },

    /** Alerts for a list page, each with the caller's earliest pending deadline and the lead desk's name. */
    async list(filter: ListFilter, myDeskIds: readonly string[]) {
      let query = db
        .selectFrom('alerts')
        .leftJoin('desks as lead', 'lead.id', 'alerts.lead_desk_id')
        .selectAll('alerts')
        .select((eb) => [
          'lead.name as lead_desk_name',
          (myDeskIds.length > 0
            ? eb
                .selectFrom('alert_recipients as r')
                .select((e) => e.fn.min('r.deadline_at').as('d'))
                .whereRef('r.alert_id', '=', 'alerts.id')
                .where('r.desk_id', 'in', [...myDeskIds])
                .where('r.acknowledged_at', 'is', null)
                .where('r.role', '=', 'responder')
            : eb.val(null)
          ).as('my_deadline_at'),
        ]);
      query = query.where((eb) => {
        const branches = [];
        if (filter.deskIds && filter.deskIds.length > 0) {
          const desks = [...filter.deskIds];
          branches.push(eb.exists(eb.selectFrom('alert_recipients as rr').select('rr.desk_id').whereRef('rr.alert_id', '=', 'alerts.id').where('rr.desk_id', 'in', desks)));
        }
        if (filter.reporterId) branches.push(eb('alerts.reporter_user_id', '=', filter.reporterId));
        if (filter.departements !== undefined) {
          if (filter.departements.length > 0) branches.push(eb('alerts.departement_code', 'in', [...filter.departements]));
        } else if (!filter.deskIds && !filter.reporterId) {
          branches.push(eb.val(true));
        }
        return branches.length > 0 ? eb.or(branches) : eb.val(false);
      });
      if (filter.openOnly) query = query.where('alerts.status', '<>', 'closed');
      return query
        .orderBy(sql`CASE WHEN alerts.status = 'closed' THEN 1 ELSE 0 END`)
        .orderBy('alerts.created_at', 'desc')
        .limit(filter.limit)
        .execute();
    },

    /** Open alerts whose current level has a passed, unacknowledged responder deadline. */
    dueForEscalation(now: Date) {
      return db
        .selectFrom('alerts')
        .select(['alerts.id'])
        .where('alerts.status', '=', 'open')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('alert_recipients as r')
              .select('r.desk_id')
              .whereRef('r.alert_id', '=', 'alerts.id')
              .whereRef('r.level', '=', 'alerts.escalation_level')
              .where('r.role', '=', 'responder')
              .where('r.acknowledged_at', 'is', null)
              .where('r.deadline_at', '<=', now),
          ),
        )
        .orderBy('alerts.created_at')
        .limit(200)
        .execute();
    },

    /** Alerts not closed whose last event is older than `before`, for reminders. */
    dueForReminder(before: Date) {
      return quiet(db, before).limit(200).execute();
    },

    /** Whether an alert is still not closed and quiet since `before` (read under the alert's lock before a reminder). */
    async quietSince(executor: Kysely<DB>, alertId: string, before: Date): Promise<boolean> {
      return (await quiet(executor, before).where('alerts.id', '=', alertId).executeTakeFirst()) !== undefined;
    },

    /** The earliest pending deadline, to schedule the next escalation sweep. */
    async nextDeadline(): Promise<Date | undefined> {
      const row = await db
        .selectFrom('alert_recipients')
        .innerJoin('alerts', 'alerts.id', 'alert_recipients.alert_id')
        .select((eb) => eb.fn.min('alert_recipients.deadline_at').as('d'))
        .where('alerts.status', '=', 'open')
        .where('alert_recipients.acknowledged_at', 'is', null)
        .where('alert_recipients.role', '=', 'responder')
        .executeTakeFirst();
      return (row?.d as Date | null) ?? undefined;
    },
  };
}

export type AlertRepository = ReturnType<typeof createAlertRepository>;
