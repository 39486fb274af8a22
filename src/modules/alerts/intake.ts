import { createHash, randomUUID } from 'node:crypto';
import { type AuditContext, appendAudit, canonicalJson } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/auth/roles.js';
import { ConflictError, ForbiddenError, ServiceUnavailableError, ValidationError } from '../../platform/http/errors.js';
import { parisClock } from '../../platform/time/paris.js';
import { isCountryCode, isLanguageCode } from '../reference/index.js';
import { ALERTS_CHANNEL, type AlertDeps, type AlertSignal, descriptionContext } from './deps.js';
import { alertPolicy } from './policy.js';
import { presentRecipient } from './presenters.js';
import { indicatorsFor } from './reference.js';
import { createAlertRepository } from './repository.js';
import { NoCoordinationDeskError, route, routeDirected } from './routing.js';
import type { AlertCreated, AlertInput } from './schemas.js';

interface ResolvedPlace {
  kind: 'commune' | 'departement' | 'airport';
  commune: string | null;
  departement: string;
  airport: string | null;
}

/** Raising an alert: checked, routed, stored, announced and queued for notification in one transaction. */
export function createIntake(deps: AlertDeps) {
  const { db, cipher, clock, geo, jobs, realtime, routing } = deps;
  const repository = createAlertRepository(db);

  async function resolvePlace(place: AlertInput['place'], errors: Record<string, string>): Promise<ResolvedPlace | undefined> {
    if (place.commune) {
      const commune = await geo.commune(place.commune);
      if (!commune) errors['place.commune'] = 'alerts.errors.communeUnknown';
      else return { kind: 'commune', commune: commune.code, departement: commune.departementCode, airport: null };
    } else if (place.airport) {
      const airport = await geo.airport(place.airport);
      if (!airport) errors['place.airport'] = 'alerts.errors.airportUnknown';
      else return { kind: 'airport', commune: airport.communeCode, departement: airport.departementCode, airport: airport.iata };
    } else if (place.departement) {
      const departement = await geo.departement(place.departement);
      if (!departement) errors['place.departement'] = 'alerts.errors.departementUnknown';
      else return { kind: 'departement', commune: null, departement: departement.code, airport: null };
    } else {
      errors.place = 'alerts.errors.placeRequired';
    }
    return undefined;
  }

  async function validate(input: AlertInput) {
    const errors: Record<string, string> = {};
    const params: Record<string, Record<string, string | number>> = {};
    const place = await resolvePlace(input.place, errors);
    if (input.persons.length === 0) errors.persons = 'alerts.errors.personsEmpty';
    input.persons.forEach((person, i) => {
      if (person.nationality && !isCountryCode(person.nationality)) errors[`persons.${i}.nationality`] = 'alerts.errors.nationality';
      const unknownLanguage = person.languages?.find((l) => !isLanguageCode(l));
      if (unknownLanguage) {
        errors[`persons.${i}.languages`] = 'alerts.errors.language';
        params[`persons.${i}.languages`] = { code: unknownLanguage };
      }
      if (person.estimatedAge !== undefined) {
        if (person.minor === 'yes' && person.estimatedAge >= 18) errors[`persons.${i}.estimatedAge`] = 'alerts.errors.ageNotMinor';
        if (person.minor === 'no' && person.estimatedAge < 18) errors[`persons.${i}.estimatedAge`] = 'alerts.errors.ageMinor';
      }
    });
    const hasMinor = input.persons.some((p) => p.minor === 'yes');
    const maybeMinor = input.persons.some((p) => p.minor !== 'no');
    if (hasMinor && input.consent !== 'minor') errors.consent = 'alerts.errors.minorConsent';
    if (input.consent === 'minor' && !maybeMinor && input.persons.length > 0) errors.consent = 'alerts.errors.consentNotMinor';
    const allowed = new Set(indicatorsFor(input.context));
    const unknownIndicator = (input.indicators ?? []).find((code) => !allowed.has(code));
    if (unknownIndicator) {
      errors.indicators = 'alerts.errors.indicator';
      params.indicators = { code: unknownIndicator };
    }
    const personCount = input.personCount ?? input.persons.length;
    if (personCount < input.persons.length) errors.personCount = 'alerts.errors.personCount';
    if (Object.keys(errors).length > 0 || !place) throw new ValidationError(errors, 'alerts.errors.invalid', {}, params);
    return { place, hasMinor, personCount };
  }

  return {
    /**
     * With an idempotency key, a second call with the same key and the same content returns the first alert
     * (`replayed`), whatever the timing; the same key with other content is refused.
     */
    /**
     * Raises an alert, routed by the rules; `toDesks` sends it to those desks (and the coordination) instead, as
     * the cases module does for a runaway.
     */
    async raise(
      actor: Actor,
      audit: AuditContext,
      input: AlertInput,
      idempotencyKey?: string,
      options: { toDesks?: readonly string[] } = {},
    ): Promise<{ alert: AlertCreated; replayed: boolean }> {
      if (!alertPolicy.canRaise(actor)) throw new ForbiddenError();
      const { place, hasMinor, personCount } = await validate(input);
      const config = await routing.get();
      const id = randomUUID();
      const requestHash = createHash('sha256').update(canonicalJson(input)).digest('hex');
      const result = await db.transaction().execute(async (trx) => {
        if (idempotencyKey) {
          const earlier = await repository.claimKey(trx, `alert:${actor.userId}`, idempotencyKey, requestHash, id);
          if (earlier) {
            if (earlier.request_hash !== requestHash) throw new ConflictError('alerts.errors.idempotencyMismatch');
            return { replayedId: earlier.resource_id };
          }
        }
        const now = clock.now();
        let routed: ReturnType<typeof route>;
        try {
          routed = options.toDesks
            ? routeDirected(options.toDesks, config.desks, now)
            : route(
                { departement: place.departement, airport: place.airport, context: input.context, hasMinor, forms: input.exploitation ?? [] },
                config.rules,
                config.desks,
                now,
              );
        } catch (error) {
          if (error instanceof NoCoordinationDeskError) throw new ServiceUnavailableError('alerts.errors.noCoordinationDesk');
          throw error;
        }
        const reference = await repository.nextReference(trx, parisClock(now).year);
        await repository.insertAlert(
          trx,
          {
            id,
            reference,
            reporter_user_id: actor.userId,
            reporter_organisation_id: actor.organisation.id,
            context: input.context,
            place_kind: place.kind,
            commune_code: place.commune,
            departement_code: place.departement,
            airport_iata: place.airport,
            person_count: personCount,
            has_minor: hasMinor,
            exploitation_forms: [...new Set(input.exploitation ?? [])],
            indicators: [...new Set(input.indicators ?? [])],
            immediate_danger: input.immediateDanger ?? false,
            consent: input.consent,
            description: input.description?.trim() ? cipher.encrypt(input.description.trim(), descriptionContext(id)) : null,
            created_at: now,
            updated_at: now,
          },
          input.persons.map((p, position) => ({
            position,
            minor: p.minor,
            estimated_age: p.estimatedAge ?? null,
            gender: p.gender,
            nationality: p.nationality ?? null,
            languages: p.languages ?? [],
          })),
          routed.recipients.map((r) => ({
            alert_id: id,
            desk_id: r.deskId,
            role: r.role,
            level: r.level,
            rule_id: r.ruleId,
            routed_at: now,
            deadline_at: r.deadline,
          })),
        );
        await repository.addEvent(trx, { alert_id: id, occurred_at: now, kind: 'raised', actor_user_id: actor.userId, details: JSON.stringify({ immediateDanger: input.immediateDanger ?? false }) });
        await repository.addEvent(trx, {
          alert_id: id,
          occurred_at: now,
          kind: 'routed',
          details: JSON.stringify({ desks: routed.recipients.map((r) => r.deskId), rules: routed.matchedRules, gaps: routed.gaps }),
        });
        await appendAudit(trx, audit, { action: 'alert.raised', targetType: 'alert', targetId: id, details: { departement: place.departement, desks: routed.recipients.length } }, now);
        const deskIds = routed.recipients.map((r) => r.deskId);
        const signal: AlertSignal = { id, reference, kind: 'raised', status: 'open', departement: place.departement, reporter: actor.userId, desks: deskIds };
        await realtime.publish(trx, ALERTS_CHANNEL, signal);
        // Desks that must acknowledge are e-mailed; observers (the national coordination) see it in their list.
        const responders = routed.recipients.filter((r) => r.role === 'responder').map((r) => r.deskId);
        await jobs.send('alerts.notify', { alertId: id, deskIds: responders, kind: 'new' }, { trx });
        const firstDeadline = routed.recipients.map((r) => r.deadline).filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0];
        if (firstDeadline) await jobs.send('alerts.sweep', {}, { trx, startAfter: new Date(firstDeadline.getTime() + 1000) });
        return { replayedId: undefined };
      });
      const alertId = result.replayedId ?? id;
      const alert = await repository.get(db, alertId);
      const recipients = await repository.recipients(db, alertId);
      return {
        replayed: result.replayedId !== undefined,
        alert: {
          id: alertId,
          reference: alert!.reference,
          status: alert!.status,
          departement: alert!.departement_code,
          recipients: recipients.map(presentRecipient),
          emergencyNumbers: alert!.immediate_danger ? (alert!.has_minor ? ['17', '112', '119'] : ['17', '112']) : [],
        },
      };
    },
  };
}

export type Intake = ReturnType<typeof createIntake>;
