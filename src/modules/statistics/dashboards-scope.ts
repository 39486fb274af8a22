import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasRole, territoryOf } from '../../platform/auth/roles.js';

/** The dashboards, by the French slug of their page (/pro/statistiques/<slug>). */
export const DASHBOARDS = ['alertes', 'delais', 'placements', 'suivis', 'formations'] as const;
export type DashboardKey = (typeof DASHBOARDS)[number];
export const isDashboard = (value: string): value is DashboardKey =>
  (DASHBOARDS as readonly string[]).includes(value);

/**
 * Whose figures a dashboard counts for an actor, the union of its grants: everything (national roles), some
 * départements (a departmental coordinator), the alerts routed to the actor's desks (a duty desk), or its
 * organisation's placements and files (a host structure, a case worker, a desk's requests). Null: nothing to see.
 */
export interface Reach {
  national: boolean;
  departements: readonly string[];
  /** Alerts routed to a desk this user is a member of. */
  deskMember: string | null;
  /** Placements of this organisation (as the structure or as the requester); files it is on. */
  organisation: string | null;
}

const NONE: Reach = { national: false, departements: [], deskMember: null, organisation: null };

export function reachOf(actor: Actor, dashboard: DashboardKey): Reach | null {
  const coordination = territoryOf(actor, ['coordinator']);
  const reach: Reach = {
    ...NONE,
    national: hasRole(actor, 'national_admin') || coordination.national,
    departements: [...coordination.departements].sort(),
  };
  switch (dashboard) {
    case 'alertes':
    case 'delais':
      if (hasRole(actor, 'duty_desk')) reach.deskMember = actor.userId;
      break;
    case 'placements':
      if (hasRole(actor, 'host_staff', 'duty_desk', 'case_worker'))
        reach.organisation = actor.organisation.id;
      break;
    case 'suivis':
      if (hasRole(actor, 'case_worker')) reach.organisation = actor.organisation.id;
      break;
    case 'formations':
      // Trainers count every certificate: they run the national catalogue.
      if (hasRole(actor, 'trainer')) reach.national = true;
      break;
  }
  if (reach.national) return { ...NONE, national: true };
  const empty = reach.departements.length === 0 && !reach.deskMember && !reach.organisation;
  return empty ? null : reach;
}

/** Départements a filter may name: any for a national, desk or organisation reach; else the coordinator's own. */
export function departementsAllowed(reach: Reach): readonly string[] | 'any' {
  return reach.national || reach.deskMember || reach.organisation ? 'any' : reach.departements;
}

const anyOf = (parts: RawBuilder<unknown>[]) =>
  parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` OR `)})`;

/** Alerts `a` in reach: their département, or routed to one of the member's desks. */
export function alertsInReach(reach: Reach): RawBuilder<unknown> {
  if (reach.national) return sql`true`;
  const parts: RawBuilder<unknown>[] = [];
  if (reach.departements.length > 0) parts.push(sql`a.departement_code = ANY(${reach.departements}::text[])`);
  if (reach.deskMember)
    parts.push(sql`EXISTS (SELECT 1 FROM alert_recipients ar JOIN desk_members dm ON dm.desk_id = ar.desk_id
      WHERE ar.alert_id = a.id AND dm.user_id = ${reach.deskMember}::uuid)`);
  return anyOf(parts);
}

/** OPP clocks `o` in reach: through their alert, or the desk that runs them (clocks recorded without an alert). */
export function oppInReach(reach: Reach): RawBuilder<unknown> {
  if (reach.national) return sql`true`;
  const parts: RawBuilder<unknown>[] = [];
  if (reach.departements.length > 0)
    parts.push(
      sql`EXISTS (SELECT 1 FROM desks od WHERE od.id = o.desk_id AND od.departements && ${reach.departements}::text[])`,
    );
  if (reach.deskMember)
    parts.push(
      sql`EXISTS (SELECT 1 FROM desk_members dm WHERE dm.desk_id = o.desk_id AND dm.user_id = ${reach.deskMember}::uuid)`,
    );
  return anyOf(parts);
}

/** Placements `p` on offers `h` in reach: the offer's département, or the organisation as structure or requester. */
export function placementsInReach(reach: Reach): RawBuilder<unknown> {
  if (reach.national) return sql`true`;
  const parts: RawBuilder<unknown>[] = [];
  if (reach.departements.length > 0) parts.push(sql`h.departement_code = ANY(${reach.departements}::text[])`);
  if (reach.organisation)
    parts.push(
      sql`(h.organisation_id = ${reach.organisation}::uuid OR p.requested_by_organisation = ${reach.organisation}::uuid)`,
    );
  return anyOf(parts);
}

/** Offers `h` whose capacity counts: the département's, or the structure's own. */
export function offersInReach(reach: Reach): RawBuilder<unknown> {
  if (reach.national) return sql`true`;
  const parts: RawBuilder<unknown>[] = [];
  if (reach.departements.length > 0) parts.push(sql`h.departement_code = ANY(${reach.departements}::text[])`);
  if (reach.organisation) parts.push(sql`h.organisation_id = ${reach.organisation}::uuid`);
  return anyOf(parts);
}

/** Case files `c` (lead organisation `lo`) in reach: led from the départements, or the organisation is on the file. */
export function casesInReach(reach: Reach): RawBuilder<unknown> {
  if (reach.national) return sql`true`;
  const parts: RawBuilder<unknown>[] = [];
  if (reach.departements.length > 0)
    parts.push(sql`lo.departement_code = ANY(${reach.departements}::text[])`);
  if (reach.organisation)
    parts.push(
      sql`EXISTS (SELECT 1 FROM case_organisations co WHERE co.case_id = c.id AND co.organisation_id = ${reach.organisation}::uuid)`,
    );
  return anyOf(parts);
}

/** Training certificates `tc` in reach: issued for the départements. */
export function certificatesInReach(reach: Reach): RawBuilder<unknown> {
  if (reach.national) return sql`true`;
  return reach.departements.length > 0
    ? sql`tc.departement_code = ANY(${reach.departements}::text[])`
    : sql`false`;
}
