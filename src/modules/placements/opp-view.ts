import type { Kysely, Selectable } from 'kysely';
import { type Actor, hasRole, territoryOf } from '../../platform/auth/roles.js';
import type { DB, OppProceduresTable } from '../../platform/db/schema.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { DAY } from '../../platform/time/clock.js';
import { remainingMs } from '../../platform/time/milestones.js';
import type { PlacementDeps } from './deps.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export type OppRow = Selectable<OppProceduresTable>;

/** What the OPP clock needs to know about duty desks (they live in the alerts module). */
export interface DeskDirectory {
  desksOf(userId: string): Promise<Array<{ id: string; name: string; is_coordination: boolean }>>;
  listDesks(): Promise<
    Array<{ id: string; name: string; active: boolean; departements: string[]; organisation_name: string }>
  >;
  membersWithShifts(
    executor: Kysely<DB>,
    deskIds: readonly string[],
  ): Promise<Array<{ desk_id: string; user_id: string; email: string; locale: 'fr' | 'en' }>>;
}

/** What the OPP clock needs from the alerts module: whether the actor may see the alert, and if a minor is in it. */
export interface AlertLookup {
  placementContext(actor: Actor, alertId: string): Promise<{ reference: string; hasMinor: boolean }>;
}

export type OppState = 'running' | 'overdue' | 'ordered' | 'withdrawn';

export interface OppView {
  id: string;
  reference: string;
  state: OppState;
  deskId: string;
  desk: string;
  alertId: string | null;
  referredAt: string;
  deadlineAt: string;
  /** Milliseconds left before the deadline (negative once past), as of now. */
  remainingMs: number;
  orderedAt: string | null;
  orderedLate: boolean;
  court: string | null;
  offerId: string | null;
  offer: string | null;
  placementId: string | null;
  warned24hAt: string | null;
  warned4hAt: string | null;
  breachedAt: string | null;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
}

/**
 * Reading OPP clocks: who may see one (members of its desk, coordinators of the desk's territory) and how it is
 * presented (state, time left, milestones) as of the one clock.
 */
export function createOppReader(deps: Pick<PlacementDeps, 'db' | 'clock'> & { desks: DeskDirectory }) {
  const { db, clock, desks } = deps;

  async function deskNames(): Promise<
    Map<string, { name: string; departements: string[]; active: boolean }>
  > {
    return new Map(
      (await desks.listDesks()).map((d) => [
        d.id,
        { name: d.name, departements: d.departements, active: d.active },
      ]),
    );
  }

  function canSee(
    actor: Actor,
    row: Pick<OppRow, 'desk_id'>,
    myDesks: ReadonlySet<string>,
    deskDepartements: readonly string[],
  ): boolean {
    if (myDesks.has(row.desk_id)) return true;
    if (!hasRole(actor, 'coordinator')) return false;
    const t = territoryOf(actor, ['coordinator']);
    return t.national || deskDepartements.some((d) => t.departements.has(d));
  }

  async function present(rows: OppRow[]): Promise<OppView[]> {
    const names = await deskNames();
    const offerIds = [...new Set(rows.map((r) => r.offer_id).filter((id): id is string => !!id))];
    const offers =
      offerIds.length > 0
        ? await db.selectFrom('host_offers').select(['id', 'name']).where('id', 'in', offerIds).execute()
        : [];
    const now = clock.now();
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      state: r.ordered_at
        ? 'ordered'
        : r.withdrawn_at
          ? 'withdrawn'
          : now >= r.deadline_at
            ? 'overdue'
            : 'running',
      deskId: r.desk_id,
      desk: names.get(r.desk_id)?.name ?? '',
      alertId: r.alert_id,
      referredAt: r.referred_at.toISOString(),
      deadlineAt: r.deadline_at.toISOString(),
      remainingMs: remainingMs(r.deadline_at, now),
      orderedAt: iso(r.ordered_at),
      orderedLate: !!r.ordered_at && r.ordered_at > r.deadline_at,
      court: r.court,
      offerId: r.offer_id,
      offer: offers.find((o) => o.id === r.offer_id)?.name ?? null,
      placementId: r.placement_id,
      warned24hAt: iso(r.warned_24h_at),
      warned4hAt: iso(r.warned_4h_at),
      breachedAt: iso(r.breached_at),
      withdrawnAt: iso(r.withdrawn_at),
      withdrawnReason: r.withdrawn_reason,
    }));
  }

  async function visible(actor: Actor, id: string): Promise<OppRow> {
    const row = UUID.test(id)
      ? await db.selectFrom('opp_procedures').selectAll().where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!row) throw new NotFoundError();
    const myDesks = new Set((await desks.desksOf(actor.userId)).map((d) => d.id));
    const desk = (await deskNames()).get(row.desk_id);
    if (!canSee(actor, row, myDesks, desk?.departements ?? [])) throw new NotFoundError();
    return row;
  }

  return {
    deskNames,
    present,
    visible,

    async get(actor: Actor, id: string): Promise<OppView> {
      return (await present([await visible(actor, id)]))[0]!;
    },

    /** The clocks of the actor's desks (and of a coordinator's territory): running ones first, nearest deadline first. */
    async list(actor: Actor, options: { all?: boolean } = {}): Promise<OppView[]> {
      const myDesks = new Set((await desks.desksOf(actor.userId)).map((d) => d.id));
      const names = await deskNames();
      const deskIds = [...names.entries()]
        .filter(([id, d]) => canSee(actor, { desk_id: id }, myDesks, d.departements))
        .map(([id]) => id);
      if (deskIds.length === 0) return [];
      let query = db.selectFrom('opp_procedures').selectAll().where('desk_id', 'in', deskIds);
      if (!options.all)
        query = query.where((eb) =>
          eb.or([
            eb('ordered_at', 'is', null).and('withdrawn_at', 'is', null),
            eb('referred_at', '>', new Date(clock.now().getTime() - 7 * DAY)),
          ]),
        );
      const rows = await query
        .orderBy((eb) =>
          eb
            .case()
            .when(eb.and([eb('ordered_at', 'is', null), eb('withdrawn_at', 'is', null)]))
            .then(0)
            .else(1)
            .end(),
        )
        .orderBy('deadline_at')
        .limit(200)
        .execute();
      return present(rows);
    },
  };
}
