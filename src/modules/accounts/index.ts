import type { ProConnect } from '../../platform/auth/proconnect.js';
import type { Geo } from '../../platform/geo/index.js';
import type { OrganisationService } from '../organisations/service.js';
import { createApiTokenService } from './api-tokens.js';
import type { AccountDeps } from './deps.js';
import { createInvitationService } from './invitations.js';
import { accountRoutes } from './routes/account.js';
import { adminUserRoutes } from './routes/admin-users.js';
import { signInRoutes } from './routes/sign-in.js';
import { createSignInService } from './sign-in.js';
import { createUserAdminService } from './users-admin.js';

export { accountEncryptedColumns } from './deps.js';

export function createAccounts(deps: AccountDeps) {
  return {
    signIn: createSignInService(deps),
    invitations: createInvitationService(deps),
    users: createUserAdminService(deps),
    apiTokens: createApiTokenService(deps),
  };
}

export type Accounts = ReturnType<typeof createAccounts>;

export function accountsRoutes(
  accounts: Accounts,
  deps: {
    organisations: OrganisationService;
    geo: Geo;
    proconnect: ProConnect | undefined;
    secureCookies: boolean;
    publicUrl: string;
    loginRatePerMinute: number;
  },
) {
  return [
    signInRoutes({ ...accounts, ...deps }),
    accountRoutes({ ...accounts, loginRatePerMinute: deps.loginRatePerMinute }),
    adminUserRoutes({ ...accounts, organisations: deps.organisations, geo: deps.geo }),
  ];
}
