import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, needsMfa } from '../../platform/auth/roles.js';
import { sha256, spendPasswordCheck, verifyPassword } from '../../platform/auth/secrets.js';
import { checkTotp, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, totpUri } from '../../platform/auth/totp.js';
import { ConflictError, TooManyRequestsError, ValidationError } from '../../platform/http/errors.js';
import { MINUTE } from '../../platform/time/clock.js';
import { type AccountDeps, totpContext } from './deps.js';
import { lockedMail } from './mails.js';
import { createAccountRepository } from './repository.js';

/** What comes after a correct password: nothing, the TOTP code, or enrolling a second factor. */
export type NextStep = 'done' | 'verify' | 'enrol';

export interface OpenedSession {
  token: string;
  expiresAt: Date;
  next: NextStep;
}

const anonymous = (requestId: string | null): AuditContext => ({ actorUserId: null, actorOrganisationId: null, requestId });

export function createSignInService(deps: AccountDeps) {
  const { db, sessions, cipher, clock, mailer, settings } = deps;
  const repository = createAccountRepository(db);

  async function nextStepFor(userId: string, sessionId: string): Promise<NextStep> {
    const actor = await sessions.loadActor(userId, 'session', { mfaVerified: false, sessionId, tokenScopes: null });
    if (!actor || !needsMfa(actor)) return 'done';
    return actor.totpEnabled ? 'verify' : 'enrol';
  }

  async function openSession(userId: string, method: 'password' | 'proconnect', requestId: string | null, organisationId: string) {
    return db.transaction().execute(async (trx) => {
      const now = clock.now();
      await repository.updateUser(trx, userId, { failed_login_count: 0, locked_until: null, last_login_at: now });
      const session = await sessions.create(trx, userId, method);
      await appendAudit(trx, { actorUserId: userId, actorOrganisationId: organisationId, requestId }, {
        action: 'auth.signed_in',
        targetType: 'session',
        targetId: session.id,
        details: { method },
      }, now);
      return session;
    });
  }

  /** Counts a failed attempt; the account locks for a while after too many. */
  async function recordFailure(userId: string, requestId: string | null, reason: string): Promise<void> {
    const locked = await db.transaction().execute(async (trx) => {
      const user = await repository.findById(trx, userId);
      if (!user) return false;
      const now = clock.now();
      const failures = user.failed_login_count + 1;
      const lock = failures >= settings.loginMaxAttempts;
      await repository.updateUser(trx, userId, {
        failed_login_count: lock ? 0 : failures,
        locked_until: lock ? new Date(now.getTime() + settings.loginLockMinutes * MINUTE) : user.locked_until,
      });
      await appendAudit(trx, { ...anonymous(requestId), actorUserId: userId }, {
        action: lock ? 'auth.locked' : 'auth.failed',
        targetType: 'user',
        targetId: userId,
        details: { reason },
      }, now);
      if (lock) await mailer.enqueue(lockedMail(user.email, user.locale, settings.loginLockMinutes, settings.publicUrl), trx);
      return lock;
    });
    if (locked) throw new TooManyRequestsError('auth.errors.locked', { minutes: settings.loginLockMinutes });
  }

  function assertNotLocked(lockedUntil: Date | null): void {
    const now = clock.now();
    if (lockedUntil && lockedUntil > now) {
      const minutes = Math.ceil((lockedUntil.getTime() - now.getTime()) / MINUTE);
      throw new TooManyRequestsError('auth.errors.locked', { minutes });
    }
  }

  return {
    async signIn(email: string, password: string, requestId: string | null): Promise<OpenedSession> {
      const user = await repository.findByEmail(db, email);
      const invalid = new ValidationError({}, 'auth.errors.invalidCredentials');
      if (!user || !user.password_hash) {
        await spendPasswordCheck(password);
        throw invalid;
      }
      assertNotLocked(user.locked_until);
      if (!(await verifyPassword(user.password_hash, password))) {
        await recordFailure(user.id, requestId, 'password');
        throw invalid;
      }
      if (user.status !== 'active') throw invalid;
      const session = await openSession(user.id, 'password', requestId, user.organisation_id);
      return { token: session.token, expiresAt: session.expiresAt, next: await nextStepFor(user.id, session.id) };
    },

    /** ProConnect proved the e-mail; the account must already exist (accounts are created by invitation). */
    async signInWithProConnect(claims: { sub: string; email: string }, requestId: string | null): Promise<OpenedSession> {
      let user = await repository.findByProconnectSub(claims.sub);
      if (!user) {
        user = await repository.findByEmail(db, claims.email);
        if (user && user.proconnect_sub && user.proconnect_sub !== claims.sub) user = undefined;
        if (user) await repository.updateUser(db, user.id, { proconnect_sub: claims.sub });
      }
      if (!user || user.status === 'deactivated') throw new ValidationError({}, 'auth.errors.proconnectUnknown');
      assertNotLocked(user.locked_until);
      if (user.status === 'invited') await repository.updateUser(db, user.id, { status: 'active' });
      const session = await openSession(user.id, 'proconnect', requestId, user.organisation_id);
      return { token: session.token, expiresAt: session.expiresAt, next: await nextStepFor(user.id, session.id) };
    },

    /** Second step: a TOTP code, or one of the recovery codes (each works once). */
    async verifySecondFactor(actor: Actor, code: string, audit: AuditContext): Promise<void> {
      const user = await repository.findById(db, actor.userId);
      if (!user?.totp_secret || !user.totp_enabled_at || !actor.sessionId) throw new ValidationError({ code: 'auth.errors.noSecondFactor' });
      assertNotLocked(user.locked_until);
      const sessionId = actor.sessionId;
      const now = clock.now();
      const secret = cipher.decrypt(user.totp_secret, totpContext(user.id));
      const verified = await db.transaction().execute(async (trx) => {
        let method: 'totp' | 'recovery_code' | undefined;
        if (checkTotp(secret, code, now)) method = 'totp';
        else if (await repository.consumeRecoveryCode(trx, user.id, sha256(normaliseRecoveryCode(code)), now)) {
          method = 'recovery_code';
        }
        if (!method) return false;
        await sessions.markMfaVerified(trx, sessionId);
        await repository.updateUser(trx, user.id, { failed_login_count: 0 });
        await appendAudit(trx, audit, { action: 'auth.second_factor', targetType: 'session', targetId: sessionId, details: { method } }, now);
        return true;
      });
      if (!verified) {
        await recordFailure(user.id, audit.requestId, 'second_factor');
        throw new ValidationError({ code: 'auth.errors.wrongCode' });
      }
    },

    /** Starts (or resumes) TOTP enrolment: the secret is kept encrypted until a first code confirms it. */
    async beginEnrolment(actor: Actor): Promise<{ secret: string; uri: string }> {
      const user = await repository.findById(db, actor.userId);
      if (!user) throw new ValidationError({}, 'errors.notFound');
      if (user.totp_enabled_at) throw new ConflictError('auth.errors.alreadyEnrolled');
      let secret: string;
      if (user.totp_secret) {
        secret = cipher.decrypt(user.totp_secret, totpContext(user.id));
      } else {
        secret = newTotpSecret();
        await repository.updateUser(db, user.id, { totp_secret: cipher.encrypt(secret, totpContext(user.id)) });
      }
      return { secret, uri: totpUri(secret, user.email) };
    },

    /** Confirms enrolment with a first code; returns the recovery codes, shown once. */
    async confirmEnrolment(actor: Actor, code: string, audit: AuditContext): Promise<string[]> {
      const user = await repository.findById(db, actor.userId);
      if (!user?.totp_secret || !actor.sessionId) throw new ValidationError({ code: 'auth.errors.noSecondFactor' });
      if (user.totp_enabled_at) throw new ConflictError('auth.errors.alreadyEnrolled');
      const secret = cipher.decrypt(user.totp_secret, totpContext(user.id));
      const now = clock.now();
      if (!checkTotp(secret, code, now)) throw new ValidationError({ code: 'auth.errors.wrongCode' });
      const codes = newRecoveryCodes();
      const sessionId = actor.sessionId;
      await db.transaction().execute(async (trx) => {
        await repository.updateUser(trx, user.id, { totp_enabled_at: now });
        await repository.replaceRecoveryCodes(trx, user.id, codes.map((c) => sha256(c)));
        await sessions.markMfaVerified(trx, sessionId);
        await appendAudit(trx, audit, { action: 'auth.second_factor_enrolled', targetType: 'user', targetId: user.id }, now);
      });
      return codes;
    },

    async regenerateRecoveryCodes(actor: Actor, audit: AuditContext): Promise<string[]> {
      const codes = newRecoveryCodes();
      await db.transaction().execute(async (trx) => {
        await repository.replaceRecoveryCodes(trx, actor.userId, codes.map((c) => sha256(c)));
        await appendAudit(trx, audit, { action: 'auth.recovery_codes_regenerated', targetType: 'user', targetId: actor.userId }, clock.now());
      });
      return codes;
    },

    async signOut(actor: Actor | null, audit: AuditContext): Promise<void> {
      if (!actor?.sessionId) return;
      const sessionId = actor.sessionId;
      await sessions.revoke(sessionId);
      await db.transaction().execute((trx) =>
        appendAudit(trx, audit, { action: 'auth.signed_out', targetType: 'session', targetId: sessionId }, clock.now()),
      );
    },

    /** Ends every session of the account, this one included. */
    async signOutEverywhere(actor: Actor, audit: AuditContext): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const count = await sessions.revokeAllForUser(trx, actor.userId);
        await appendAudit(trx, audit, { action: 'auth.signed_out_everywhere', targetType: 'user', targetId: actor.userId, details: { sessions: count } }, clock.now());
        return count;
      });
    },

    remainingRecoveryCodes: (userId: string) => repository.remainingRecoveryCodes(userId),
    activeSessions: (userId: string) => repository.activeSessions(userId, clock.now()),
  };
}

export type SignInService = ReturnType<typeof createSignInService>;
