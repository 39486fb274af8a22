import type { Kysely, Updateable } from 'kysely';
import type { Actor } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import { mayEditLetters } from './editions.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Changes a block of an edition: editors only, and only while the edition is a draft (409 once it is sent). */
export async function updateDraftEdition(
  db: Kysely<DB>,
  actor: Actor,
  editionId: string,
  values: Updateable<DB['newsletter_editions']>,
): Promise<void> {
  if (!mayEditLetters(actor)) throw new ForbiddenError();
  const edition = UUID.test(editionId)
    ? await db
        .selectFrom('newsletter_editions')
        .select('status')
        .where('id', '=', editionId)
        .executeTakeFirst()
    : undefined;
  if (!edition) throw new NotFoundError();
  if (edition.status !== 'draft') throw new ConflictError('newsletter.errors.notDraft');
  await db
    .updateTable('newsletter_editions')
    .set(values)
    .where('id', '=', editionId)
    .where('status', '=', 'draft')
    .execute();
}
