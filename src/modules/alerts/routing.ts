import { MINUTE } from '../../platform/time/clock.js';
import { COORDINATION_ACK_MINUTES } from './reference.js';

/** What routing looks at: where, what, who (no person's data). */
export interface AlertFacts {
  departement: string;
  airport: string | null;
  context: string;
  hasMinor: boolean;
  forms: readonly string[];
}

export interface RuleDef {
  id: string;
  departements: readonly string[];
  airports: readonly string[];
  minorsOnly: boolean;
  forms: readonly string[];
  contexts: readonly string[];
  deskIds: readonly string[];
  competence: string | null;
  ackMinutes: number;
  escalationDeskIds: readonly string[];
}

export interface DeskDef {
  id: string;
  organisationType: string;
  departements: readonly string[];
  airports: readonly string[];
  isCoordination: boolean;
  active: boolean;
}

export interface RoutedRecipient {
  deskId: string;
  role: 'responder' | 'observer';
  level: number;
  ruleId: string | null;
  deadline: Date | null;
}

export interface RoutingResult {
  recipients: RoutedRecipient[];
  matchedRules: string[];
  /** Competences a matching rule asked for and no desk of the territory offers (e.g. no labour inspection desk). */
  gaps: Array<{ ruleId: string; competence: string }>;
}

export class NoCoordinationDeskError extends Error {
  override name = 'NoCoordinationDeskError';
}

export function ruleMatches(rule: RuleDef, facts: AlertFacts): boolean {
  const scoped = rule.departements.length > 0 || rule.airports.length > 0;
  const inScope =
    !scoped || rule.departements.includes(facts.departement) || (facts.airport !== null && rule.airports.includes(facts.airport));
  return (
    inScope &&
    (!rule.minorsOnly || facts.hasMinor) &&
    (rule.forms.length === 0 || rule.forms.some((f) => facts.forms.includes(f))) &&
    (rule.contexts.length === 0 || rule.contexts.includes(facts.context))
  );
}

function deskCovers(desk: DeskDef, facts: AlertFacts): boolean {
  return desk.departements.includes(facts.departement) || (facts.airport !== null && desk.airports.includes(facts.airport));
}

/**
 * Which desks an alert goes to. Every matching rule adds its desks and the desks of its competence that cover the
 * alert's territory, with the rule's acknowledgement deadline (the shortest wins when two rules name one desk).
 * The national coordination desk sees every alert, and answers for it when nothing else matched: an alert is
 * never unrouted.
 */
export function route(facts: AlertFacts, rules: readonly RuleDef[], desks: readonly DeskDef[], now: Date): RoutingResult {
  const active = new Map(desks.filter((d) => d.active).map((d) => [d.id, d]));
  const recipients = new Map<string, RoutedRecipient>();
  const matchedRules: string[] = [];
  const gaps: RoutingResult['gaps'] = [];

  const add = (deskId: string, rule: RuleDef) => {
    if (!active.has(deskId)) return;
    const deadline = new Date(now.getTime() + rule.ackMinutes * MINUTE);
    const existing = recipients.get(deskId);
    if (!existing || (existing.deadline && deadline < existing.deadline)) {
      recipients.set(deskId, { deskId, role: 'responder', level: 0, ruleId: rule.id, deadline });
    }
  };

  for (const rule of rules) {
    if (!ruleMatches(rule, facts)) continue;
    matchedRules.push(rule.id);
    for (const deskId of rule.deskIds) add(deskId, rule);
    if (rule.competence) {
      const competent = [...active.values()].filter((d) => d.organisationType === rule.competence && deskCovers(d, facts));
      if (competent.length === 0) gaps.push({ ruleId: rule.id, competence: rule.competence });
      for (const desk of competent) add(desk.id, rule);
    }
  }

  const coordination = [...active.values()].find((d) => d.isCoordination);
  if (!coordination) throw new NoCoordinationDeskError('No active national coordination desk');
  if (!recipients.has(coordination.id)) {
    const nobody = [...recipients.values()].every((r) => r.role !== 'responder');
    recipients.set(
      coordination.id,
      nobody
        ? { deskId: coordination.id, role: 'responder', level: 0, ruleId: null, deadline: new Date(now.getTime() + COORDINATION_ACK_MINUTES * MINUTE) }
        : { deskId: coordination.id, role: 'observer', level: 0, ruleId: null, deadline: null },
    );
  }
  return { recipients: [...recipients.values()], matchedRules, gaps };
}

/** Minutes a directed alert (a runaway from a case file) leaves its desks to acknowledge. */
export const DIRECTED_ACK_MINUTES = 15;

/**
 * An alert sent to named desks rather than by the rules (a runaway recorded on a case file goes to the lead
 * organisation's desks): each is a responder, and so is the national coordination.
 */
export function routeDirected(deskIds: readonly string[], desks: readonly DeskDef[], now: Date): RoutingResult {
  const active = new Map(desks.filter((d) => d.active).map((d) => [d.id, d]));
  const coordination = [...active.values()].find((d) => d.isCoordination);
  if (!coordination) throw new NoCoordinationDeskError('No active national coordination desk');
  const deadline = new Date(now.getTime() + DIRECTED_ACK_MINUTES * MINUTE);
  const ids = [...new Set([...deskIds.filter((id) => active.has(id)), coordination.id])];
  return { recipients: ids.map((deskId) => ({ deskId, role: 'responder', level: 0, ruleId: null, deadline })), matchedRules: [], gaps: [] };
}
