import { type Kysely, sql } from 'kysely';
import type { DB, OrganisationRow } from '../../platform/db/schema.js';

export interface OrganisationFilter {
  q?: string | undefined;
  type?: string | undefined;
  departement?: string | undefined;
  /** Only these départements (a coordinator's territory); undefined means all. */
  departements?: readonly string[] | undefined;
}

export interface OrganisationValues {
  name: string;
  short_name: string | null;
  type: string;
  departement_code: string | null;
  siret: string | null;
  rna: string | null;
  description: string | null;
}

export function createOrganisationRepository(db: Kysely<DB>) {
  return {
    async list(filter: OrganisationFilter): Promise<Array<OrganisationRow & { user_count: number }>> {
      let query = db
        .selectFrom('organisations')
        .selectAll('organisations')
        .select((eb) =>
          eb
            .selectFrom('users')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('users.organisation_id', '=', 'organisations.id')
            .where('users.status', '!=', 'deactivated')
            .as('user_count'),
        )
        .orderBy('organisations.name');
      if (filter.q) {
        const pattern = `%${filter.q.toLowerCase()}%`;
        query = query.where(
          sql<boolean>`relais_unaccent(lower(organisations.name || ' ' || coalesce(organisations.short_name, ''))) LIKE relais_unaccent(${pattern})`,
        );
      }
      if (filter.type) query = query.where('organisations.type', '=', filter.type);
      if (filter.departement) query = query.where('organisations.departement_code', '=', filter.departement);
      if (filter.departements) {
        if (filter.departements.length === 0) return [];
        query = query.where('organisations.departement_code', 'in', [...filter.departements]);
      }
      const rows = await query.execute();
      return rows.map((r) => ({ ...r, user_count: Number(r.user_count ?? 0) }));
    },

    get(id: string): Promise<OrganisationRow | undefined> {
      return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    findByName(executor: Kysely<DB>, name: string): Promise<OrganisationRow | undefined> {
      return executor
        .selectFrom('organisations')
        .selectAll()
        .where(sql<boolean>`lower(name) = lower(${name})`)
        .executeTakeFirst();
    },

    async insert(executor: Kysely<DB>, values: OrganisationValues & { is_demo?: boolean }): Promise<OrganisationRow> {
      return executor.insertInto('organisations').values(values).returningAll().executeTakeFirstOrThrow();
    },

    async update(executor: Kysely<DB>, id: string, values: OrganisationValues & { updated_at: Date }): Promise<void> {
      await executor.updateTable('organisations').set(values).where('id', '=', id).execute();
    },

    async setActive(executor: Kysely<DB>, id: string, active: boolean, at: Date): Promise<void> {
      await executor.updateTable('organisations').set({ active, updated_at: at }).where('id', '=', id).execute();
    },
  };
}

export type OrganisationRepository = ReturnType<typeof createOrganisationRepository>;
