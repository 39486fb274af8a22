import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { Locale, Translate } from '../../platform/i18n/index.js';
import type { Clock } from '../../platform/time/clock.js';
import { UUID, updateDraftEdition } from './draft-edition.js';

/** A letter goes out twice a year: its "upcoming trainings" are the sessions of the next six months. */
export const TRAININGS_WINDOW_DAYS = 183;

export interface UpcomingTraining {
  slug: string;
  title: string;
  startsAt: Date;
  place: string;
  online: boolean;
}

/** What the training module tells the newsletter: sessions of published courses to come. */
export interface UpcomingTrainings {
  upcoming(from: Date, until: Date): Promise<UpcomingTraining[]>;
}

/**
 * The "upcoming trainings" block of an edition. When a letter is sent, it lists the sessions starting in the six
 * months after that moment; its archive page lists the same window from the sending date, so that it reads as it
 * went out (a session cancelled since then is left out).
 */
export function createTrainingsBlock(deps: { db: Kysely<DB>; clock: Clock; trainings: UpcomingTrainings }) {
  const { db, clock, trainings } = deps;
  return {
    /** The sessions an edition lists at `at` (its sending date; now by default), or null when it does not carry the block. */
    async forEdition(editionId: string, at: Date = clock.now()): Promise<UpcomingTraining[] | null> {
      const edition = UUID.test(editionId)
        ? await db
            .selectFrom('newsletter_editions')
            .select('trainings')
            .where('id', '=', editionId)
            .executeTakeFirst()
        : undefined;
      if (!edition?.trainings) return null;
      return await trainings.upcoming(at, new Date(at.getTime() + TRAININGS_WINDOW_DAYS * 86_400_000));
    },

    /** Adds or removes the block on a draft edition. */
    async set(actor: Actor, editionId: string, on: boolean) {
      await updateDraftEdition(db, actor, editionId, { trainings: on, updated_at: clock.now() });
    },
  };
}

export type TrainingsBlock = ReturnType<typeof createTrainingsBlock>;

/** The block in one language: a heading, one line per session (date, course, place), the catalogue's address. */
export function trainingsBlock(
  t: Translate,
  locale: Locale,
  sessions: readonly UpcomingTraining[],
  link: (path: string) => string,
) {
  const day = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'long',
    timeZone: 'Europe/Paris',
  });
  return {
    heading: t('newsletter.mail.trainings'),
    items: sessions.map((s) => ({
      line: t('newsletter.mail.trainingLine', {
        date: day.format(s.startsAt),
        title: s.title,
        place: s.online && !s.place ? t('newsletter.mail.online') : s.place,
      }),
      url: link(`/formations/${s.slug}`),
    })),
    empty: t('newsletter.mail.noTrainings'),
    url: link('/formations'),
  };
}

export type TrainingsBlockText = ReturnType<typeof trainingsBlock>;
