import type { Actor } from '../../platform/auth/roles.js';
import type { ApiScope } from '../../platform/auth/scopes.js';
import type { MeResponse } from './schemas.js';

/** GET /api/v1/me: the caller, their organisation and grants; nothing about other people. */
export function presentMe(actor: Actor): MeResponse {
  const me: MeResponse = {
    id: actor.userId,
    email: actor.email,
    displayName: actor.displayName,
    locale: actor.locale,
    organisation: {
      id: actor.organisation.id,
      name: actor.organisation.name,
      type: actor.organisation.type,
      departement: actor.organisation.departement,
    },
    grants: actor.grants.map((g) => ({
      id: g.id,
      role: g.role,
      scope:
        g.scope.kind === 'departements'
          ? { kind: 'departements', departements: [...g.scope.departements] }
          : g.scope.kind === 'airport'
            ? { kind: 'airport', airport: g.scope.airport, departements: [g.scope.departement] }
            : { kind: g.scope.kind },
    })),
    authentication: { via: actor.via, mfaVerified: actor.mfaVerified },
  };
  if (actor.tokenScopes) me.authentication.scopes = actor.tokenScopes as ApiScope[];
  return me;
}

/** "Coordinateur·rice — départements 75, 93" for pages. */
export function describeGrant(
  t: (key: string, params?: Record<string, unknown>) => string,
  grant: { role: string; scope_kind: string; departement_codes: string[]; airport_iata: string | null },
): string {
  const role = t(`roles.${grant.role}`);
  switch (grant.scope_kind) {
    case 'departements':
      return `${role} — ${t('scopes.departements', { codes: grant.departement_codes.join(', ') })}`;
    case 'airport':
      return `${role} — ${t('scopes.airport', { code: grant.airport_iata })}`;
    default:
      return `${role} — ${t(`scopes.${grant.scope_kind}`)}`;
  }
}
