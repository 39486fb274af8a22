/** Tables of the public directory (module directory), aligned with HSDS 3.0. */
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema.js';

export type Visibility = 'public' | 'professionnels';

export interface DirectoryOrganizationsTable {
  id: Generated<string>;
  organisation_id: string | null;
  name: string;
  description: Generated<string>;
  siret: string | null;
  rna: string | null;
  website: string | null;
  email: string | null;
  visibility: Generated<Visibility>;
  source: Generated<string>;
  source_id: string | null;
  last_verified_at: Timestamp | null;
  is_synthetic: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DirectoryLocationsTable {
  id: Generated<string>;
  organization_id: string;
  name: string | null;
  address: string | null;
  postal_code: string | null;
  commune_code: string | null;
  departement_code: string | null;
  latitude: number | null;
  longitude: number | null;
  geocoding: Generated<'address' | 'commune' | 'departement' | 'failed' | 'none'>;
  visibility: Generated<Visibility>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DirectoryServicesTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  description: Generated<string>;
  service_type: string;
  publics: Generated<string[]>;
  exploitation_forms: Generated<string[]>;
  languages: Generated<string[]>;
  opening_hours: string | null;
  accessibility: string | null;
  url: string | null;
  email: string | null;
  phone: string | null;
  status: Generated<'active' | 'inactive' | 'defunct' | 'temporarily closed'>;
  visibility: Generated<Visibility>;
  source: Generated<string>;
  source_id: string | null;
  last_verified_at: Timestamp | null;
  is_synthetic: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DirectoryServiceAtLocationsTable {
  id: Generated<string>;
  service_id: string;
  location_id: string;
}

export interface DirectoryReportsTable {
  id: Generated<string>;
  service_at_location_id: string;
  message: string;
  status: Generated<'open' | 'closed'>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  handled_by: string | null;
  handled_at: Timestamp | null;
}

export interface DirectoryProposalsTable {
  id: Generated<string>;
  service_id: string;
  proposed_by: string | null;
  changes: ColumnType<Record<string, string | string[] | null>, string, string>;
  status: Generated<'pending' | 'accepted' | 'rejected'>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

export interface DirectoryImportsTable {
  id: Generated<string>;
  created_by: string;
  source: string;
  format: 'csv' | 'data-inclusion';
  valid_lines_only: Generated<boolean>;
  content: string | null;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  done: Generated<number>;
  total: Generated<number>;
  report: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  finished_at: Timestamp | null;
}
