import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/auth/roles.js';
import type { GrantRow, OrganisationRow, UserRow } from '../../platform/db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { AccountDeps } from './deps.js';
import { grantRow, parseGrant } from './grants.js';
import { accountPolicy } from './policy.js';
import { createAccountRepository, type UserFilter } from './repository.js';
import type { GrantInput } from './schemas.js';

export interface ManagedUser {
  user: UserRow;
  organisation: OrganisationRow;
  grants: GrantRow[];
}

export function createUserAdminService(deps: AccountDeps) {
  const { db, clock, organisations, geo, sessions } = deps;
  const repository = createAccountRepository(db);

  async function getManaged(actor: Actor, userId: string): Promise<ManagedUser> {
    const user = await repository.findById(db, userId);
    const organisation = user ? await organisations.find(user.organisation_id) : undefined;
    // Someone outside the actor's territory does not exist for them.
    if (!user || !organisation || !accountPolicy.canManageUsersOf(actor, organisation)) throw new NotFoundError();
    return { user, organisation, grants: await repository.grantsOf(db, user.id) };
  }

  return {
    async list(actor: Actor, filter: Omit<UserFilter, 'departements'>) {
      if (!accountPolicy.canManageAccounts(actor)) throw new ForbiddenError();
      return repository.list({ ...filter, departements: accountPolicy.visibleDepartements(actor) });
    },

    get: getManaged,

    /** Accounts by status within the actor's territory, for the administration overview. */
    async countByStatus(actor: Actor): Promise<Record<'invited' | 'active' | 'deactivated', number>> {
      if (!accountPolicy.canManageAccounts(actor)) throw new ForbiddenError();
      return repository.countByStatus(accountPolicy.visibleDepartements(actor));
    },

    async addGrant(actor: Actor, audit: AuditContext, userId: string, input: GrantInput): Promise<void> {
      const { user, organisation, grants } = await getManaged(actor, userId);
      const grant = await parseGrant(input, geo);
      if (!accountPolicy.canGrant(actor, grant.role, grant.scope, organisation)) {
        throw new ValidationError({ role: 'accounts.errors.grantNotAllowed' });
      }
      const row = grantRow(user.id, grant, actor.userId);
      const duplicate = grants.some(
        (g) =>
          g.role === row.role &&
          g.scope_kind === row.scope_kind &&
          g.airport_iata === row.airport_iata &&
          g.departement_codes.join() === (row.departement_codes ?? []).join(),
      );
      if (duplicate) throw new ConflictError('accounts.errors.grantDuplicate');
      await db.transaction().execute(async (trx) => {
        const created = await repository.insertGrant(trx, row);
        await appendAudit(trx, audit, {
          action: 'grant.added',
          targetType: 'user',
          targetId: user.id,
          details: { grant: created.id, role: grant.role, scope: grant.scope.kind },
        }, clock.now());
      });
    },

    async removeGrant(actor: Actor, audit: AuditContext, userId: string, grantId: string): Promise<void> {
      const { user, organisation, grants } = await getManaged(actor, userId);
      const grant = grants.find((g) => g.id === grantId);
      if (!grant) throw new NotFoundError();
      const parsed = await parseGrant(
        { role: grant.role, scopeKind: grant.scope_kind, departements: grant.departement_codes.join(','), airport: grant.airport_iata ?? '' },
        geo,
      );
      if (!accountPolicy.canGrant(actor, parsed.role, parsed.scope, organisation)) throw new ForbiddenError('accounts.errors.grantNotAllowed');
      if (user.id === actor.userId && grant.role === 'national_admin') throw new ConflictError('accounts.errors.ownAdminGrant');
      await db.transaction().execute(async (trx) => {
        await repository.deleteGrant(trx, user.id, grantId);
        await appendAudit(trx, audit, {
          action: 'grant.removed',
          targetType: 'user',
          targetId: user.id,
          details: { grant: grantId, role: grant.role },
        }, clock.now());
      });
    },

    /** Deactivation ends every session and API token at once; reactivation restores the account as it was. */
    async setStatus(actor: Actor, audit: AuditContext, userId: string, active: boolean): Promise<void> {
      const { user } = await getManaged(actor, userId);
      if (user.id === actor.userId) throw new ConflictError('accounts.errors.ownAccount');
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        if (active) {
          await repository.updateUser(trx, user.id, {
            status: user.password_hash || user.proconnect_sub ? 'active' : 'invited',
            deactivated_at: null,
            updated_at: now,
          });
        } else {
          await repository.updateUser(trx, user.id, { status: 'deactivated', deactivated_at: now, updated_at: now });
          await sessions.revokeAllForUser(trx, user.id);
          await trx.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
        }
        await appendAudit(trx, audit, { action: active ? 'user.reactivated' : 'user.deactivated', targetType: 'user', targetId: user.id }, now);
      });
    },

    /** For someone who lost their phone: the second factor is removed and they enrol again at next sign-in. */
    async resetSecondFactor(actor: Actor, audit: AuditContext, userId: string): Promise<void> {
      const { user } = await getManaged(actor, userId);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await repository.updateUser(trx, user.id, { totp_secret: null, totp_enabled_at: null, updated_at: now });
        await repository.replaceRecoveryCodes(trx, user.id, []);
        await sessions.revokeAllForUser(trx, user.id);
        await appendAudit(trx, audit, { action: 'auth.second_factor_reset', targetType: 'user', targetId: user.id }, now);
      });
    },
  };
}

export type UserAdminService = ReturnType<typeof createUserAdminService>;
