import { type Actor, hasRole, type Role, type Scope, territoryOf } from '../../platform/auth/roles.js';

/** Roles only a national admin may hand out: they grant power over accounts or over every case. */
const ADMIN_ONLY_ROLES: readonly Role[] = ['national_admin', 'coordinator'];

export const accountPolicy = {
  canManageAccounts(actor: Actor): boolean {
    return hasRole(actor, 'national_admin', 'coordinator');
  },

  /** Départements whose organisations' accounts the actor manages, or undefined for all. */
  visibleDepartements(actor: Actor): readonly string[] | undefined {
    if (hasRole(actor, 'national_admin')) return undefined;
    const t = territoryOf(actor, ['coordinator']);
    return t.national ? undefined : [...t.departements];
  },

  /** Accounts of an organisation: national admins everywhere; coordinators within their départements. */
  canManageUsersOf(actor: Actor, organisation: { departement_code: string | null }): boolean {
    const visible = this.visibleDepartements(actor);
    if (visible === undefined) return this.canManageAccounts(actor);
    return organisation.departement_code !== null && visible.includes(organisation.departement_code);
  },

  /**
   * A coordinator hands out operational roles within their own départements only; national admins hand out
   * anything. The target organisation must be one the actor manages.
   */
  canGrant(actor: Actor, role: Role, scope: Scope, organisation: { departement_code: string | null }): boolean {
    if (hasRole(actor, 'national_admin')) return true;
    if (!this.canManageUsersOf(actor, organisation)) return false;
    if (ADMIN_ONLY_ROLES.includes(role)) return false;
    const t = territoryOf(actor, ['coordinator']);
    if (t.national) return true;
    switch (scope.kind) {
      case 'national':
        return false;
      case 'departements':
        return scope.departements.every((d) => t.departements.has(d));
      case 'airport':
        return t.departements.has(scope.departement);
      case 'organisation':
        return true; // the organisation itself is in the coordinator's territory (checked above)
    }
  },
};
