import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole, type Role, territoryOf } from '../../platform/auth/roles.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { addDays, fromParisLocalInput, parisDate } from '../../platform/time/paris.js';
import type { StatisticsDeps } from './deps.js';
import { isDate } from './research-deidentify.js';

/** Who may hold a research authorisation (and so export): the roles that steer and coordinate nationally. */
export const RESEARCH_ROLES: readonly Role[] = ['coordinator', 'national_admin'];
/** An authorisation lasts at most a year; a longer study asks again. */
export const MAX_AUTHORISATION_DAYS = 366;

export interface ResearchAuthorisation {
  id: string;
  userId: string;
  email: string;
  displayName: string;
  purpose: string;
  grantedBy: string;
  grantedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  state: 'active' | 'expired' | 'revoked';
}

export interface GrantInput {
  email: string;
  purpose: string;
  /** Last day of validity (YYYY-MM-DD, Paris); the authorisation ends at the end of that day. */
  until: string;
}

/** Time-limited research authorisations: granted and revoked by national administrators, both audited. */
export function createResearchAuthorisations(deps: StatisticsDeps) {
  const { db, clock } = deps;

  const state = (
    row: { revoked_at: Date | null; expires_at: Date },
    now: Date,
  ): ResearchAuthorisation['state'] =>
    row.revoked_at ? 'revoked' : row.expires_at.getTime() <= now.getTime() ? 'expired' : 'active';

  function query() {
    return db
      .selectFrom('research_authorisations as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .innerJoin('users as g', 'g.id', 'r.granted_by')
      .select([
        'r.id',
        'r.user_id',
        'u.email',
        'u.display_name',
        'r.purpose',
        'g.display_name as granted_by_name',
        'r.granted_at',
        'r.expires_at',
        'r.revoked_at',
      ]);
  }

  type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;
  const present = (row: Row, now: Date): ResearchAuthorisation => ({
    id: row.id,
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    purpose: row.purpose,
    grantedBy: row.granted_by_name,
    grantedAt: row.granted_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    state: state(row, now),
  });

  function requireAdmin(actor: Actor) {
    if (!hasRole(actor, 'national_admin')) throw new ForbiddenError('statistics.research.errors.adminOnly');
  }

  return {
    /** The actor's authorisation in force now, if any (a revoked or expired one does not count). */
    async active(actor: Actor): Promise<ResearchAuthorisation | null> {
      // National scope only: the export covers the whole country.
      if (!territoryOf(actor, RESEARCH_ROLES).national) return null;
      const now = clock.now();
      const row = await query()
        .where('r.user_id', '=', actor.userId)
        .where('r.revoked_at', 'is', null)
        .where('r.expires_at', '>', now)
        .orderBy('r.expires_at', 'desc')
        .executeTakeFirst();
      return row ? present(row, now) : null;
    },

    /** Every authorisation, the ones in force first (national administrators). */
    async list(actor: Actor): Promise<ResearchAuthorisation[]> {
      requireAdmin(actor);
      const now = clock.now();
      const rows = await query().orderBy('r.granted_at', 'desc').limit(200).execute();
      const order = { active: 0, expired: 1, revoked: 2 };
      return rows.map((r) => present(r, now)).sort((a, b) => order[a.state] - order[b.state]);
    },

    async grant(actor: Actor, audit: AuditContext, input: GrantInput): Promise<string> {
      requireAdmin(actor);
      const now = clock.now();
      const errors: Record<string, string> = {};
      const purpose = input.purpose.trim();
      if (purpose.length < 20 || purpose.length > 1000) errors.purpose = 'statistics.research.errors.purpose';
      const today = parisDate(now);
      const until = input.until.trim();
      const end = isDate(until) ? fromParisLocalInput(`${addDays(until, 1)}T00:00`) : undefined;
      if (!end) errors.until = 'statistics.research.errors.date';
      else if (until < today) errors.until = 'statistics.research.errors.untilPast';
      else if (until > addDays(today, MAX_AUTHORISATION_DAYS))
        errors.until = 'statistics.research.errors.untilTooFar';
      const user = await db
        .selectFrom('users')
        .select(['id', 'status'])
        .where('email', '=', input.email.trim().toLowerCase())
        .executeTakeFirst();
      if (!user || user.status !== 'active') errors.email = 'statistics.research.errors.unknownAccount';
      else if (user.id === actor.userId) errors.email = 'statistics.research.errors.self';
      else {
        const roles = await db
          .selectFrom('grants')
          .select('role')
          .where('user_id', '=', user.id)
          .where('scope_kind', '=', 'national')
          .execute();
        if (!roles.some((r) => (RESEARCH_ROLES as readonly string[]).includes(r.role)))
          errors.email = 'statistics.research.errors.role';
      }
      if (Object.keys(errors).length > 0 || !user || !end) throw new ValidationError(errors);
      return db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('research_authorisations')
          .values({ user_id: user.id, purpose, granted_by: actor.userId, granted_at: now, expires_at: end })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(
          trx,
          audit,
          {
            action: 'statistics.research.grant',
            targetType: 'research_authorisation',
            targetId: id,
            details: { userId: user.id, expiresAt: end.toISOString() },
          },
          now,
        );
        return id;
      });
    },

    async revoke(actor: Actor, audit: AuditContext, id: string): Promise<void> {
      requireAdmin(actor);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('research_authorisations')
          .set({ revoked_at: now, revoked_by: actor.userId })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .returning(['id', 'user_id'])
          .executeTakeFirst();
        if (!row) throw new NotFoundError('statistics.research.errors.notFound');
        await appendAudit(
          trx,
          audit,
          {
            action: 'statistics.research.revoke',
            targetType: 'research_authorisation',
            targetId: row.id,
            details: { userId: row.user_id },
          },
          now,
        );
      });
    },
  };
}

export type ResearchAuthorisations = ReturnType<typeof createResearchAuthorisations>;
