import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { MeetingKind } from '../../platform/db/schema-steering.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';
import { addDays, fromParisLocalInput } from '../../platform/time/paris.js';
import { isDay, isUuid, maySteer } from '../steering/plans.js';
import { parseAgenda } from './agenda.js';

export const MEETING_KINDS: readonly MeetingKind[] = ['plenary', 'institutions', 'delegation', 'other'];

/** The collective's space: its member associations and the coordination. */
export const mayReadCollective = (actor: Actor | null | undefined) =>
  hasRole(actor, 'collective_member') || maySteer(actor);
/** Meetings are organised by the national coordination. */
export const mayOrganise = (actor: Actor | null | undefined) => maySteer(actor);

export interface MeetingInput {
  kind: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string;
  agenda: string;
  summary: string;
  minutes: string;
  status: string;
  nextMeetingId: string;
  /** A day (or days) without hours: the dates of startsAt and endsAt count, midnight to midnight in Paris. */
  allDay: boolean;
}

export function createMeetings(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;

  function check(input: MeetingInput) {
    const errors: Record<string, string> = {};
    if (!(MEETING_KINDS as readonly string[]).includes(input.kind)) errors.kind = 'collective.errors.kind';
    if (!input.title.trim() || input.title.length > 300) errors.title = 'collective.errors.title';
    const day = (value: string) => (/^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null);
    const startDay = day(input.startsAt);
    const endDay = day(input.endsAt || input.startsAt);
    const startsAt = input.allDay
      ? startDay && isDay(startDay)
        ? fromParisLocalInput(`${startDay}T00:00`)
        : undefined
      : fromParisLocalInput(input.startsAt);
    const endsAt = input.allDay
      ? endDay && isDay(endDay)
        ? fromParisLocalInput(`${addDays(endDay, 1)}T00:00`)
        : undefined
      : fromParisLocalInput(input.endsAt);
    if (!startsAt) errors.startsAt = 'collective.errors.dateTime';
    if (!endsAt) errors.endsAt = 'collective.errors.dateTime';
    if (startsAt && endsAt && endsAt <= startsAt) errors.endsAt = 'collective.errors.endsBeforeStart';
    if (startsAt && endsAt && endsAt.getTime() - startsAt.getTime() > 3 * 86_400_000)
      errors.endsAt = 'collective.errors.tooLong';
    if (input.place.length > 300) errors.place = 'collective.errors.long';
    const agenda = parseAgenda(input.agenda);
    if (agenda === null) errors.agenda = 'collective.errors.agenda';
    if (input.summary.length > 20_000 || input.minutes.length > 100_000)
      errors.minutes = 'collective.errors.long';
    if (!['planned', 'held', 'cancelled'].includes(input.status)) errors.status = 'collective.errors.status';
    if (input.nextMeetingId && !isUuid(input.nextMeetingId)) errors.nextMeetingId = 'collective.errors.next';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return {
      kind: input.kind as MeetingKind,
      title: input.title.trim(),
      starts_at: startsAt!,
      ends_at: endsAt!,
      all_day: input.allDay,
      place: input.place.trim(),
      agenda: JSON.stringify(agenda),
      summary: input.summary.trim(),
      minutes: input.minutes.trim(),
      status: input.status as 'planned' | 'held' | 'cancelled',
      next_meeting_id: input.nextMeetingId || null,
    };
  }

  async function get(actor: Actor | null, id: string) {
    if (!mayReadCollective(actor)) throw new ForbiddenError();
    const row = isUuid(id)
      ? await db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!row) throw new NotFoundError();
    return row;
  }

  return {
    get,

    async list(actor: Actor | null) {
      if (!mayReadCollective(actor)) throw new ForbiddenError();
      return await db.selectFrom('meetings').selectAll().orderBy('starts_at', 'desc').execute();
    },

    /** For calendar feeds: every meeting not cancelled, and the cancelled ones so that calendars drop them. */
    async forCalendar() {
      return await db.selectFrom('meetings').selectAll().orderBy('starts_at').execute();
    },

    /** A meeting with its invited and attending organisations, registrations, decisions and actions. */
    async detail(actor: Actor | null, id: string) {
      const meeting = await get(actor, id);
      const orgs = (table: 'meeting_invitations' | 'meeting_attendance') =>
        db
          .selectFrom('organisations as o')
          .select(['o.id', 'o.name'])
          .where(
            'o.id',
            'in',
            db.selectFrom(table).select('organisation_id').where('meeting_id', '=', meeting.id),
          )
          .orderBy('o.name')
          .execute();
      const [invited, attending, registrations, items, next] = await Promise.all([
        orgs('meeting_invitations'),
        orgs('meeting_attendance'),
        db
          .selectFrom('meeting_registrations as r')
          .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
          .select(['r.user_id', 'o.name as organisation'])
          .where('r.meeting_id', '=', meeting.id)
          .execute(),
        db
          .selectFrom('meeting_items as i')
          .leftJoin('organisations as o', 'o.id', 'i.owner_organisation_id')
          .select(['i.id', 'i.kind', 'i.text', 'i.due_on', 'i.done_on', 'o.name as owner'])
          .where('i.meeting_id', '=', meeting.id)
          .orderBy('i.position')
          .execute(),
        meeting.next_meeting_id
          ? db
              .selectFrom('meetings')
              .select(['id', 'title', 'starts_at', 'ends_at', 'all_day'])
              .where('id', '=', meeting.next_meeting_id)
              .executeTakeFirst()
          : undefined,
      ]);
      const registered = registrations.some((r) => r.user_id === actor?.userId);
      const registeredOrganisations = [...new Set(registrations.map((r) => r.organisation))].sort();
      return { meeting, invited, attending, registered, registeredOrganisations, items, next: next ?? null };
    },

    /** The "À suivre" list: open actions of every meeting and the meetings to come. */
    async followUp(actor: Actor | null) {
      if (!mayReadCollective(actor)) throw new ForbiddenError();
      const [actions, upcoming] = await Promise.all([
        db
          .selectFrom('meeting_items as i')
          .innerJoin('meetings as m', 'm.id', 'i.meeting_id')
          .leftJoin('organisations as o', 'o.id', 'i.owner_organisation_id')
          .select([
            'i.id',
            'i.text',
            'i.due_on',
            'o.name as owner',
            'm.id as meeting_id',
            'm.title as meeting',
          ])
          .where('i.kind', '=', 'action')
          .where('i.done_on', 'is', null)
          .orderBy('i.due_on')
          .execute(),
        db
          .selectFrom('meetings')
          .select(['id', 'title', 'starts_at', 'ends_at', 'all_day', 'place', 'kind'])
          .where('starts_at', '>=', clock.now())
          .where('status', '=', 'planned')
          .orderBy('starts_at')
          .execute(),
      ]);
      return { actions, upcoming };
    },

    async members() {
      return await db
        .selectFrom('collective_members as c')
        .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
        .select(['o.id', 'o.name', 'o.short_name', 'c.joined_on'])
        .orderBy('o.name')
        .execute();
    },

    async save(actor: Actor, audit: AuditContext, id: string | null, input: MeetingInput) {
      if (!mayOrganise(actor)) throw new ForbiddenError();
      const values = check(input);
      if (values.next_meeting_id) {
        const next = await db
          .selectFrom('meetings')
          .select(['id', 'starts_at'])
          .where('id', '=', values.next_meeting_id)
          .executeTakeFirst();
        if (!next || next.id === id || next.starts_at <= values.starts_at)
          throw new ValidationError({ nextMeetingId: 'collective.errors.next' });
      }
      if (id) await get(actor, id);
      return await db.transaction().execute(async (trx) => {
        let meetingId = id;
        if (meetingId) {
          const current = await trx
            .selectFrom('meetings')
            .select('sequence')
            .where('id', '=', meetingId)
            .executeTakeFirstOrThrow();
          await trx
            .updateTable('meetings')
            .set({ ...values, sequence: current.sequence + 1, updated_at: clock.now() })
            .where('id', '=', meetingId)
            .execute();
        } else {
          meetingId = (
            await trx.insertInto('meetings').values(values).returning('id').executeTakeFirstOrThrow()
          ).id;
          // The collective's members are invited by default.
          const members = await trx.selectFrom('collective_members').select('organisation_id').execute();
          if (members.length > 0)
            await trx
              .insertInto('meeting_invitations')
              .values(members.map((m) => ({ meeting_id: meetingId!, organisation_id: m.organisation_id })))
              .execute();
        }
        await appendAudit(
          trx,
          audit,
          { action: id ? 'meeting.update' : 'meeting.create', targetType: 'meeting', targetId: meetingId },
          clock.now(),
        );
        return meetingId;
      });
    },

    /** A member registers (or unregisters) for a meeting to come, in the name of its organisation. */
    async register(actor: Actor, audit: AuditContext, id: string, register: boolean) {
      const meeting = await get(actor, id);
      if (meeting.status !== 'planned' || meeting.starts_at <= clock.now())
        throw new ConflictError('collective.errors.closed');
      await db.transaction().execute(async (trx) => {
        if (register)
          await trx
            .insertInto('meeting_registrations')
            .values({
              meeting_id: meeting.id,
              user_id: actor.userId,
              organisation_id: actor.organisation.id,
              registered_at: clock.now(),
            })
            .onConflict((oc) => oc.doNothing())
            .execute();
        else
          await trx
            .deleteFrom('meeting_registrations')
            .where('meeting_id', '=', meeting.id)
            .where('user_id', '=', actor.userId)
            .execute();
        await appendAudit(
          trx,
          audit,
          {
            action: register ? 'meeting.register' : 'meeting.unregister',
            targetType: 'meeting',
            targetId: meeting.id,
          },
          clock.now(),
        );
      });
    },

    async setAttendance(actor: Actor, audit: AuditContext, id: string, organisationIds: readonly string[]) {
      if (!mayOrganise(actor)) throw new ForbiddenError();
      const meeting = await get(actor, id);
      const ids = [...new Set(organisationIds)].filter(isUuid);
      const known = ids.length
        ? await db.selectFrom('organisations').select('id').where('id', 'in', ids).execute()
        : [];
      if (known.length !== organisationIds.length)
        throw new ValidationError({ attending: 'collective.errors.organisation' });
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('meeting_attendance').where('meeting_id', '=', meeting.id).execute();
        if (known.length > 0)
          await trx
            .insertInto('meeting_attendance')
            .values(known.map((o) => ({ meeting_id: meeting.id, organisation_id: o.id })))
            .execute();
        await appendAudit(
          trx,
          audit,
          {
            action: 'meeting.attendance',
            targetType: 'meeting',
            targetId: meeting.id,
            details: { organisations: known.length },
          },
          clock.now(),
        );
      });
    },

    async addItem(
      actor: Actor,
      audit: AuditContext,
      id: string,
      input: { kind: string; text: string; ownerOrganisationId: string; dueOn: string },
    ) {
      if (!mayOrganise(actor)) throw new ForbiddenError();
      const meeting = await get(actor, id);
      const errors: Record<string, string> = {};
      if (!['decision', 'action'].includes(input.kind)) errors.kind = 'collective.errors.itemKind';
      if (!input.text.trim() || input.text.length > 2000) errors.text = 'collective.errors.itemText';
      if (input.dueOn && !isDay(input.dueOn)) errors.dueOn = 'collective.errors.date';
      let owner: string | null = null;
      if (input.ownerOrganisationId) {
        const o = isUuid(input.ownerOrganisationId)
          ? await db
              .selectFrom('organisations')
              .select('id')
              .where('id', '=', input.ownerOrganisationId)
              .executeTakeFirst()
          : undefined;
        if (!o) errors.ownerOrganisationId = 'collective.errors.organisation';
        owner = o?.id ?? null;
      }
      if (input.kind === 'action' && !owner && !errors.ownerOrganisationId)
        errors.ownerOrganisationId = 'collective.errors.owner';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      await db.transaction().execute(async (trx) => {
        const { count } = await trx
          .selectFrom('meeting_items')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('meeting_id', '=', meeting.id)
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('meeting_items')
          .values({
            meeting_id: meeting.id,
            kind: input.kind as 'decision' | 'action',
            text: input.text.trim(),
            owner_organisation_id: owner,
            due_on: input.dueOn || null,
            position: Number(count),
          })
          .execute();
        await appendAudit(
          trx,
          audit,
          { action: 'meeting.item.create', targetType: 'meeting', targetId: meeting.id },
          clock.now(),
        );
      });
    },

    async closeItem(actor: Actor, audit: AuditContext, id: string, itemId: string) {
      if (!mayOrganise(actor)) throw new ForbiddenError();
      const meeting = await get(actor, id);
      if (!isUuid(itemId)) throw new NotFoundError();
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('meeting_items')
          .set({ done_on: new Date(clock.now()).toISOString().slice(0, 10) })
          .where('id', '=', itemId)
          .where('meeting_id', '=', meeting.id)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) throw new NotFoundError();
        await appendAudit(
          trx,
          audit,
          { action: 'meeting.item.done', targetType: 'meeting', targetId: meeting.id },
          clock.now(),
        );
      });
    },
  };
}

export type Meetings = ReturnType<typeof createMeetings>;
