/** Tables of the reference leaflet (module leaflet, issue 7). */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema.js';

export type TranslationStatus = 'to_translate' | 'to_review' | 'validated';

export interface LeafletSectionsTable {
  id: Generated<string>;
  key: string;
  position: number;
  title: string;
  body: string;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface LeafletTranslationsTable {
  section_id: string;
  language: string;
  title: Generated<string>;
  body: Generated<string>;
  status: Generated<TranslationStatus>;
  assisted: Generated<boolean>;
  source_version: Generated<number>;
  source_title: Generated<string>;
  source_body: Generated<string>;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  validated_by: string | null;
  validated_at: Timestamp | null;
}
