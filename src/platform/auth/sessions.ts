import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Clock } from '../time/clock.js';
import { MINUTE } from '../time/clock.js';
import { type Actor, type Grant, isRole, type Scope } from './roles.js';
import { newToken, sha256 } from './secrets.js';

export const SESSION_COOKIE = 'relais_session';
export const API_TOKEN_PREFIX = 'rls_';
/** last_seen_at is written at most once a minute per session, not on every request. */
const TOUCH_EVERY_MS = MINUTE;

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export interface SessionStore {
  create(
    trx: Transaction<DB>,
    userId: string,
    method: 'password' | 'proconnect',
  ): Promise<{ id: string; token: string; expiresAt: Date }>;
  /** The actor behind a session cookie, or null when unknown, revoked, idle too long or past its end. */
  resolveSession(token: string): Promise<Actor | null>;
  resolveApiToken(token: string): Promise<Actor | null>;
  markMfaVerified(trx: Transaction<DB>, sessionId: string): Promise<void>;
  revoke(sessionId: string): Promise<void>;
  revokeAllForUser(trx: Transaction<DB> | Kysely<DB>, userId: string, exceptSessionId?: string): Promise<number>;
  loadActor(
    userId: string,
    via: Actor['via'],
    extra: { mfaVerified: boolean; sessionId: string | null; tokenScopes: readonly string[] | null },
  ): Promise<Actor | null>;
}

export function createSessionStore(db: Kysely<DB>, clock: Clock, policy: SessionPolicy): SessionStore {
  async function loadActor(
    userId: string,
    via: Actor['via'],
    extra: { mfaVerified: boolean; sessionId: string | null; tokenScopes: readonly string[] | null },
  ): Promise<Actor | null> {
    const user = await db
      .selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
      .select([
        'users.id',
        'users.email',
        'users.display_name',
        'users.locale',
        'users.status',
        'users.totp_enabled_at',
        'organisations.id as organisation_id',
        'organisations.name as organisation_name',
        'organisations.type as organisation_type',
        'organisations.departement_code as organisation_departement',
        'organisations.active as organisation_active',
      ])
      .where('users.id', '=', userId)
      .executeTakeFirst();
    if (!user || user.status !== 'active' || !user.organisation_active) return null;
    const grantRows = await db
      .selectFrom('grants')
      .leftJoin('airports', 'airports.iata', 'grants.airport_iata')
      .select([
        'grants.id',
        'grants.role',
        'grants.scope_kind',
        'grants.departement_codes',
        'grants.airport_iata',
        'airports.departement_code as airport_departement',
      ])
      .where('grants.user_id', '=', userId)
      .orderBy('grants.created_at')
      .execute();
    const grants: Grant[] = [];
    for (const row of grantRows) {
      if (!isRole(row.role)) continue;
      let scope: Scope;
      if (row.scope_kind === 'departements') scope = { kind: 'departements', departements: row.departement_codes };
      else if (row.scope_kind === 'airport') {
        scope = { kind: 'airport', airport: row.airport_iata!, departement: row.airport_departement! };
      } else scope = { kind: row.scope_kind };
      grants.push({ id: row.id, role: row.role, scope });
    }
    return {
      userId: user.id,
      email: user.email,
      displayName: user.display_name,
      locale: user.locale,
      organisation: {
        id: user.organisation_id,
        name: user.organisation_name,
        type: user.organisation_type,
        departement: user.organisation_departement,
      },
      grants,
      via,
      totpEnabled: user.totp_enabled_at !== null,
      ...extra,
    };
  }

  return {
    loadActor,

    async create(trx, userId, method) {
      const token = newToken();
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + policy.absoluteHours * 60 * MINUTE);
      const row = await trx
        .insertInto('sessions')
        .values({
          token_hash: sha256(token),
          user_id: userId,
          auth_method: method,
          created_at: now,
          last_seen_at: now,
          expires_at: expiresAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, token, expiresAt };
    },

    async resolveSession(token) {
      const session = await db
        .selectFrom('sessions')
        .select(['id', 'user_id', 'last_seen_at', 'expires_at', 'mfa_verified_at', 'revoked_at'])
        .where('token_hash', '=', sha256(token))
        .executeTakeFirst();
      if (!session || session.revoked_at) return null;
      const now = clock.now().getTime();
      if (session.expires_at.getTime() <= now) return null;
      if (session.last_seen_at.getTime() + policy.idleMinutes * MINUTE <= now) return null;
      if (now - session.last_seen_at.getTime() >= TOUCH_EVERY_MS) {
        await db.updateTable('sessions').set({ last_seen_at: new Date(now) }).where('id', '=', session.id).execute();
      }
      return loadActor(session.user_id, 'session', {
        mfaVerified: session.mfa_verified_at !== null,
        sessionId: session.id,
        tokenScopes: null,
      });
    },

    async resolveApiToken(token) {
      if (!token.startsWith(API_TOKEN_PREFIX)) return null;
      const row = await db
        .selectFrom('api_tokens')
        .select(['id', 'user_id', 'scopes', 'expires_at', 'revoked_at', 'last_used_at'])
        .where('token_hash', '=', sha256(token))
        .executeTakeFirst();
      const now = clock.now();
      if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now)) return null;
      if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= TOUCH_EVERY_MS) {
        await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
      }
      return loadActor(row.user_id, 'token', { mfaVerified: true, sessionId: null, tokenScopes: row.scopes });
    },

    async markMfaVerified(trx, sessionId) {
      await trx.updateTable('sessions').set({ mfa_verified_at: clock.now() }).where('id', '=', sessionId).execute();
    },

    async revoke(sessionId) {
      await db
        .updateTable('sessions')
        .set({ revoked_at: clock.now() })
        .where('id', '=', sessionId)
        .where('revoked_at', 'is', null)
        .execute();
    },

    async revokeAllForUser(trx, userId, exceptSessionId) {
      let query = trx
        .updateTable('sessions')
        .set({ revoked_at: clock.now() })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null);
      if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
