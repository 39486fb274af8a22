/** Tables of the placements module: host offers, placements, OPP clocks. */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface HostOffersTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  public: 'mineures' | 'mineurs' | 'femmes' | 'hommes' | 'familles';
  capacity: number;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  specialisation: 'teh' | 'non_specialised' | 'foster_families';
  foster_family_count: number | null;
  min_age: number | null;
  max_age: number | null;
  accompanied_children: Generated<boolean>;
  secret_address: Generated<boolean>;
  address: string | null;
  commune_code: string;
  departement_code: string;
  latitude: number;
  longitude: number;
  status: ColumnType<'open' | 'paused', 'open' | 'paused' | undefined, 'open' | 'paused'>;
  capacity_confirmed_at: Timestamp;
  notes: string | null;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type PlacementStatus = 'held' | 'refused' | 'expired' | 'cancelled' | 'accepted' | 'started' | 'ended';

export interface PlacementsTable {
  id: Generated<string>;
  reference: string;
  offer_id: string;
  alert_id: string | null;
  status: PlacementStatus;
  profile: ColumnType<Record<string, unknown>, string, string>;
  exploitation_departement: string | null;
  distance_km: number | null;
  urgency: Generated<'immediate' | 'within_48h' | 'planned'>;
  requested_by: string;
  requested_by_organisation: string;
  hold_expires_at: Timestamp;
  decided_by: string | null;
  accepted_at: Timestamp | null;
  refused_at: Timestamp | null;
  refusal_reason: string | null;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  end_reason: string | null;
  note: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface OppProceduresTable {
  id: Generated<string>;
  reference: string;
  alert_id: string | null;
  placement_id: string | null;
  desk_id: string;
  referred_at: Timestamp;
  deadline_at: Timestamp;
  ordered_at: Timestamp | null;
  court: string | null;
  offer_id: string | null;
  warned_24h_at: Timestamp | null;
  warned_4h_at: Timestamp | null;
  breached_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  withdrawn_reason: 'adult' | 'runaway' | 'other_measure' | 'error' | null;
  created_by: string;
  created_at: CreatedAt;
}
