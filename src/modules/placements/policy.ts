import { type Actor, covers, hasRole, type Role } from '../../platform/auth/roles.js';

/** Who looks for a place and reserves it: duty desks (parquet, ASE…), case workers, coordinators. */
export const SEARCHERS: readonly Role[] = ['duty_desk', 'case_worker', 'coordinator'];
/** Who may see placements and offers at all. */
export const PLACEMENT_ROLES: readonly Role[] = [...SEARCHERS, 'host_staff'];

export const placementPolicy = {
  canSearch(actor: Actor): boolean {
    return hasRole(actor, ...SEARCHERS);
  },

  /** A structure manages its own offers; a coordinator those of its territory. */
  canManageOffer(actor: Actor, offer: { organisation_id: string; departement_code: string }): boolean {
    if (hasRole(actor, 'host_staff') && actor.organisation.id === offer.organisation_id) return true;
    return covers(actor, ['coordinator'], { departement: offer.departement_code });
  },

  /** Secret addresses: coordinators and the structure itself, nobody else. */
  canSeeSecretAddress(actor: Actor, offer: { organisation_id: string; departement_code: string }): boolean {
    return this.canManageOffer(actor, offer);
  },

  canDecide(actor: Actor, placement: { offer_organisation_id: string; offer_departement: string }): boolean {
    return this.canManageOffer(actor, {
      organisation_id: placement.offer_organisation_id,
      departement_code: placement.offer_departement,
    });
  },

  /** The requester's organisation follows its placements; the structure and coordinators see theirs. */
  canView(
    actor: Actor,
    placement: {
      requested_by: string;
      requested_by_organisation: string;
      offer_organisation_id: string;
      offer_departement: string;
    },
  ): boolean {
    if (placement.requested_by === actor.userId) return true;
    if (hasRole(actor, ...SEARCHERS) && placement.requested_by_organisation === actor.organisation.id)
      return true;
    return this.canDecide(actor, placement);
  },

  /** Capacity: coordinators see everything, structures their own offers. */
  capacityScope(actor: Actor): 'all' | 'own' | null {
    if (hasRole(actor, 'coordinator')) return 'all';
    if (hasRole(actor, 'host_staff')) return 'own';
    return null;
  },
};
