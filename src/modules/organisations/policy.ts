import { type Actor, covers, hasRole, type Role, territoryOf } from '../../platform/auth/roles.js';

/** Who may manage organisations: national admins everywhere, coordinators within their départements. */
const MANAGERS: readonly Role[] = ['national_admin', 'coordinator'];

export const organisationPolicy = {
  canList(actor: Actor): boolean {
    return hasRole(actor, ...MANAGERS);
  },
  /** Départements the actor may see, or undefined for all. */
  visibleDepartements(actor: Actor): readonly string[] | undefined {
    const t = territoryOf(actor, MANAGERS);
    return t.national ? undefined : [...t.departements];
  },
  canManage(actor: Actor, organisation: { id: string; departement_code: string | null }): boolean {
    if (hasRole(actor, 'national_admin')) return true;
    // An organisation without département is national: only national coordinators manage it.
    return covers(actor, ['coordinator'], { departement: organisation.departement_code });
  },
  canCreateIn(actor: Actor, departement: string | null): boolean {
    return this.canManage(actor, { id: '', departement_code: departement });
  },
};
