import type { AlertRow } from './repository.js';
import type { AlertForReporter, AlertSummary } from './schemas.js';

type RecipientRow = {
  desk_id: string;
  desk_name: string;
  organisation_name: string;
  role: 'responder' | 'observer';
  level: number;
  deadline_at: Date | null;
  acknowledged_at: Date | null;
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function presentRecipient(r: RecipientRow) {
  return {
    deskId: r.desk_id,
    desk: r.desk_name,
    organisation: r.organisation_name,
    role: r.role,
    level: r.level,
    deadlineAt: iso(r.deadline_at),
    acknowledgedAt: iso(r.acknowledged_at),
  };
}

export function presentSummary(row: AlertRow & { lead_desk_name?: string | null; my_deadline_at?: Date | string | null }): AlertSummary {
  const myDeadline = row.my_deadline_at ? new Date(row.my_deadline_at) : null;
  return {
    id: row.id,
    reference: row.reference,
    createdAt: row.created_at.toISOString(),
    status: row.status,
    outcome: row.outcome,
    context: row.context,
    departement: row.departement_code,
    airport: row.airport_iata,
    hasMinor: row.has_minor,
    immediateDanger: row.immediate_danger,
    personCount: row.person_count,
    escalationLevel: row.escalation_level,
    leadDesk: row.lead_desk_name ?? null,
    myDeadlineAt: iso(myDeadline),
  };
}

/** The reporter learns where their alert stands and who took it over, nothing of the desks' notes. */
export function presentForReporter(row: AlertRow, leadDeskName: string | null): AlertForReporter {
  return {
    id: row.id,
    reference: row.reference,
    createdAt: row.created_at.toISOString(),
    status: row.status,
    outcome: row.outcome,
    updatedAt: row.updated_at.toISOString(),
    takenOverBy: leadDeskName,
    immediateDanger: row.immediate_danger,
    hasMinor: row.has_minor,
  };
}
