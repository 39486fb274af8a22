/** Tables of the statistics module (issue 10). */
import type { Generated } from 'kysely';
import type { Timestamp } from './schema.js';

/** A national administrator's time-limited grant of the research export to a named account. */
export interface ResearchAuthorisationsTable {
  id: Generated<string>;
  user_id: string;
  purpose: string;
  granted_by: string;
  granted_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}
