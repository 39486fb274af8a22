import type { Core } from '../src/core.js';
import { LEAFLET_CONTENT } from '../src/modules/leaflet/content.js';

/** The leaflet's French text and the drafts of its translations (to review, marked as produced with help). */
export async function seedLeaflet(core: Core): Promise<void> {
  const now = core.clock.now();
  for (const [position, section] of LEAFLET_CONTENT.entries()) {
    const row = await core.db
      .insertInto('leaflet_sections')
      .values({ key: section.key, position, ...section.fr, updated_at: now, updated_by: null })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) continue;
    await core.db
      .insertInto('leaflet_translations')
      .values(
        Object.entries(section.drafts).map(([language, text]) => ({
          section_id: row.id,
          language,
          ...text,
          status: 'to_review' as const,
          assisted: true,
          source_version: 1,
          source_title: section.fr.title,
          source_body: section.fr.body,
          updated_at: now,
          updated_by: null,
        })),
      )
      .execute();
  }
}
