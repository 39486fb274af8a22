/** Tables of the library (module library, issue 7). */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema.js';

export type ResourceStatus = 'draft' | 'review' | 'published' | 'archived';

export interface LibraryResourcesTable {
  id: Generated<string>;
  kind: string;
  title: string;
  summary: Generated<string>;
  body: Generated<string>;
  audiences: ColumnType<string[], string[] | undefined, string[]>;
  exploitation_forms: ColumnType<string[], string[] | undefined, string[]>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<ResourceStatus>;
  version: Generated<number>;
  source: string | null;
  is_demo: Generated<boolean>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  published_at: Timestamp | null;
  search: ColumnType<string, never, never>;
}

export interface LibraryVersionsTable {
  resource_id: string;
  version: number;
  title: string;
  summary: string;
  body: string;
  published_at: Timestamp;
  published_by: string | null;
}

export interface LibraryAttachmentsTable {
  id: Generated<string>;
  resource_id: string;
  filename: string;
  media_type: 'application/pdf' | 'image/png' | 'image/jpeg';
  size_bytes: number;
  sha256: string;
  language: Generated<string>;
  content: Buffer;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}
