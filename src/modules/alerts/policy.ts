import { type Actor, covers, hasRole, type Role, territoryOf } from '../../platform/auth/roles.js';

/** Roles that may raise an alert: anyone who meets people in the field. */
export const RAISERS: readonly Role[] = ['frontline', 'duty_desk', 'coordinator', 'case_worker', 'host_staff'];
/** Roles that work alerts on a desk. */
export const DESK_ROLES: readonly Role[] = ['duty_desk', 'coordinator'];

export interface AlertAccess {
  departement: string;
  reporterUserId: string;
  recipientDeskIds: readonly string[];
}

/** How the actor sees an alert: as one of its desks, as the coordination of its territory, as its reporter, or not at all. */
export type AlertView = 'desk' | 'coordination' | 'reporter' | null;

export const alertPolicy = {
  canRaise(actor: Actor): boolean {
    return hasRole(actor, ...RAISERS);
  },

  view(actor: Actor, myDeskIds: ReadonlySet<string>, alert: AlertAccess): AlertView {
    if (hasRole(actor, ...DESK_ROLES) && alert.recipientDeskIds.some((d) => myDeskIds.has(d))) return 'desk';
    if (covers(actor, ['coordinator'], { departement: alert.departement })) return 'coordination';
    if (alert.reporterUserId === actor.userId) return 'reporter';
    return null;
  },

  /** Acting on an alert (acknowledge, take over, hand off, close) is done for a desk the actor belongs to. */
  actingDesk(actor: Actor, myDeskIds: ReadonlySet<string>, alert: AlertAccess, wanted?: string): string | undefined {
    if (!hasRole(actor, ...DESK_ROLES)) return undefined;
    const mine = alert.recipientDeskIds.filter((d) => myDeskIds.has(d));
    if (wanted) return mine.includes(wanted) ? wanted : undefined;
    return mine[0];
  },

  /** Départements whose alerts a coordinator sees; undefined for national; empty for others. */
  territory(actor: Actor): readonly string[] | undefined {
    const t = territoryOf(actor, ['coordinator']);
    return t.national ? undefined : [...t.departements];
  },

  /** Routing rules and desks are set by coordinators, within their départements (national ones by national coordinators). */
  canManageRouting(actor: Actor, departements: readonly string[]): boolean {
    const t = territoryOf(actor, ['coordinator']);
    if (t.national) return true;
    return departements.length > 0 && departements.every((d) => t.departements.has(d));
  },
};
