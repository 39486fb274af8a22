/** Tables of the legal texts (module texts, issue 7). */
import type { ColumnType, Generated } from 'kysely';

export interface LegalTextsTable {
  id: Generated<string>;
  code: string;
  article: string;
  title: string;
  topic: string;
  version_date: ColumnType<string | null, string | null | undefined, string | null>;
  legifrance_url: string;
  official_text: string | null;
  summary: string;
  status: Generated<'draft' | 'published'>;
  is_demo: Generated<boolean>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
