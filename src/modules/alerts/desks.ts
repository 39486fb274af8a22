import type { Kysely, Transaction } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole, isRole } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { Geo } from '../../platform/geo/index.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';
import { isOrganisationType } from '../organisations/schemas.js';
import type { OrganisationService } from '../organisations/service.js';
import { EXPLOITATION_FORMS } from '../reference/index.js';
import { createDeskRepository, type DeskRow } from './desks-repository.js';
import { alertPolicy } from './policy.js';
import { ALERT_CONTEXTS } from './reference.js';
import type { RoutingCache } from './routing-cache.js';

export interface DeskInput {
  organisationId: string;
  name: string;
  departements?: string;
  airports?: string[];
}

export interface ShiftInput {
  userId: string;
  weekdays: string[];
  start: string;
  end: string;
}

export interface RuleInput {
  name: string;
  active?: boolean;
  departements?: string;
  airports?: string[];
  minorsOnly?: boolean;
  forms?: string[];
  contexts?: string[];
  deskIds?: string[];
  competence?: string;
  ackMinutes?: string | number;
  escalationDeskIds?: string[];
}

function codes(text: string | undefined): string[] {
  return [...new Set((text ?? '').split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean))].sort();
}

function minutes(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[1]) <= 24 && Number(match[2]) < 60 && value <= 1440 ? value : undefined;
}

/**
 * Desks (members, on-call windows) and routing rules, set by coordinators for their own départements, by national
 * coordinators everywhere. Every change is audited and makes every instance reload the routing configuration.
 */
export function createDeskAdmin(deps: {
  db: Kysely<DB>;
  clock: Clock;
  geo: Pick<Geo, 'departement' | 'airport'>;
  routing: RoutingCache;
  organisations: Pick<OrganisationService, 'find'>;
}) {
  const { db, clock, geo, routing, organisations } = deps;
  const repository = createDeskRepository(db);

  async function territoryOfDesk(desk: Pick<DeskRow, 'departements' | 'airports' | 'organisation_departement'>): Promise<string[]> {
    const fromAirports = await Promise.all(desk.airports.map(async (a) => (await geo.airport(a))?.departementCode));
    return [...new Set([...desk.departements, ...fromAirports.filter((d): d is string => !!d), ...(desk.organisation_departement ? [desk.organisation_departement] : [])])];
  }

  async function manageableDesk(actor: Actor, id: string): Promise<DeskRow> {
    const desk = /^[0-9a-f-]{36}$/i.test(id) ? await repository.getDesk(id) : undefined;
    if (!desk || !alertPolicy.canManageRouting(actor, await territoryOfDesk(desk))) throw new NotFoundError();
    return desk;
  }

  async function checkCodes(departements: string[], airports: string[], errors: Record<string, string>) {
    for (const code of departements) if (!(await geo.departement(code))) errors.departements = 'alerts.errors.departementUnknown';
    for (const code of airports) if (!(await geo.airport(code))) errors.airports = 'alerts.errors.airportUnknown';
  }

  async function audited(executor: Transaction<DB>, audit: AuditContext, action: string, targetType: string, targetId: string, details: Record<string, unknown> = {}) {
    await appendAudit(executor, audit, { action, targetType, targetId, details }, clock.now());
    await routing.changed(executor);
  }

  async function parseRule(actor: Actor, input: RuleInput) {
    const errors: Record<string, string> = {};
    const name = input.name.trim();
    if (name.length < 2) errors.name = 'alerts.errors.ruleName';
    const departements = codes(input.departements);
    const airports = [...new Set((input.airports ?? []).map((a) => a.toUpperCase()))].sort();
    await checkCodes(departements, airports, errors);
    const forms = [...new Set(input.forms ?? [])];
    if (forms.some((f) => !(EXPLOITATION_FORMS as readonly string[]).includes(f))) errors.forms = 'alerts.errors.form';
    const contexts = [...new Set(input.contexts ?? [])];
    if (contexts.some((c) => !(ALERT_CONTEXTS as readonly string[]).includes(c))) errors.contexts = 'alerts.errors.context';
    const all = await repository.listDesks();
    const known = new Set(all.filter((d) => d.active).map((d) => d.id));
    const deskIds = [...new Set(input.deskIds ?? [])];
    const escalationDeskIds = [...new Set(input.escalationDeskIds ?? [])];
    if (deskIds.some((d) => !known.has(d))) errors.deskIds = 'alerts.errors.deskUnknown';
    if (escalationDeskIds.some((d) => !known.has(d))) errors.escalationDeskIds = 'alerts.errors.deskUnknown';
    const competence = input.competence?.trim() || null;
    if (competence && !isOrganisationType(competence)) errors.competence = 'alerts.errors.competence';
    if (deskIds.length === 0 && !competence) errors.deskIds = 'alerts.errors.ruleTarget';
    const ack = Number(input.ackMinutes ?? 30);
    if (!Number.isInteger(ack) || ack < 1 || ack > 10080) errors.ackMinutes = 'alerts.errors.ackMinutes';
    const airportDepartements = (await Promise.all(airports.map(async (a) => (await geo.airport(a))?.departementCode))).filter((d): d is string => !!d);
    if (Object.keys(errors).length === 0 && !alertPolicy.canManageRouting(actor, [...departements, ...airportDepartements])) {
      errors.departements = 'alerts.errors.ruleOutsideTerritory';
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return {
      name,
      active: input.active ?? true,
      departements,
      airports,
      minors_only: input.minorsOnly ?? false,
      exploitation_forms: forms,
      contexts,
      desk_ids: deskIds,
      competence,
      ack_minutes: ack,
      escalation_desk_ids: escalationDeskIds,
    };
  }

  return {
    /** Desks the actor manages (all of them for a national coordinator). */
    async listDesks(actor: Actor): Promise<DeskRow[]> {
      if (!hasRole(actor, 'coordinator')) throw new ForbiddenError();
      const result: DeskRow[] = [];
      for (const desk of await repository.listDesks()) if (alertPolicy.canManageRouting(actor, await territoryOfDesk(desk))) result.push(desk);
      return result;
    },

    async getDesk(actor: Actor, id: string) {
      const desk = await manageableDesk(actor, id);
      const [members, shifts] = await Promise.all([repository.members(id), repository.shifts(id)]);
      return { desk, members, shifts };
    },

    async createDesk(actor: Actor, audit: AuditContext, input: DeskInput): Promise<string> {
      const errors: Record<string, string> = {};
      const name = input.name.trim();
      if (name.length < 2) errors.name = 'alerts.errors.deskName';
      const organisation = /^[0-9a-f-]{36}$/i.test(input.organisationId) ? await organisations.find(input.organisationId) : undefined;
      if (!organisation?.active) errors.organisationId = 'alerts.errors.organisation';
      const departements = codes(input.departements);
      const airports = [...new Set((input.airports ?? []).map((a) => a.toUpperCase()))];
      await checkCodes(departements, airports, errors);
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const territory = await territoryOfDesk({ departements, airports, organisation_departement: organisation!.departement_code });
      if (!alertPolicy.canManageRouting(actor, territory)) throw new ValidationError({ departements: 'alerts.errors.ruleOutsideTerritory' });
      return db.transaction().execute(async (trx) => {
        const row = await repository.insertDesk(trx, { organisation_id: organisation!.id, name, departements, airports });
        await audited(trx, audit, 'desk.created', 'desk', row.id, { departements, airports });
        return row.id;
      });
    },

    async setDeskActive(actor: Actor, audit: AuditContext, id: string, active: boolean): Promise<void> {
      const desk = await manageableDesk(actor, id);
      if (desk.is_coordination && !active) throw new ValidationError({}, 'alerts.errors.coordinationDeskNeeded');
      await db.transaction().execute(async (trx) => {
        await repository.updateDesk(trx, id, { active, updated_at: clock.now() });
        await audited(trx, audit, active ? 'desk.reactivated' : 'desk.deactivated', 'desk', id);
      });
    },

    /** Adds a member by e-mail: an active account holding the duty-desk or coordinator role. */
    async addMember(actor: Actor, audit: AuditContext, deskId: string, email: string): Promise<void> {
      await manageableDesk(actor, deskId);
      const user = await db.selectFrom('users').select(['id', 'status']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
      if (!user || user.status !== 'active') throw new ValidationError({ email: 'alerts.errors.memberUnknown' });
      const roles = await db.selectFrom('grants').select('role').where('user_id', '=', user.id).execute();
      if (!roles.some((r) => isRole(r.role) && (r.role === 'duty_desk' || r.role === 'coordinator'))) {
        throw new ValidationError({ email: 'alerts.errors.memberRole' });
      }
      await db.transaction().execute(async (trx) => {
        await repository.addMember(trx, deskId, user.id);
        await audited(trx, audit, 'desk.member_added', 'desk', deskId, { user: user.id });
      });
    },

    async removeMember(actor: Actor, audit: AuditContext, deskId: string, userId: string): Promise<void> {
      await manageableDesk(actor, deskId);
      await db.transaction().execute(async (trx) => {
        if (!(await repository.removeMember(trx, deskId, userId))) throw new NotFoundError();
        await audited(trx, audit, 'desk.member_removed', 'desk', deskId, { user: userId });
      });
    },

    async addShift(actor: Actor, audit: AuditContext, deskId: string, input: ShiftInput): Promise<void> {
      await manageableDesk(actor, deskId);
      const errors: Record<string, string> = {};
      const members = await repository.members(deskId);
      if (!members.some((m) => m.id === input.userId)) errors.userId = 'alerts.errors.shiftMember';
      const weekdays = [...new Set(input.weekdays.map(Number))].filter((d) => Number.isInteger(d) && d >= 1 && d <= 7).sort();
      if (weekdays.length === 0) errors.weekdays = 'alerts.errors.weekdays';
      const start = minutes(input.start);
      const end = minutes(input.end);
      if (start === undefined || start >= 1440) errors.start = 'alerts.errors.time';
      if (end === undefined) errors.end = 'alerts.errors.time';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      await db.transaction().execute(async (trx) => {
        await repository.addShift(trx, { desk_id: deskId, user_id: input.userId, weekdays, start_minute: start!, end_minute: end! });
        await audited(trx, audit, 'desk.shift_added', 'desk', deskId, { user: input.userId });
      });
    },

    async removeShift(actor: Actor, audit: AuditContext, deskId: string, shiftId: string): Promise<void> {
      await manageableDesk(actor, deskId);
      await db.transaction().execute(async (trx) => {
        if (!(await repository.removeShift(trx, deskId, shiftId))) throw new NotFoundError();
        await audited(trx, audit, 'desk.shift_removed', 'desk', deskId);
      });
    },

    /** Operator path (`relais desk:coordination`): the national coordination desk, created once. */
    async ensureCoordinationDesk(audit: AuditContext, organisationName: string, name: string): Promise<string> {
      const existing = await db.selectFrom('desks').select('id').where('is_coordination', '=', true).executeTakeFirst();
      if (existing) return existing.id;
      const organisation = await db.selectFrom('organisations').select('id').where('name', '=', organisationName).where('active', '=', true).executeTakeFirst();
      if (!organisation) throw new ValidationError({ organisation: 'alerts.errors.organisation' });
      return db.transaction().execute(async (trx) => {
        const row = await repository.insertDesk(trx, { organisation_id: organisation.id, name, is_coordination: true });
        await audited(trx, audit, 'desk.created', 'desk', row.id, { coordination: true });
        return row.id;
      });
    },

    /** Rules the actor may edit, and the others of their territory read-only. */
    async listRules(actor: Actor) {
      if (!hasRole(actor, 'coordinator')) throw new ForbiddenError();
      const rules = await repository.listRules();
      const desks = new Map((await repository.listDesks()).map((d) => [d.id, d.name]));
      return Promise.all(
        rules.map(async (rule) => {
          const airportDepartements = (await Promise.all(rule.airports.map(async (a) => (await geo.airport(a))?.departementCode))).filter((d): d is string => !!d);
          return { rule, editable: alertPolicy.canManageRouting(actor, [...rule.departements, ...airportDepartements]), deskNames: rule.desk_ids.map((id) => desks.get(id) ?? '?') };
        }),
      );
    },

    async getRule(actor: Actor, id: string) {
      const rule = /^[0-9a-f-]{36}$/i.test(id) ? await repository.getRule(id) : undefined;
      if (!rule) throw new NotFoundError();
      const airportDepartements = (await Promise.all(rule.airports.map(async (a) => (await geo.airport(a))?.departementCode))).filter((d): d is string => !!d);
      if (!alertPolicy.canManageRouting(actor, [...rule.departements, ...airportDepartements])) throw new NotFoundError();
      return rule;
    },

    async createRule(actor: Actor, audit: AuditContext, input: RuleInput): Promise<string> {
      if (!hasRole(actor, 'coordinator')) throw new ForbiddenError();
      const values = await parseRule(actor, input);
      return db.transaction().execute(async (trx) => {
        const row = await repository.insertRule(trx, { ...values, created_by: actor.userId });
        await audited(trx, audit, 'routing_rule.created', 'routing_rule', row.id, { departements: values.departements, airports: values.airports });
        return row.id;
      });
    },

    async updateRule(actor: Actor, audit: AuditContext, id: string, input: RuleInput): Promise<void> {
      await this.getRule(actor, id);
      const values = await parseRule(actor, input);
      await db.transaction().execute(async (trx) => {
        await repository.updateRule(trx, id, { ...values, updated_at: clock.now() });
        await audited(trx, audit, 'routing_rule.updated', 'routing_rule', id, { active: values.active });
      });
    },
  };
}

export type DeskAdmin = ReturnType<typeof createDeskAdmin>;
