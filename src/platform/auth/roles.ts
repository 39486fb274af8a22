/**
 * Roles and territorial scopes. A user holds grants; each grant is one role over one scope.
 * The role names are the contract between policies, the admin pages and the role × route matrix test.
 */
export const ROLES = [
  'national_admin',
  'coordinator',
  'duty_desk',
  'host_staff',
  'case_worker',
  'frontline',
  'content_editor',
  'trainer',
  'collective_member',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that can read case data (or grant such access) must pass a second factor before acting. */
export const ROLES_REQUIRING_MFA: ReadonlySet<Role> = new Set<Role>(['national_admin', 'coordinator', 'case_worker']);

export const SCOPE_KINDS = ['national', 'departements', 'organisation', 'airport'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export type Scope =
  | { readonly kind: 'national' }
  | { readonly kind: 'departements'; readonly departements: readonly string[] }
  | { readonly kind: 'organisation' }
  | { readonly kind: 'airport'; readonly airport: string; readonly departement: string };

export interface Grant {
  readonly id: string;
  readonly role: Role;
  readonly scope: Scope;
}

export interface ActorOrganisation {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly departement: string | null;
}

/** The signed-in caller, as every policy sees it. */
export interface Actor {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly locale: 'fr' | 'en';
  readonly organisation: ActorOrganisation;
  readonly grants: readonly Grant[];
  readonly via: 'session' | 'token';
  /** A session that passed TOTP, or an API token (created from such a session or by an operator). */
  readonly mfaVerified: boolean;
  readonly totpEnabled: boolean;
  readonly sessionId: string | null;
  readonly tokenScopes: readonly string[] | null;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function hasRole(actor: Actor | null | undefined, ...roles: Role[]): boolean {
  return !!actor && actor.grants.some((g) => roles.includes(g.role));
}

export function needsMfa(actor: Actor): boolean {
  return actor.grants.some((g) => ROLES_REQUIRING_MFA.has(g.role));
}

/** What an actor covers for a role: everything, some départements, their own organisation, airports. */
export interface Territory {
  readonly national: boolean;
  readonly departements: ReadonlySet<string>;
  readonly ownOrganisation: boolean;
  readonly airports: ReadonlySet<string>;
}

export function territoryOf(actor: Actor, roles: readonly Role[]): Territory {
  const departements = new Set<string>();
  const airports = new Set<string>();
  let national = false;
  let ownOrganisation = false;
  for (const grant of actor.grants) {
    if (!roles.includes(grant.role)) continue;
    const scope = grant.scope;
    if (scope.kind === 'national') national = true;
    else if (scope.kind === 'departements') for (const d of scope.departements) departements.add(d);
    else if (scope.kind === 'organisation') ownOrganisation = true;
    else {
      airports.add(scope.airport);
      departements.add(scope.departement);
    }
  }
  return { national, departements, ownOrganisation, airports };
}

/** Does the actor, in one of these roles, cover a thing located in `departement` and owned by `organisationId`? */
export function covers(
  actor: Actor,
  roles: readonly Role[],
  place: { departement?: string | null; organisationId?: string | null },
): boolean {
  const t = territoryOf(actor, roles);
  if (t.national) return true;
  if (place.departement && t.departements.has(place.departement)) return true;
  return t.ownOrganisation && !!place.organisationId && place.organisationId === actor.organisation.id;
}
