import { type Static, Type } from '@sinclair/typebox';
import { ROLES, SCOPE_KINDS } from '../../platform/auth/roles.js';
import { API_SCOPES } from '../../platform/auth/scopes.js';

const Csrf = Type.Optional(Type.String());
const Email = Type.String({ maxLength: 254 });

export const SignInForm = Type.Object({
  _csrf: Csrf,
  email: Email,
  password: Type.String({ maxLength: 200 }),
  retour: Type.Optional(Type.String({ maxLength: 500 })),
});
export type SignInForm = Static<typeof SignInForm>;

export const CodeForm = Type.Object({
  _csrf: Csrf,
  code: Type.String({ maxLength: 40 }),
  retour: Type.Optional(Type.String({ maxLength: 500 })),
});
export type CodeForm = Static<typeof CodeForm>;

export const EmailForm = Type.Object({ _csrf: Csrf, email: Email });

export const SetPasswordForm = Type.Object({
  _csrf: Csrf,
  jeton: Type.String({ maxLength: 100 }),
  password: Type.String({ maxLength: 200 }),
  confirmation: Type.String({ maxLength: 200 }),
});
export type SetPasswordForm = Static<typeof SetPasswordForm>;

export const TokenQuery = Type.Object({ jeton: Type.Optional(Type.String({ maxLength: 100 })) });
export const ReturnQuery = Type.Object({ retour: Type.Optional(Type.String({ maxLength: 500 })) });

export const GrantInput = Type.Object({
  role: Type.String({ maxLength: 40 }),
  scopeKind: Type.String({ maxLength: 20 }),
  departements: Type.Optional(Type.String({ maxLength: 400, description: 'Codes séparés par des virgules' })),
  airport: Type.Optional(Type.String({ maxLength: 3 })),
});
export type GrantInput = Static<typeof GrantInput>;

export const GrantForm = Type.Composite([Type.Object({ _csrf: Csrf }), GrantInput]);
export type GrantForm = Static<typeof GrantForm>;

export const InviteForm = Type.Composite([
  Type.Object({
    _csrf: Csrf,
    email: Email,
    displayName: Type.String({ maxLength: 120 }),
    organisationId: Type.String({ maxLength: 36 }),
  }),
  GrantInput,
]);
export type InviteForm = Static<typeof InviteForm>;

export const UserListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  organisation: Type.Optional(Type.String({ format: 'uuid' })),
  role: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('deactivated'), Type.Literal('')])),
});
export type UserListQuery = Static<typeof UserListQuery>;

export const InviteQuery = Type.Object({ organisation: Type.Optional(Type.String({ format: 'uuid' })) });

export const ApiTokenForm = Type.Object({
  _csrf: Csrf,
  name: Type.String({ maxLength: 80 }),
  scopes: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 })),
  expiresInDays: Type.Optional(Type.String({ maxLength: 4 })),
});
export type ApiTokenForm = Static<typeof ApiTokenForm>;

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const UserGrantParams = Type.Object({ id: Type.String({ format: 'uuid' }), grantId: Type.String({ format: 'uuid' }) });

const ScopeOut = Type.Object({
  kind: Type.Union(SCOPE_KINDS.map((k) => Type.Literal(k))),
  departements: Type.Optional(Type.Array(Type.String())),
  airport: Type.Optional(Type.String()),
});

export const MeResponse = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    displayName: Type.String(),
    locale: Type.String(),
    organisation: Type.Object({
      id: Type.String({ format: 'uuid' }),
      name: Type.String(),
      type: Type.String(),
      departement: Type.Union([Type.String(), Type.Null()]),
    }),
    grants: Type.Array(
      Type.Object({ id: Type.String({ format: 'uuid' }), role: Type.Union(ROLES.map((r) => Type.Literal(r))), scope: ScopeOut }),
    ),
    authentication: Type.Object({
      via: Type.Union([Type.Literal('session'), Type.Literal('token')]),
      mfaVerified: Type.Boolean(),
      scopes: Type.Optional(Type.Array(Type.Union(Object.keys(API_SCOPES).map((s) => Type.Literal(s))))),
    }),
  },
  { $id: 'Me' },
);
export type MeResponse = Static<typeof MeResponse>;
