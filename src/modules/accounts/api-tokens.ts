import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/auth/roles.js';
import { API_SCOPES, type ApiScope, isApiScope } from '../../platform/auth/scopes.js';
import { API_TOKEN_PREFIX } from '../../platform/auth/sessions.js';
import { newToken, sha256 } from '../../platform/auth/secrets.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { DAY } from '../../platform/time/clock.js';
import type { AccountDeps } from './deps.js';
import { normaliseEmail } from './invitations.js';
import { createAccountRepository } from './repository.js';

export interface NewApiToken {
  id: string;
  token: string;
  scopes: ApiScope[];
  expiresAt: Date | null;
}

export function createApiTokenService(deps: AccountDeps) {
  const { db, clock } = deps;
  const repository = createAccountRepository(db);

  async function create(
    userId: string,
    audit: AuditContext,
    input: { name: string; scopes?: readonly string[] | undefined; expiresInDays?: number | undefined },
  ): Promise<NewApiToken> {
    const errors: Record<string, string> = {};
    const name = input.name.trim();
    if (name.length < 2) errors.name = 'accounts.errors.tokenName';
    const scopes = input.scopes && input.scopes.length > 0 ? [...new Set(input.scopes)] : (Object.keys(API_SCOPES) as ApiScope[]);
    if (!scopes.every(isApiScope)) errors.scopes = 'accounts.errors.tokenScopes';
    if (input.expiresInDays !== undefined && (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > 730)) {
      errors.expiresInDays = 'accounts.errors.tokenExpiry';
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const token = newToken(API_TOKEN_PREFIX);
    const now = clock.now();
    const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY) : null;
    return db.transaction().execute(async (trx) => {
      const row = await repository.insertApiToken(trx, {
        user_id: userId,
        name,
        token_hash: sha256(token),
        scopes,
        expires_at: expiresAt,
        created_at: now,
      });
      await appendAudit(trx, audit, { action: 'api_token.created', targetType: 'api_token', targetId: row.id, details: { scopes } }, now);
      return { id: row.id, token, scopes: scopes as ApiScope[], expiresAt };
    });
  }

  return {
    /** From the account page: the token is shown once, then only its name and use remain. */
    createForSelf: (actor: Actor, audit: AuditContext, input: { name: string; scopes?: readonly string[] | undefined; expiresInDays?: number | undefined }) =>
      create(actor.userId, audit, input),

    /** Operator path (`relais token:create --email`). */
    async createForEmail(email: string, audit: AuditContext, input: { name: string; scopes?: readonly string[] | undefined; expiresInDays?: number | undefined }) {
      const user = await repository.findByEmail(db, normaliseEmail(email));
      if (!user || user.status !== 'active') throw new ValidationError({ email: 'accounts.errors.noActiveAccount' });
      return create(user.id, { ...audit, actorUserId: audit.actorUserId ?? null }, input);
    },

    list: (actor: Actor) => repository.apiTokens(actor.userId),

    async revoke(actor: Actor, audit: AuditContext, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (!(await repository.revokeApiToken(trx, actor.userId, id, clock.now()))) throw new NotFoundError();
        await appendAudit(trx, audit, { action: 'api_token.revoked', targetType: 'api_token', targetId: id }, clock.now());
      });
    },

    /** Operator path (`relais token:revoke --id`), for any account. */
    async revokeById(id: string, audit: AuditContext): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const now = clock.now();
        const result = await trx.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw new NotFoundError();
        await appendAudit(trx, audit, { action: 'api_token.revoked', targetType: 'api_token', targetId: id, details: { by: 'cli' } }, now);
      });
    },
  };
}

export type ApiTokenService = ReturnType<typeof createApiTokenService>;
