import { isRole, type Role, type Scope, SCOPE_KINDS, type ScopeKind } from '../../platform/auth/roles.js';
import type { NewGrant } from '../../platform/db/schema.js';
import type { Geo } from '../../platform/geo/index.js';
import { ValidationError } from '../../platform/http/errors.js';
import type { GrantInput } from './schemas.js';

export interface ParsedGrant {
  role: Role;
  scope: Scope;
}

/** Turns the grant fields of a form (or the CLI) into a role and a checked scope. */
export async function parseGrant(input: GrantInput, geo: Pick<Geo, 'departement' | 'airport'>): Promise<ParsedGrant> {
  const errors: Record<string, string> = {};
  const params: Record<string, Record<string, string>> = {};
  if (!isRole(input.role)) errors.role = 'accounts.errors.role';
  const kind = input.scopeKind as ScopeKind;
  if (!(SCOPE_KINDS as readonly string[]).includes(kind)) errors.scopeKind = 'accounts.errors.scopeKind';
  let scope: Scope | undefined;
  if (kind === 'national' || kind === 'organisation') scope = { kind };
  if (kind === 'departements') {
    const codes = [...new Set((input.departements ?? '').split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean))];
    if (codes.length === 0) errors.departements = 'accounts.errors.departementsRequired';
    for (const code of codes) {
      if (!(await geo.departement(code))) {
        errors.departements = 'accounts.errors.departementUnknown';
        params.departements = { code };
        break;
      }
    }
    scope = { kind, departements: codes.sort() };
  }
  if (kind === 'airport') {
    const airport = input.airport ? await geo.airport(input.airport.trim()) : undefined;
    if (!airport) errors.airport = input.airport ? 'accounts.errors.airportUnknown' : 'accounts.errors.airportRequired';
    else scope = { kind, airport: airport.iata, departement: airport.departementCode };
  }
  if (Object.keys(errors).length > 0 || !scope) throw new ValidationError(errors, 'errors.invalid', {}, params);
  return { role: input.role as Role, scope };
}

export function grantRow(userId: string, grant: ParsedGrant, createdBy: string | null): NewGrant {
  const scope = grant.scope;
  return {
    user_id: userId,
    role: grant.role,
    scope_kind: scope.kind,
    departement_codes: scope.kind === 'departements' ? [...scope.departements] : [],
    airport_iata: scope.kind === 'airport' ? scope.airport : null,
    created_by: createdBy,
  };
}

/** The default scope of a role when none is given (CLI): national for national roles, else the organisation. */
export function defaultScopeKind(role: Role): ScopeKind {
  return ['national_admin', 'coordinator', 'content_editor', 'trainer'].includes(role) ? 'national' : 'organisation';
}
