import { createHash } from 'node:crypto';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_PER_PAGE = 100;

export interface PageQuery {
  page?: number | undefined;
  per_page?: number | undefined;
  search?: string | undefined;
  modified_after?: string | undefined;
  organization_id?: string | undefined;
  /** Proximity: a point and a radius in km. */
  lat?: number | undefined;
  lon?: number | undefined;
  radius_km?: number | undefined;
}

export interface Page<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

function page<T>(contents: T[], total: number, number: number, perPage: number): Page<T> {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: number,
    size: contents.length,
    first_page: number === 1,
    last_page: number >= totalPages,
    empty: total === 0,
    contents,
  };
}

/**
 * French search tolerant of accents and typos: the words anywhere in the text (accents and case ignored), or a
 * name close enough by trigrams (`similarity`, not `%`: see GOTCHAS, a PGlite bug).
 */
export function matches(text: RawBuilder<unknown>, name: RawBuilder<unknown>, term: string) {
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`(relais_unaccent(lower(${text})) LIKE relais_unaccent(lower(${pattern})) OR similarity(relais_unaccent(lower(${name})), relais_unaccent(lower(${term}))) > 0.3)`;
}

/** A stable UUID (version 5 layout) for a sub-record HSDS wants identified: languages, schedules, attributes… */
export function derivedId(base: string, part: string): string {
  const h = createHash('sha1').update(`${base}:${part}`).digest('hex');
  const variant = ((Number.parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

const iso = (d: Date | null) => (d ? d.toISOString() : undefined);
const clean = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

/**
 * The HSDS 3.0 read API over the directory: public entries only, never `professionnels` ones, never anything of
 * the placement module's hidden shelters (they are not in the directory at all).
 */
export function createHsds(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db } = deps;

  function paging(q: PageQuery) {
    const errors: Record<string, string> = {};
    const number = q.page ?? 1;
    const perPage = q.per_page ?? 50;
    if (!Number.isInteger(number) || number < 1) errors.page = 'directory.errors.page';
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE)
      errors.per_page = 'directory.errors.perPage';
    let modifiedAfter: Date | undefined;
    if (q.modified_after) {
      modifiedAfter = new Date(q.modified_after);
      if (Number.isNaN(modifiedAfter.getTime())) errors.modified_after = 'directory.errors.date';
    }
    if (q.organization_id && !UUID.test(q.organization_id)) errors.organization_id = 'directory.errors.id';
    const near = q.lat !== undefined || q.lon !== undefined || q.radius_km !== undefined;
    if (
      near &&
      (q.lat === undefined ||
        q.lon === undefined ||
        Math.abs(q.lat) > 90 ||
        Math.abs(q.lon) > 180 ||
        !(q.radius_km && q.radius_km > 0 && q.radius_km <= 1000))
    ) {
      errors.radius_km = 'directory.errors.proximity';
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return { number, perPage, offset: (number - 1) * perPage, modifiedAfter, near };
  }

  async function organizationsOf(ids: readonly string[]) {
    if (ids.length === 0) return new Map<string, { id: string; name: string; description: string }>();
    const rows = await db
      .selectFrom('directory_organizations')
      .select(['id', 'name', 'description'])
      .where('id', 'in', [...ids])
      .where('visibility', '=', 'public')
      .execute();
    return new Map(rows.map((r) => [r.id, r]));
  }

  type ServiceRow = Awaited<ReturnType<typeof serviceRows>>[number];
  function serviceRows(filter: (q: ReturnType<typeof publicServices>) => ReturnType<typeof publicServices>) {
    return filter(publicServices()).selectAll('s').execute();
  }
  /** Public services of public organisations. */
  function publicServices() {
    return db
      .selectFrom('directory_services as s')
      .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
      .where('s.visibility', '=', 'public')
      .where('o.visibility', '=', 'public');
  }

  async function presentServices(rows: ServiceRow[]) {
    const organizations = await organizationsOf([...new Set(rows.map((r) => r.organization_id))]);
    const links = rows.length
      ? await db
          .selectFrom('directory_service_at_locations as sal')
          .innerJoin('directory_locations as l', 'l.id', 'sal.location_id')
          .select(['sal.id', 'sal.service_id', 'sal.location_id'])
          .where(
            'sal.service_id',
            'in',
            rows.map((r) => r.id),
          )
          .where('l.visibility', '=', 'public')
          .execute()
      : [];
    return rows.map((r) =>
      clean({
        id: r.id,
        organization_id: r.organization_id,
        name: r.name,
        description: r.description,
        url: r.url ?? undefined,
        email: r.email ?? undefined,
        status: r.status,
        last_modified: iso(r.updated_at),
        assured_date: r.last_verified_at ? r.last_verified_at.toISOString().slice(0, 10) : undefined,
        phones: r.phone ? [{ id: derivedId(r.id, 'phone'), number: r.phone }] : [],
        languages: r.languages.map((code) => ({
          id: derivedId(r.id, `language:${code}`),
          service_id: r.id,
          code,
          name: new Intl.DisplayNames(['fr'], { type: 'language' }).of(code) ?? code,
        })),
        schedules: r.opening_hours
          ? [{ id: derivedId(r.id, 'hours'), service_id: r.id, description: r.opening_hours }]
          : [],
        attributes: [
          {
            id: derivedId(r.id, 'type'),
            link_id: r.id,
            link_type: 'service',
            link_entity: 'service',
            value: r.service_type,
          },
          ...r.publics.map((p) => ({
            id: derivedId(r.id, `public:${p}`),
            link_id: r.id,
            link_type: 'public',
            link_entity: 'service',
            value: p,
          })),
          ...r.exploitation_forms.map((f) => ({
            id: derivedId(r.id, `exploitation:${f}`),
            link_id: r.id,
            link_type: 'exploitation',
            link_entity: 'service',
            value: f,
          })),
        ],
        service_at_locations: links
          .filter((l) => l.service_id === r.id)
          .map((l) => ({ id: l.id, service_id: l.service_id, location_id: l.location_id })),
        organization: organizations.get(r.organization_id),
      }),
    );
  }

  return {
    root(baseUrl: string) {
      return {
        version: '3.0',
        profile: 'https://docs.openreferral.org/en/latest/hsds/',
        openapi_url: `${baseUrl}/api/openapi.json`,
      };
    },

    async services(q: PageQuery) {
      const p = paging(q);
      const term = q.search?.trim();
      const filter = <T extends ReturnType<typeof publicServices>>(query: T): T => {
        let out = query;
        if (term) out = out.where(matches(sql`s.name || ' ' || s.description`, sql`s.name`, term)) as T;
        if (p.modifiedAfter) out = out.where('s.updated_at', '>', p.modifiedAfter) as T;
        if (q.organization_id) out = out.where('s.organization_id', '=', q.organization_id) as T;
        return out;
      };
      const total = Number(
        (
          await filter(publicServices())
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const rows = await serviceRows(
        (query) =>
          filter(query).orderBy('s.name').orderBy('s.id').limit(p.perPage).offset(p.offset) as ReturnType<
            typeof publicServices
          >,
      );
      return page(await presentServices(rows), total, p.number, p.perPage);
    },

    async service(id: string) {
      const rows = UUID.test(id)
        ? await serviceRows((query) => query.where('s.id', '=', id) as ReturnType<typeof publicServices>)
        : [];
      if (rows.length === 0) throw new NotFoundError();
      return (await presentServices(rows))[0]!;
    },

    async organizations(q: PageQuery) {
      const p = paging(q);
      const term = q.search?.trim();
      let query = db.selectFrom('directory_organizations').where('visibility', '=', 'public');
      if (term) query = query.where(matches(sql`name || ' ' || description`, sql`name`, term));
      if (p.modifiedAfter) query = query.where('updated_at', '>', p.modifiedAfter);
      const total = Number(
        (await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
      );
      const rows = await query
        .selectAll()
        .orderBy('name')
        .orderBy('id')
        .limit(p.perPage)
        .offset(p.offset)
        .execute();
      return page(
        rows.map((r) => this.presentOrganization(r)),
        total,
        p.number,
        p.perPage,
      );
    },

    presentOrganization(r: {
      id: string;
      name: string;
      description: string;
      website: string | null;
      email: string | null;
      siret: string | null;
      rna: string | null;
    }) {
      return clean({
        id: r.id,
        name: r.name,
        description: r.description,
        website: r.website ?? undefined,
        email: r.email ?? undefined,
        tax_id: r.siret ?? r.rna ?? undefined,
      });
    },

    async organization(id: string) {
      const row = UUID.test(id)
        ? await db
            .selectFrom('directory_organizations')
            .selectAll()
            .where('id', '=', id)
            .where('visibility', '=', 'public')
            .executeTakeFirst()
        : undefined;
      if (!row) throw new NotFoundError();
      const services = await serviceRows(
        (query) =>
          query.where('s.organization_id', '=', id).orderBy('s.name') as ReturnType<typeof publicServices>,
      );
      return { ...this.presentOrganization(row), services: await presentServices(services) };
    },

    async serviceAtLocations(q: PageQuery) {
      const p = paging(q);
      let query = db
        .selectFrom('directory_service_at_locations as sal')
        .innerJoin('directory_services as s', 's.id', 'sal.service_id')
        .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
        .innerJoin('directory_locations as l', 'l.id', 'sal.location_id')
        .where('s.visibility', '=', 'public')
        .where('o.visibility', '=', 'public')
        .where('l.visibility', '=', 'public');
      const term = q.search?.trim();
      if (term) query = query.where(matches(sql`s.name || ' ' || s.description`, sql`s.name`, term));
      if (p.modifiedAfter) query = query.where('s.updated_at', '>', p.modifiedAfter);
      if (q.organization_id) query = query.where('s.organization_id', '=', q.organization_id);
      if (p.near) {
        query = query.where(
          sql<boolean>`(point(l.longitude, l.latitude) <@> point(${q.lon}, ${q.lat})) * 1.609344 <= ${q.radius_km}::float8`,
        );
      }
      const total = Number(
        (await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
      );
      const rows = await query
        .select([
          'sal.id',
          'sal.service_id',
          'sal.location_id',
          's.name as service_name',
          's.description as service_description',
          's.status',
          'l.name as location_name',
          'l.address',
          'l.postal_code',
          'l.latitude',
          'l.longitude',
          'l.commune_code',
        ])
        .orderBy('s.name')
        .orderBy('sal.id')
        .limit(p.perPage)
        .offset(p.offset)
        .execute();
      return page(
        rows.map((r) =>
          clean({
            id: r.id,
            service_id: r.service_id,
            location_id: r.location_id,
            service: {
              id: r.service_id,
              name: r.service_name,
              description: r.service_description,
              status: r.status,
            },
            location: clean({
              id: r.location_id,
              location_type: 'physical',
              name: r.location_name ?? undefined,
              latitude: r.latitude ?? undefined,
              longitude: r.longitude ?? undefined,
              addresses: r.address
                ? [
                    {
                      id: derivedId(r.location_id, 'address'),
                      location_id: r.location_id,
                      address_1: r.address,
                      city: '',
                      region: '',
                      state_province: '',
                      postal_code: r.postal_code ?? '',
                      country: 'FR',
                      address_type: 'physical',
                    },
                  ]
                : [],
            }),
          }),
        ),
        total,
        p.number,
        p.perPage,
      );
    },
  };
}

export type Hsds = ReturnType<typeof createHsds>;
