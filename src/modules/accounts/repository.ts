import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, GrantRow, NewGrant, UserRow, UsersTable } from '../../platform/db/schema.js';

export interface UserFilter {
  q?: string | undefined;
  organisationId?: string | undefined;
  role?: string | undefined;
  status?: string | undefined;
  /** Only organisations in these départements (a coordinator's territory); undefined means all. */
  departements?: readonly string[] | undefined;
}

export interface UserListRow {
  id: string;
  email: string;
  display_name: string;
  status: string;
  organisation_id: string;
  organisation_name: string;
  organisation_departement: string | null;
  totp_enabled_at: Date | null;
  last_login_at: Date | null;
  roles: string[];
}

/** Kysely queries of the accounts module; services own transactions and pass them in. */
export function createAccountRepository(db: Kysely<DB>) {
  return {
    findByEmail(executor: Kysely<DB>, email: string): Promise<UserRow | undefined> {
      return executor.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
    },
    findById(executor: Kysely<DB>, id: string): Promise<UserRow | undefined> {
      return executor.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findByProconnectSub(sub: string): Promise<UserRow | undefined> {
      return db.selectFrom('users').selectAll().where('proconnect_sub', '=', sub).executeTakeFirst();
    },
    insertUser(executor: Kysely<DB>, values: Insertable<UsersTable>): Promise<UserRow> {
      return executor.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
    },
    async updateUser(executor: Kysely<DB>, id: string, values: Updateable<UsersTable>): Promise<void> {
      await executor.updateTable('users').set(values).where('id', '=', id).execute();
    },

    grantsOf(executor: Kysely<DB>, userId: string): Promise<GrantRow[]> {
      return executor.selectFrom('grants').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
    },
    insertGrant(executor: Kysely<DB>, grant: NewGrant): Promise<GrantRow> {
      return executor.insertInto('grants').values(grant).returningAll().executeTakeFirstOrThrow();
    },
    async deleteGrant(executor: Kysely<DB>, userId: string, grantId: string): Promise<boolean> {
      const result = await executor.deleteFrom('grants').where('id', '=', grantId).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async list(filter: UserFilter): Promise<UserListRow[]> {
      let query = db
        .selectFrom('users')
        .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
        .select([
          'users.id',
          'users.email',
          'users.display_name',
          'users.status',
          'users.organisation_id',
          'users.totp_enabled_at',
          'users.last_login_at',
          'organisations.name as organisation_name',
          'organisations.departement_code as organisation_departement',
          sql<string[]>`coalesce((SELECT array_agg(DISTINCT g.role ORDER BY g.role) FROM grants g WHERE g.user_id = users.id), '{}')`.as('roles'),
        ])
        .orderBy('organisations.name')
        .orderBy('users.email')
        .limit(500);
      if (filter.q) {
        const pattern = `%${filter.q.toLowerCase()}%`;
        query = query.where(sql<boolean>`relais_unaccent(lower(users.email || ' ' || users.display_name)) LIKE relais_unaccent(${pattern})`);
      }
      if (filter.organisationId) query = query.where('users.organisation_id', '=', filter.organisationId);
      if (filter.status) query = query.where('users.status', '=', filter.status as never);
      if (filter.role) {
        const role = filter.role;
        query = query.where(({ exists, selectFrom }) =>
          exists(selectFrom('grants').select('grants.id').whereRef('grants.user_id', '=', 'users.id').where('grants.role', '=', role)),
        );
      }
      if (filter.departements) {
        if (filter.departements.length === 0) return [];
        query = query.where('organisations.departement_code', 'in', [...filter.departements]);
      }
      return query.execute();
    },

    async countByStatus(departements: readonly string[] | undefined): Promise<Record<'invited' | 'active' | 'deactivated', number>> {
      const counts = { invited: 0, active: 0, deactivated: 0 };
      if (departements && departements.length === 0) return counts;
      let query = db
        .selectFrom('users')
        .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
        .select(['users.status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('users.status');
      if (departements) query = query.where('organisations.departement_code', 'in', [...departements]);
      for (const row of await query.execute()) counts[row.status] = Number(row.n);
      return counts;
    },

    async insertUserToken(executor: Kysely<DB>, values: { token_hash: string; user_id: string; purpose: 'invitation' | 'password_reset'; expires_at: Date; created_at: Date }) {
      // A new link replaces any earlier unused one of the same purpose.
      await executor
        .updateTable('user_tokens')
        .set({ used_at: values.created_at })
        .where('user_id', '=', values.user_id)
        .where('purpose', '=', values.purpose)
        .where('used_at', 'is', null)
        .execute();
      await executor.insertInto('user_tokens').values(values).execute();
    },
    findUserToken(executor: Kysely<DB>, tokenHash: string) {
      return executor.selectFrom('user_tokens').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
    },
    async markUserTokenUsed(executor: Kysely<DB>, tokenHash: string, at: Date) {
      await executor.updateTable('user_tokens').set({ used_at: at }).where('token_hash', '=', tokenHash).execute();
    },

    async replaceRecoveryCodes(executor: Kysely<DB>, userId: string, hashes: string[]) {
      await executor.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      if (hashes.length > 0) {
        await executor.insertInto('recovery_codes').values(hashes.map((code_hash) => ({ user_id: userId, code_hash }))).execute();
      }
    },
    /** Marks a recovery code used; false when unknown or already used (single use, even under concurrency). */
    async consumeRecoveryCode(executor: Kysely<DB>, userId: string, hash: string, at: Date): Promise<boolean> {
      const result = await executor
        .updateTable('recovery_codes')
        .set({ used_at: at })
        .where('user_id', '=', userId)
        .where('code_hash', '=', hash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async remainingRecoveryCodes(userId: string): Promise<number> {
      const row = await db
        .selectFrom('recovery_codes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    activeSessions(userId: string, now: Date) {
      return db
        .selectFrom('sessions')
        .select(['id', 'auth_method', 'created_at', 'last_seen_at', 'expires_at'])
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('last_seen_at', 'desc')
        .execute();
    },

    apiTokens(userId: string) {
      return db
        .selectFrom('api_tokens')
        .select(['id', 'name', 'scopes', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .execute();
    },
    insertApiToken(executor: Kysely<DB>, values: { user_id: string; name: string; token_hash: string; scopes: string[]; expires_at: Date | null; created_at: Date }) {
      return executor.insertInto('api_tokens').values(values).returning(['id']).executeTakeFirstOrThrow();
    },
    async revokeApiToken(executor: Kysely<DB>, userId: string, id: string, at: Date): Promise<boolean> {
      const result = await executor
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type AccountRepository = ReturnType<typeof createAccountRepository>;
