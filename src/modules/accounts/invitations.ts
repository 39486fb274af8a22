import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/auth/roles.js';
import { hashPassword, newToken, PASSWORD_MIN_LENGTH, sha256 } from '../../platform/auth/secrets.js';
import type { UserRow } from '../../platform/db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { DAY } from '../../platform/time/clock.js';
import type { AccountDeps } from './deps.js';
import { grantRow, type ParsedGrant, parseGrant } from './grants.js';
import { invitationMail, passwordResetMail } from './mails.js';
import { accountPolicy } from './policy.js';
import { createAccountRepository } from './repository.js';
import type { GrantInput } from './schemas.js';

export const INVITATION_DAYS = 7;
export const RESET_MINUTES = 60;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkPassword(password: string, email: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return 'accounts.errors.passwordTooShort';
  if (password.toLowerCase() === email.toLowerCase() || password.toLowerCase().includes(email.split('@')[0]!.toLowerCase())) {
    return 'accounts.errors.passwordLikeEmail';
  }
  return undefined;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function createInvitationService(deps: AccountDeps) {
  const { db, clock, mailer, settings, organisations, geo, sessions } = deps;
  const repository = createAccountRepository(db);

  async function issueLink(
    executor: Parameters<typeof repository.insertUserToken>[0],
    user: Pick<UserRow, 'id'>,
    purpose: 'invitation' | 'password_reset',
  ): Promise<string> {
    const token = newToken();
    const now = clock.now();
    await repository.insertUserToken(executor, {
      token_hash: sha256(token),
      user_id: user.id,
      purpose,
      created_at: now,
      expires_at: new Date(now.getTime() + (purpose === 'invitation' ? INVITATION_DAYS * DAY : RESET_MINUTES * 60_000)),
    });
    return `${settings.publicUrl}/mot-de-passe/nouveau?jeton=${token}`;
  }

  async function validNewUser(email: string, displayName: string, organisationId: string) {
    const errors: Record<string, string> = {};
    const normalised = normaliseEmail(email);
    if (!EMAIL.test(normalised)) errors.email = 'accounts.errors.email';
    if (displayName.trim().length < 2) errors.displayName = 'accounts.errors.displayName';
    const organisation = /^[0-9a-f-]{36}$/i.test(organisationId) ? await organisations.find(organisationId) : undefined;
    if (!organisation || !organisation.active) errors.organisationId = 'accounts.errors.organisation';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    if (await repository.findByEmail(db, normalised)) throw new ValidationError({ email: 'accounts.errors.emailTaken' });
    return { email: normalised, displayName: displayName.trim(), organisation: organisation! };
  }

  return {
    /** An admin or coordinator invites someone: the account waits for its owner to choose a password. */
    async invite(
      actor: Actor,
      audit: AuditContext,
      input: { email: string; displayName: string; organisationId: string } & GrantInput,
    ): Promise<UserRow> {
      // Check the person and the grant together, so the form shows every problem at once.
      const [checkedUser, checkedGrant] = await Promise.allSettled([
        validNewUser(input.email, input.displayName, input.organisationId),
        parseGrant(input, geo),
      ]);
      if (checkedUser.status === 'rejected' || checkedGrant.status === 'rejected') {
        const failures = [checkedUser, checkedGrant].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
        const unexpected = failures.find((e) => !(e instanceof ValidationError));
        if (unexpected) throw unexpected;
        const validation = failures as ValidationError[];
        throw new ValidationError(
          Object.assign({}, ...validation.map((e) => e.fields)),
          'errors.invalid',
          {},
          Object.assign({}, ...validation.map((e) => e.fieldParams)),
        );
      }
      const user = checkedUser.value;
      const grant = checkedGrant.value;
      if (!accountPolicy.canManageUsersOf(actor, user.organisation)) {
        throw new ValidationError({ organisationId: 'accounts.errors.organisationOutsideTerritory' });
      }
      if (!accountPolicy.canGrant(actor, grant.role, grant.scope, user.organisation)) {
        throw new ValidationError({ role: 'accounts.errors.grantNotAllowed' });
      }
      return db.transaction().execute(async (trx) => {
        const created = await repository.insertUser(trx, {
          email: user.email,
          display_name: user.displayName,
          organisation_id: user.organisation.id,
          status: 'invited',
        });
        await repository.insertGrant(trx, grantRow(created.id, grant, actor.userId));
        const link = await issueLink(trx, created, 'invitation');
        await mailer.enqueue(invitationMail(created.email, created.locale, link, user.organisation.name, INVITATION_DAYS), trx);
        await appendAudit(trx, audit, {
          action: 'user.invited',
          targetType: 'user',
          targetId: created.id,
          details: { organisation: user.organisation.id, role: grant.role, scope: grant.scope.kind },
        }, clock.now());
        return created;
      });
    },

    async resendInvitation(actor: Actor, audit: AuditContext, userId: string): Promise<void> {
      const user = await repository.findById(db, userId);
      const organisation = user ? await organisations.find(user.organisation_id) : undefined;
      if (!user || !organisation || !accountPolicy.canManageUsersOf(actor, organisation)) throw new NotFoundError();
      if (user.status !== 'invited') throw new ConflictError('accounts.errors.notInvited');
      await db.transaction().execute(async (trx) => {
        const link = await issueLink(trx, user, 'invitation');
        await mailer.enqueue(invitationMail(user.email, user.locale, link, organisation.name, INVITATION_DAYS), trx);
        await appendAudit(trx, audit, { action: 'user.invitation_resent', targetType: 'user', targetId: user.id }, clock.now());
      });
    },

    /** Always answers the same, whether or not the address has an account. */
    async requestPasswordReset(email: string, audit: AuditContext): Promise<void> {
      const user = await repository.findByEmail(db, email);
      if (!user || user.status !== 'active') return;
      await db.transaction().execute(async (trx) => {
        const link = await issueLink(trx, user, 'password_reset');
        await mailer.enqueue(passwordResetMail(user.email, user.locale, link, RESET_MINUTES), trx);
        await appendAudit(trx, { ...audit, actorUserId: user.id }, { action: 'auth.reset_requested', targetType: 'user', targetId: user.id }, clock.now());
      });
    },

    /** What a link is for, so the page can say "welcome" or "new password"; throws when unusable. */
    async inspectLink(token: string): Promise<{ purpose: 'invitation' | 'password_reset'; email: string }> {
      const row = await repository.findUserToken(db, sha256(token));
      if (!row || row.used_at || row.expires_at <= clock.now()) throw new ValidationError({}, 'accounts.errors.linkExpired');
      const user = await repository.findById(db, row.user_id);
      if (!user || user.status === 'deactivated') throw new ValidationError({}, 'accounts.errors.linkExpired');
      return { purpose: row.purpose, email: user.email };
    },

    /** Sets the password from an invitation or reset link; the link works once; other sessions end. */
    async completeLink(token: string, password: string, confirmation: string, audit: AuditContext): Promise<{ email: string }> {
      return db.transaction().execute(async (trx) => {
        const now = clock.now();
        const row = await repository.findUserToken(trx, sha256(token));
        if (!row || row.used_at || row.expires_at <= now) throw new ValidationError({}, 'accounts.errors.linkExpired');
        const user = await repository.findById(trx, row.user_id);
        if (!user || user.status === 'deactivated') throw new ValidationError({}, 'accounts.errors.linkExpired');
        const problem = checkPassword(password, user.email);
        if (problem) throw new ValidationError({ password: problem });
        if (password !== confirmation) throw new ValidationError({ confirmation: 'accounts.errors.confirmation' });
        await repository.updateUser(trx, user.id, {
          password_hash: await hashPassword(password),
          status: 'active',
          failed_login_count: 0,
          locked_until: null,
          updated_at: now,
        });
        await repository.markUserTokenUsed(trx, row.token_hash, now);
        await sessions.revokeAllForUser(trx, user.id);
        await appendAudit(trx, { ...audit, actorUserId: user.id, actorOrganisationId: user.organisation_id }, {
          action: row.purpose === 'invitation' ? 'user.activated' : 'auth.password_reset',
          targetType: 'user',
          targetId: user.id,
        }, now);
        return { email: user.email };
      });
    },

    /** Operator path (`relais user:create`): an active account with a password and one grant, no e-mail. */
    async createActiveUser(
      audit: AuditContext,
      input: { email: string; password: string; displayName: string; organisationName: string; grant: GrantInput; demo?: boolean },
    ): Promise<{ user: UserRow; grant: ParsedGrant }> {
      const organisation = await organisations.findByName(input.organisationName);
      if (!organisation) throw new ValidationError({ organisation: 'accounts.errors.organisationName' }, 'errors.invalid', {}, { organisation: { name: input.organisationName } });
      const user = await validNewUser(input.email, input.displayName, organisation.id);
      const problem = checkPassword(input.password, user.email);
      if (problem) throw new ValidationError({ password: problem });
      const grant = await parseGrant(input.grant, geo);
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (trx) => {
        const created = await repository.insertUser(trx, {
          email: user.email,
          display_name: user.displayName,
          organisation_id: organisation.id,
          status: 'active',
          password_hash: passwordHash,
          is_demo: input.demo ?? false,
        });
        await repository.insertGrant(trx, grantRow(created.id, grant, null));
        await appendAudit(trx, audit, {
          action: 'user.created',
          targetType: 'user',
          targetId: created.id,
          details: { organisation: organisation.id, role: grant.role, scope: grant.scope.kind, by: 'cli' },
        }, clock.now());
        return { user: created, grant };
      });
    },
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
