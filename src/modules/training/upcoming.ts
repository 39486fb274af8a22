import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

export interface UpcomingSession {
  slug: string;
  title: string;
  startsAt: Date;
  place: string;
  online: boolean;
}

/**
 * Sessions of published courses starting in [from, until), not cancelled, soonest first: what the newsletter's
 * "upcoming trainings" block lists. Reads only public facts (no registrations).
 */
export async function upcomingSessions(
  db: Kysely<DB>,
  from: Date,
  until: Date,
  limit = 8,
): Promise<UpcomingSession[]> {
  const rows = await db
    .selectFrom('training_sessions as s')
    .innerJoin('courses as c', 'c.id', 's.course_id')
    .select(['c.slug', 'c.title', 's.starts_at', 's.place', 's.online_url'])
    .where('c.status', '=', 'published')
    .where('s.status', '=', 'scheduled')
    .where('s.starts_at', '>=', from)
    .where('s.starts_at', '<', until)
    .orderBy('s.starts_at')
    .orderBy('c.title')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    slug: r.slug,
    title: r.title,
    startsAt: r.starts_at,
    place: r.place,
    online: r.online_url !== null,
  }));
}
