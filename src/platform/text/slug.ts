import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** The words of a title without accents, lower case, joined by hyphens, cut at `max` characters. */
export function slugify(title: string, max = 50): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** Tables whose rows have a public address. */
type Addressed = 'plans' | 'pilot_projects' | 'courses';

/**
 * The address of a public page: the title's slug (or `fallback-…` when it is too short), then a number if it is
 * taken.
 */
export async function freeSlug(
  db: Kysely<DB>,
  table: Addressed,
  title: string,
  fallback: string,
): Promise<string> {
  let base = slugify(title);
  if (base.length < 2) base = `${fallback}-${base}`.replace(/-$/, '');
  const taken = new Set(
    (await db.selectFrom(table).select('slug').where('slug', 'like', `${base}%`).execute()).map(
      (r) => r.slug,
    ),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}
