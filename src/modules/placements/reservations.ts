import type { Transaction } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole, territoryOf } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { distanceKm } from '../../platform/geo/index.js';
import { HOUR } from '../../platform/time/clock.js';
import { parisClock } from '../../platform/time/paris.js';
import { addressContext, type PlacementDeps, placementNoteContext } from './deps.js';
import { placementPolicy } from './policy.js';
import { DEFAULT_HOLD_HOURS, END_REASONS, REFUSAL_REASONS } from './reference.js';
import { createPlacementRepository, SECRET_DISTANCE_BAND_KM } from './repository.js';
import type { Placement, ReserveInput } from './schemas.js';
import type { PlacementSearch } from './search.js';

const SYSTEM: AuditContext = { actorUserId: null, actorOrganisationId: null, requestId: 'job:placements' };

type PlacementWithOffer = NonNullable<
  Awaited<ReturnType<ReturnType<typeof createPlacementRepository>['getPlacement']>>
>;

export interface PlacementNotice {
  placementId: string;
  kind: 'requested' | 'accepted' | 'refused' | 'expired' | 'cancelled';
}

function present(p: PlacementWithOffer): Placement {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: p.id,
    reference: p.reference,
    status: p.status,
    offerId: p.offer_id,
    offer: p.offer_name,
    organisation: p.organisation_name,
    alertId: p.alert_id,
    profile: p.profile,
    distanceKm: p.distance_km,
    urgency: p.urgency,
    holdExpiresAt: p.hold_expires_at.toISOString(),
    acceptedAt: iso(p.accepted_at),
    refusedAt: iso(p.refused_at),
    refusalReason: p.refusal_reason,
    startedAt: iso(p.started_at),
    endedAt: iso(p.ended_at),
    endReason: p.end_reason,
    createdAt: p.created_at.toISOString(),
  };
}

/**
 * Reservation → placement. A hold takes a place for a few hours; the structure accepts or refuses; the
 * placement starts and ends. The offer's row is locked while a hold is taken, so the last free place is never
 * given twice, whatever the concurrency.
 */
const SKIPPED = Symbol('skipped');

export function createReservations(
  deps: PlacementDeps & { search: Pick<PlacementSearch, 'resolvePlace' | 'alertReference'> },
) {
  const { db, cipher, clock, jobs } = deps;
  const repository = createPlacementRepository(db);

  async function withPlacement<T>(
    actor: Actor | null,
    audit: AuditContext,
    id: string,
    action: string,
    check: (p: PlacementWithOffer) => void,
    work: (p: PlacementWithOffer, trx: Transaction<DB>, now: Date) => Promise<T>,
  ): Promise<Placement> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError();
    await db.transaction().execute(async (trx) => {
      const placement = await repository.getPlacement(trx, id, true);
      if (!placement || (actor && !placementPolicy.canView(actor, placement))) throw new NotFoundError();
      check(placement);
      const now = clock.now();
      // A job that finds nothing to do (the hold was answered meanwhile) leaves no audit row.
      if ((await work(placement, trx, now)) === SKIPPED) return;
      await appendAudit(
        trx,
        audit,
        { action, targetType: 'placement', targetId: id, details: { offer: placement.offer_id } },
        now,
      );
    });
    return present((await repository.getPlacement(db, id))!);
  }

  const mustDecide = (actor: Actor) => (p: PlacementWithOffer) => {
    if (!placementPolicy.canDecide(actor, p)) throw new ForbiddenError('placements.errors.notTheStructure');
  };

  return {
    /** Takes a hold on one place of an offer; refused clearly when none is left or the offer is paused. */
    async reserve(actor: Actor, audit: AuditContext, input: ReserveInput): Promise<Placement> {
      if (!placementPolicy.canSearch(actor)) throw new ForbiddenError();
      const errors: Record<string, string> = {};
      const place = input.place ? await deps.search.resolvePlace(input.place, errors) : undefined;
      // The alert a hold is for must be one the actor may use (it is shown on the placement).
      if (input.alertId && !(await deps.search.alertReference(actor, input.alertId)))
        errors.alertId = 'placements.errors.alertUnknown';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      if (!/^[0-9a-f-]{36}$/i.test(input.offerId))
        throw new ValidationError({ offerId: 'placements.errors.offerUnknown' });
      const hours = input.holdHours ?? DEFAULT_HOLD_HOURS;
      const id = await db.transaction().execute(async (trx) => {
        const offer = await repository.getOffer(trx, input.offerId, true);
        if (!offer) throw new ValidationError({ offerId: 'placements.errors.offerUnknown' });
        if (offer.status !== 'open') throw new ConflictError('placements.errors.offerPaused');
        if (offer.public !== input.public)
          throw new ValidationError({ public: 'placements.errors.publicMismatch' });
        const now = clock.now();
        const used = await repository.used(trx, offer.id, now);
        if (offer.capacity - used.occupied - used.held <= 0)
          throw new ConflictError('placements.errors.noFreePlace');
        const exact = place ? distanceKm(offer, place) : null;
        // A hidden shelter's distance is kept to its band, like in the search.
        const distance =
          exact === null
            ? null
            : offer.secret_address
              ? Math.round(exact / SECRET_DISTANCE_BAND_KM) * SECRET_DISTANCE_BAND_KM
              : Math.round(exact);
        const placement = await repository.insertPlacement(trx, {
          reference: await repository.nextReference(trx, parisClock(now).year),
          offer_id: offer.id,
          alert_id: input.alertId ?? null,
          status: 'held',
          profile: JSON.stringify({
            public: input.public,
            age: input.age ?? null,
            gender: input.gender ?? null,
            languages: input.languages ?? [],
            needs: input.needs ?? null,
          }),
          exploitation_departement: place?.departement ?? null,
          distance_km: distance,
          urgency: input.urgency ?? 'within_48h',
          requested_by: actor.userId,
          requested_by_organisation: actor.organisation.id,
          hold_expires_at: new Date(now.getTime() + hours * HOUR),
          created_at: now,
          updated_at: now,
        });
        await appendAudit(
          trx,
          audit,
          {
            action: 'placement.held',
            targetType: 'placement',
            targetId: placement.id,
            details: { offer: offer.id, hours },
          },
          now,
        );
        await jobs.send(
          'placements.notify',
          { placementId: placement.id, kind: 'requested' } satisfies PlacementNotice,
          { trx },
        );
        await jobs.send(
          'placements.sweep',
          {},
          { trx, startAfter: new Date(now.getTime() + hours * HOUR + 1000) },
        );
        return placement.id;
      });
      return present((await repository.getPlacement(db, id))!);
    },

    async get(actor: Actor, id: string): Promise<Placement> {
      const placement = /^[0-9a-f-]{36}$/i.test(id) ? await repository.getPlacement(db, id) : undefined;
      if (!placement || !placementPolicy.canView(actor, placement)) throw new NotFoundError();
      return present(placement);
    },

    /**
     * The placement page's view: what the actor may do, and the structure's address — for the structure and
     * coordinators always; for the requester once accepted, unless the address is secret.
     */
    async detail(
      actor: Actor,
      id: string,
    ): Promise<{ placement: Placement; canDecide: boolean; canCancel: boolean; address: string | null }> {
      const row = /^[0-9a-f-]{36}$/i.test(id) ? await repository.getPlacement(db, id) : undefined;
      if (!row || !placementPolicy.canView(actor, row)) throw new NotFoundError();
      const offer = (await repository.getOffer(db, row.offer_id))!;
      const canDecide = placementPolicy.canDecide(actor, row);
      const canCancel =
        row.requested_by === actor.userId ||
        (placementPolicy.canSearch(actor) && row.requested_by_organisation === actor.organisation.id);
      const mayRead =
        canDecide ||
        (!offer.secret_address && canCancel && (row.status === 'accepted' || row.status === 'started'));
      const address =
        offer.address && mayRead ? cipher.decrypt(offer.address, addressContext(offer.id)) : null;
      return { placement: present(row), canDecide, canCancel, address };
    },

    /** References of placements (for the links of a case file: no content). */
    async references(ids: readonly string[]): Promise<Map<string, string>> {
      const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
      if (valid.length === 0) return new Map();
      const rows = await db
        .selectFrom('placements')
        .select(['id', 'reference'])
        .where('id', 'in', valid)
        .execute();
      return new Map(rows.map((r) => [r.id, r.reference]));
    },

    /** Placements the actor follows: asked by them or their organisation, received by their structure, of their territory. */
    async list(actor: Actor) {
      const lists = [];
      if (placementPolicy.canSearch(actor))
        lists.push(await repository.listPlacements({ requestedBy: actor.userId }));
      if (hasRole(actor, 'host_staff'))
        lists.push(await repository.listPlacements({ organisationId: actor.organisation.id }));
      if (hasRole(actor, 'coordinator')) {
        const t = territoryOf(actor, ['coordinator']);
        lists.push(await repository.listPlacements(t.national ? {} : { departements: [...t.departements] }));
      }
      const seen = new Set<string>();
      return lists
        .flat()
        .filter((p) => !seen.has(p.id) && seen.add(p.id))
        .map(present);
    },

    accept(actor: Actor, audit: AuditContext, id: string) {
      return withPlacement(actor, audit, id, 'placement.accepted', mustDecide(actor), async (p, trx, now) => {
        if (p.status !== 'held') throw new ConflictError('placements.errors.notHeld');
        if (p.hold_expires_at <= now) {
          await repository.updatePlacement(trx, p.id, { status: 'expired', updated_at: now });
          throw new ConflictError('placements.errors.holdExpired');
        }
        await repository.updatePlacement(trx, p.id, {
          status: 'accepted',
          accepted_at: now,
          decided_by: actor.userId,
          updated_at: now,
        });
        await jobs.send(
          'placements.notify',
          { placementId: p.id, kind: 'accepted' } satisfies PlacementNotice,
          { trx },
        );
      });
    },

    refuse(
      actor: Actor,
      audit: AuditContext,
      id: string,
      input: { reason: string; note?: string | undefined },
    ) {
      return withPlacement(actor, audit, id, 'placement.refused', mustDecide(actor), async (p, trx, now) => {
        if (!(REFUSAL_REASONS as readonly string[]).includes(input.reason))
          throw new ValidationError({ reason: 'placements.errors.reasonRequired' });
        if (p.status !== 'held') throw new ConflictError('placements.errors.notHeld');
        await repository.updatePlacement(trx, p.id, {
          status: 'refused',
          refused_at: now,
          refusal_reason: input.reason,
          decided_by: actor.userId,
          note: input.note?.trim() ? cipher.encrypt(input.note.trim(), placementNoteContext(p.id)) : p.note,
          updated_at: now,
        });
        await jobs.send(
          'placements.notify',
          { placementId: p.id, kind: 'refused' } satisfies PlacementNotice,
          { trx },
        );
      });
    },

    start(actor: Actor, audit: AuditContext, id: string) {
      return withPlacement(actor, audit, id, 'placement.started', mustDecide(actor), async (p, trx, now) => {
        if (p.status !== 'accepted')
          throw new ConflictError(
            p.status === 'started' ? 'placements.errors.alreadyStarted' : 'placements.errors.notAccepted',
          );
        await repository.updatePlacement(trx, p.id, { status: 'started', started_at: now, updated_at: now });
      });
    },

    end(actor: Actor, audit: AuditContext, id: string, input: { reason: string; note?: string | undefined }) {
      return withPlacement(actor, audit, id, 'placement.ended', mustDecide(actor), async (p, trx, now) => {
        if (!(END_REASONS as readonly string[]).includes(input.reason))
          throw new ValidationError({ reason: 'placements.errors.reasonRequired' });
        if (p.status === 'ended') throw new ConflictError('placements.errors.alreadyEnded');
        if (p.status !== 'started') throw new ConflictError('placements.errors.notStarted');
        await repository.updatePlacement(trx, p.id, {
          status: 'ended',
          ended_at: now,
          end_reason: input.reason,
          note: input.note?.trim() ? cipher.encrypt(input.note.trim(), placementNoteContext(p.id)) : p.note,
          updated_at: now,
        });
      });
    },

    /** The requester withdraws a hold or an accepted place before it starts. */
    cancel(actor: Actor, audit: AuditContext, id: string) {
      return withPlacement(
        actor,
        audit,
        id,
        'placement.cancelled',
        (p) => {
          if (p.requested_by !== actor.userId && p.requested_by_organisation !== actor.organisation.id)
            throw new ForbiddenError('placements.errors.notRequester');
        },
        async (p, trx, now) => {
          if (p.status !== 'held' && p.status !== 'accepted')
            throw new ConflictError('placements.errors.notCancellable');
          await repository.updatePlacement(trx, p.id, { status: 'cancelled', updated_at: now });
          await jobs.send(
            'placements.notify',
            { placementId: p.id, kind: 'cancelled' } satisfies PlacementNotice,
            { trx },
          );
        },
      );
    },

    /** Marks holds past their expiry as expired (the place was already free again) and tells the requester. */
    async expireHolds(): Promise<number> {
      const now = clock.now();
      const due = await repository.expiredHolds(now);
      for (const { id } of due) {
        await withPlacement(
          null,
          SYSTEM,
          id,
          'placement.expired',
          () => {},
          async (p, trx) => {
            if (p.status !== 'held' || p.hold_expires_at > now) return SKIPPED;
            await repository.updatePlacement(trx, p.id, { status: 'expired', updated_at: now });
            await jobs.send(
              'placements.notify',
              { placementId: p.id, kind: 'expired' } satisfies PlacementNotice,
              { trx },
            );
          },
        );
      }
      return due.length;
    },
  };
}

export type Reservations = ReturnType<typeof createReservations>;
