import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { type AlertDeps, descriptionContext, noteContext } from './deps.js';
import { createDeskRepository } from './desks-repository.js';
import { type AlertView, alertPolicy, DESK_ROLES } from './policy.js';
import { presentForReporter, presentRecipient, presentSummary } from './presenters.js';
import { createAlertRepository } from './repository.js';
import type { AlertDetail, AlertForReporter, AlertSummary, ListQuery } from './schemas.js';

export type AlertReading =
  | { view: 'desk' | 'coordination'; detail: AlertDetail; myDesks: Array<{ id: string; name: string }> }
  | { view: 'reporter'; detail: AlertForReporter };

/** Reading alerts: each list and each opened alert is audited. */
export function createAlertQueries(deps: AlertDeps) {
  const { db, cipher, clock } = deps;
  const alerts = createAlertRepository(db);
  const desks = createDeskRepository(db);

  async function audited(audit: AuditContext, action: string, targetId: string | undefined, details: Record<string, unknown>) {
    await db.transaction().execute((trx) => appendAudit(trx, audit, { action, targetType: 'alert', ...(targetId ? { targetId } : {}), details }, clock.now()));
  }

  return {
    myDesks: (actor: Actor) => desks.desksOf(actor.userId),

    /**
     * `permanences`: alerts routed to my desks; `miennes`: alerts I raised; `territoire`: a coordinator's
     * territory. Without a view, the widest the actor has.
     */
    async list(actor: Actor, audit: AuditContext, query: ListQuery): Promise<{ view: NonNullable<ListQuery['vue']>; alerts: AlertSummary[] }> {
      const myDesks = hasRole(actor, ...DESK_ROLES) ? await desks.desksOf(actor.userId) : [];
      const myDeskIds = myDesks.map((d) => d.id);
      const coordinator = hasRole(actor, 'coordinator');
      const view = query.vue ?? (myDeskIds.length > 0 ? 'permanences' : coordinator ? 'territoire' : 'miennes');
      const openOnly = (query.statut ?? (view === 'miennes' ? 'toutes' : 'ouvertes')) === 'ouvertes';
      let rows: Awaited<ReturnType<typeof alerts.list>> = [];
      if (view === 'permanences') rows = myDeskIds.length > 0 ? await alerts.list({ deskIds: myDeskIds, openOnly, limit: 200 }, myDeskIds) : [];
      else if (view === 'miennes') rows = await alerts.list({ reporterId: actor.userId, openOnly, limit: 200 }, []);
      else if (coordinator) rows = await alerts.list({ departements: alertPolicy.territory(actor), openOnly, limit: 200 }, myDeskIds);
      await audited(audit, 'alerts.listed', undefined, { view, count: rows.length });
      return { view, alerts: rows.map(presentSummary) };
    },

    /** One alert as the actor may see it; 404 when they may not (another territory, not theirs). */
    async read(actor: Actor, audit: AuditContext, alertId: string): Promise<AlertReading> {
      const alert = await alerts.get(db, alertId);
      if (!alert) throw new NotFoundError();
      const recipients = await alerts.recipients(db, alertId);
      const myDesks = hasRole(actor, ...DESK_ROLES) ? await desks.desksOf(actor.userId) : [];
      const myDeskIds = new Set(myDesks.map((d) => d.id));
      const view: AlertView = alertPolicy.view(actor, myDeskIds, {
        departement: alert.departement_code,
        reporterUserId: alert.reporter_user_id,
        recipientDeskIds: recipients.map((r) => r.desk_id),
      });
      if (!view) throw new NotFoundError();
      await audited(audit, 'alert.viewed', alertId, { view });
      const lead = recipients.find((r) => r.desk_id === alert.lead_desk_id);
      if (view === 'reporter') return { view, detail: presentForReporter(alert, lead?.desk_name ?? null) };

      const [persons, timeline] = await Promise.all([alerts.persons(alertId), alerts.timeline(alertId)]);
      const pending = recipients.filter((r) => myDeskIds.has(r.desk_id) && r.role === 'responder' && !r.acknowledged_at && r.deadline_at);
      const myDeadline = pending.map((r) => r.deadline_at!).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
      const detail: AlertDetail = {
        ...presentSummary({ ...alert, lead_desk_name: lead?.desk_name ?? null, my_deadline_at: myDeadline }),
        commune: alert.commune_code,
        exploitation: alert.exploitation_forms,
        indicators: alert.indicators,
        consent: alert.consent,
        description: alert.description ? cipher.decrypt(alert.description, descriptionContext(alertId)) : null,
        persons: persons.map((p) => ({ minor: p.minor, estimatedAge: p.estimated_age, gender: p.gender, nationality: p.nationality, languages: p.languages })),
        recipients: recipients.map(presentRecipient),
        timeline: timeline.map((e) => ({
          at: e.occurred_at.toISOString(),
          kind: e.kind,
          actor: e.actor_name,
          desk: e.desk_name,
          targetDesk: e.target_desk_name,
          note: e.note ? cipher.decrypt(e.note, noteContext(alertId)) : null,
          details: e.details,
        })),
      };
      return { view, detail, myDesks: myDesks.filter((d) => myDeskIds.has(d.id) && recipients.some((r) => r.desk_id === d.id)) };
    },

    /**
     * What a placement search needs from an alert the actor may see as a desk or coordination: where, and who
     * (profiles of the persons, no identity).
     */
    async placementContext(actor: Actor, alertId: string) {
      const alert = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(alertId) ? await alerts.get(db, alertId) : undefined;
      if (!alert) throw new NotFoundError();
      const recipients = await alerts.recipients(db, alertId);
      const myDeskIds = new Set((hasRole(actor, ...DESK_ROLES) ? await desks.desksOf(actor.userId) : []).map((d) => d.id));
      const view = alertPolicy.view(actor, myDeskIds, { departement: alert.departement_code, reporterUserId: alert.reporter_user_id, recipientDeskIds: recipients.map((r) => r.desk_id) });
      if (view !== 'desk' && view !== 'coordination') throw new NotFoundError();
      const persons = await alerts.persons(alertId);
      return {
        id: alert.id,
        reference: alert.reference,
        place: alert.airport_iata ? { airport: alert.airport_iata } : alert.commune_code ? { commune: alert.commune_code } : { departement: alert.departement_code },
        hasMinor: alert.has_minor,
        persons: persons.map((p) => ({ minor: p.minor, gender: p.gender, age: p.estimated_age, languages: p.languages })),
      };
    },

    /**
     * What a case file opened from an alert keeps of it. Allowed to its desks and coordination (as for a
     * placement), to its reporter, and to case workers of an organisation one of whose desks received it.
     */
    async caseContext(actor: Actor, alertId: string) {
      const alert = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(alertId) ? await alerts.get(db, alertId) : undefined;
      if (!alert) throw new NotFoundError();
      const recipients = await alerts.recipients(db, alertId);
      const myDeskIds = new Set((hasRole(actor, ...DESK_ROLES) ? await desks.desksOf(actor.userId) : []).map((d) => d.id));
      const view = alertPolicy.view(actor, myDeskIds, { departement: alert.departement_code, reporterUserId: alert.reporter_user_id, recipientDeskIds: recipients.map((r) => r.desk_id) });
      const organisationDesks = hasRole(actor, 'case_worker') ? new Set(await this.desksOfOrganisation(actor.organisation.id)) : new Set<string>();
      if (!view && !recipients.some((r) => organisationDesks.has(r.desk_id))) throw new NotFoundError();
      const persons = await alerts.persons(alertId);
      return {
        id: alert.id,
        reference: alert.reference,
        departement: alert.departement_code,
        hasMinor: alert.has_minor,
        forms: alert.exploitation_forms,
        persons: persons.map((p) => ({ minor: p.minor, gender: p.gender, age: p.estimated_age, nationality: p.nationality, languages: p.languages })),
      };
    },

    /**
     * Recent alerts received by an organisation's desks (codes and dates only), for its case workers to open a
     * file from one.
     */
    async receivedByOrganisation(organisationId: string, since: Date) {
      return db
        .selectFrom('alerts as a')
        .select(['a.id', 'a.reference', 'a.created_at', 'a.has_minor', 'a.departement_code', 'a.context', 'a.status'])
        .where('a.created_at', '>=', since)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('alert_recipients as r')
              .innerJoin('desks as d', 'd.id', 'r.desk_id')
              .select('r.desk_id')
              .whereRef('r.alert_id', '=', 'a.id')
              .where('d.organisation_id', '=', organisationId),
          ),
        )
        .orderBy('a.created_at', 'desc')
        .limit(50)
        .execute();
    },

    /** Active desks of an organisation. */
    async desksOfOrganisation(organisationId: string): Promise<string[]> {
      return (await desks.listDesks()).filter((d) => d.active && d.organisation_id === organisationId).map((d) => d.id);
    },

    /** References of alerts, for the links of a case file (no content). */
    async references(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('alerts').select(['id', 'reference']).where('id', 'in', [...ids]).execute();
      return new Map(rows.map((r) => [r.id, r.reference]));
    },

    /** Desks an alert can be handed to (all active desks: names only). */
    async handOffTargets() {
      return (await desks.listDesks()).filter((d) => d.active).map((d) => ({ id: d.id, name: d.name, organisation: d.organisation_name }));
    },
  };
}

export type AlertQueries = ReturnType<typeof createAlertQueries>;
