import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasRole } from '../../../platform/auth/roles.js';
import type { Commune, Geo } from '../../../platform/geo/index.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import { renderDocument } from '../../../platform/views/render.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { Clock } from '../../../platform/time/clock.js';
import type { AlertActions } from '../actions.js';
import type { Intake } from '../intake.js';
import { DESK_ROLES, RAISERS } from '../policy.js';
import type { AlertQueries } from '../queries.js';
import { ALERT_CONTEXTS } from '../reference.js';
import type { AlertInput, Person } from '../schemas.js';
import { AlertPage, type DetailForms, MyAlertsPage, ReporterAlertPage } from '../views/detail.js';
import { AlertCards, AlertListPage } from '../views/list.js';
import { ContextPickerPage, RaiseFormPage, type RaiseFormValues } from '../views/raise.js';

const page = { hide: true };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Csrf = Type.Optional(Type.String());
const DeskField = Type.Optional(Type.String({ maxLength: 36 }));
const ListQuery = Type.Object({
  vue: Type.Optional(Type.Union([Type.Literal('permanences'), Type.Literal('miennes'), Type.Literal('territoire')])),
  statut: Type.Optional(Type.Union([Type.Literal('ouvertes'), Type.Literal('toutes')])),
});
const RaiseForm = Type.Object(
  {
    _csrf: Csrf,
    idempotencyKey: Type.String({ maxLength: 200 }),
    context: Type.String({ maxLength: 40 }),
    action: Type.Optional(Type.String({ maxLength: 20 })),
    danger: Type.Optional(Type.String({ maxLength: 3 })),
    placeKind: Type.Optional(Type.String({ maxLength: 20 })),
    airport: Type.Optional(Type.String({ maxLength: 3 })),
    commune: Type.Optional(Type.String({ maxLength: 120 })),
    communeCode: Type.Optional(Type.String({ maxLength: 5 })),
    departement: Type.Optional(Type.String({ maxLength: 3 })),
    personCount: Type.Optional(Type.String({ maxLength: 4 })),
    personBlocks: Type.Optional(Type.String({ maxLength: 3 })),
    forms: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
    indicators: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 40 })),
    consent: Type.Optional(Type.String({ maxLength: 20 })),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: Type.String({ maxLength: 40 }) },
);
type RaiseForm = Record<string, string | string[] | undefined> & { idempotencyKey: string; context: string };

const MAX_PERSON_BLOCKS = 20;

/** Form fields of the alert page, from the API's field paths. */
function formField(path: string): string {
  const person = /^persons\.(\d+)\.(\w+)$/.exec(path);
  if (person) return `p${person[1]}_${{ estimatedAge: 'age', languages: 'lang1' }[person[2]!] ?? person[2]}`;
  return { 'place.commune': 'commune', 'place.airport': 'airport', 'place.departement': 'departement', place: 'placeKind', persons: 'personCount', exploitation: 'forms' }[path] ?? path;
}

function valuesFromForm(body: RaiseForm): RaiseFormValues {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
  const blocks = Math.min(MAX_PERSON_BLOCKS, Math.max(1, Number(text('personBlocks') ?? '1') || 1));
  return {
    idempotencyKey: body.idempotencyKey,
    context: body.context,
    danger: text('danger') === 'oui',
    placeKind: text('placeKind'),
    airport: text('airport'),
    commune: text('commune'),
    communeCode: text('communeCode'),
    departement: text('departement'),
    personCount: text('personCount'),
    persons: Array.from({ length: blocks }, (_, i) => ({
      minor: text(`p${i}_minor`),
      age: text(`p${i}_age`),
      gender: text(`p${i}_gender`),
      nationality: text(`p${i}_nationality`),
      lang1: text(`p${i}_lang1`),
      lang2: text(`p${i}_lang2`),
    })),
    forms: [body.forms ?? []].flat() as string[],
    indicators: [body.indicators ?? []].flat() as string[],
    consent: text('consent'),
    description: text('description'),
  };
}

export function alertPageRoutes(deps: { intake: Intake; actions: AlertActions; queries: AlertQueries; geo: Geo; clock: Clock }) {
  const { intake, actions, queries, geo, clock } = deps;

  async function renderRaise(request: FastifyRequest, values: RaiseFormValues, errors?: FieldErrors, communeChoices?: Commune[]) {
    return RaiseFormPage({ ctx: request.pageContext(), values, errors, airports: await geo.airports(), departements: await geo.departements(), communeChoices });
  }

  /** The form's words to the API's shape; a commune typed by name is looked up, several matches are offered. */
  async function toInput(values: RaiseFormValues): Promise<{ input?: AlertInput; errors?: Record<string, string>; choices?: Commune[] }> {
    const errors: Record<string, string> = {};
    let place: AlertInput['place'] = {};
    let choices: Commune[] | undefined;
    if (values.placeKind === 'airport') {
      if (values.airport) place = { airport: values.airport };
      else errors.airport = 'alerts.errors.airportRequired';
    } else if (values.placeKind === 'departement') {
      if (values.departement) place = { departement: values.departement };
      else errors.departement = 'alerts.errors.departementRequired';
    } else if (values.placeKind === 'commune') {
      const typed = values.commune?.trim() ?? '';
      if (values.communeCode) place = { commune: values.communeCode };
      else if (typed === '') errors.commune = 'alerts.errors.communeRequired';
      else {
        const exact = /^(\d{5}|2[AB]\d{3})$/i.test(typed) ? await geo.commune(typed) : undefined;
        const found = exact ? [exact] : await geo.searchCommunes(typed, 8);
        const sameName = found.filter((c) => c.name.localeCompare(typed, 'fr', { sensitivity: 'base' }) === 0);
        const pick = found.length === 1 ? found[0] : sameName.length === 1 ? sameName[0] : undefined;
        if (pick) place = { commune: pick.code };
        else if (found.length === 0) errors.commune = 'alerts.errors.communeUnknown';
        else {
          errors.commune = 'alerts.errors.communeChoose';
          choices = found;
        }
      }
    } else {
      errors.placeKind = 'alerts.errors.placeRequired';
    }
    const persons: Person[] = [];
    values.persons.forEach((p, i) => {
      if (!p.minor) {
        errors[`p${i}_minor`] = 'alerts.errors.minorRequired';
        return;
      }
      const age = p.age?.trim() ? Number(p.age) : undefined;
      if (age !== undefined && (!Number.isInteger(age) || age < 0 || age > 120)) errors[`p${i}_age`] = 'alerts.errors.age';
      persons.push({
        minor: p.minor as Person['minor'],
        gender: (p.gender || 'unknown') as Person['gender'],
        ...(age !== undefined && Number.isInteger(age) ? { estimatedAge: age } : {}),
        ...(p.nationality ? { nationality: p.nationality } : {}),
        languages: [p.lang1, p.lang2].filter((l): l is string => !!l),
      });
    });
    if (!values.consent) errors.consent = 'alerts.errors.consentRequired';
    const count = values.personCount?.trim() ? Number(values.personCount) : undefined;
    if (count !== undefined && (!Number.isInteger(count) || count < 1 || count > 500)) errors.personCount = 'alerts.errors.personCount';
    if (Object.keys(errors).length > 0) return { errors, ...(choices ? { choices } : {}) };
    return {
      input: {
        context: values.context as AlertInput['context'],
        place,
        persons,
        ...(count !== undefined ? { personCount: count } : {}),
        exploitation: values.forms as AlertInput['exploitation'],
        indicators: values.indicators,
        immediateDanger: values.danger ?? false,
        consent: values.consent as AlertInput['consent'],
        ...(values.description?.trim() ? { description: values.description } : {}),
      },
    };
  }

  function translateErrors(request: FastifyRequest, fields: Record<string, string>, params: Record<string, Record<string, string | number>> = {}): FieldErrors {
    return Object.fromEntries(Object.entries(fields).map(([field, key]) => [formField(field), request.t(key, params[field] ?? {})]));
  }

  async function renderAlert(request: FastifyRequest, reply: FastifyReply, id: string, forms?: DetailForms, status = 200) {
    const reading = await queries.read(request.requireActor(), request.auditContext(), id);
    const justSent = (request.query as { envoyee?: string }).envoyee === '1';
    if (reading.view === 'reporter') return reply.page(ReporterAlertPage({ ctx: request.pageContext(), alert: reading.detail, justSent }), status);
    return reply.page(
      AlertPage({ ctx: request.pageContext(), alert: reading.detail, view: reading.view, myDesks: reading.myDesks, targets: await queries.handOffTargets(), forms, justSent }),
      status,
    );
  }

  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/pro/alertes/nouvelle',
      { schema: { ...page, querystring: Type.Object({ contexte: Type.Optional(Type.String({ maxLength: 40 })) }) }, config: { access: RAISERS } },
      async (request, reply) => {
        const context = request.query.contexte;
        if (!context || !(ALERT_CONTEXTS as readonly string[]).includes(context)) return reply.page(ContextPickerPage({ ctx: request.pageContext() }));
        const actor = request.requireActor();
        const airportGrant = actor.grants.find((g) => g.scope.kind === 'airport');
        const values: RaiseFormValues = {
          idempotencyKey: randomUUID(),
          context,
          ...(context === 'aeroport' ? { placeKind: 'airport', ...(airportGrant?.scope.kind === 'airport' ? { airport: airportGrant.scope.airport } : {}) } : {}),
          persons: [{}],
          forms: [],
          indicators: [],
        };
        return reply.page(await renderRaise(request, values));
      },
    );

    app.post('/pro/alertes', { schema: { ...page, body: RaiseForm }, attachValidation: true, config: { access: RAISERS } }, async (request, reply) => {
      if (request.validationError || !request.body) throw new ValidationError({}, 'errors.invalidRequest');
      const body = request.body as unknown as RaiseForm;
      if (!(ALERT_CONTEXTS as readonly string[]).includes(body.context)) throw new ValidationError({ context: 'alerts.errors.context' });
      const values = valuesFromForm(body);
      if (body.action === 'addPerson') {
        if (values.persons.length < MAX_PERSON_BLOCKS) values.persons.push({});
        return reply.page(await renderRaise(request, values));
      }
      const { input, errors, choices } = await toInput(values);
      if (!input) return reply.page(await renderRaise(request, values, translateErrors(request, errors ?? {}), choices), 422);
      try {
        const { alert } = await intake.raise(request.requireActor(), request.auditContext(), input, values.idempotencyKey);
        return reply.redirect(`/pro/alertes/${alert.id}?envoyee=1`, 303);
      } catch (error) {
        if (error instanceof ValidationError) return reply.page(await renderRaise(request, values, translateErrors(request, error.fields, error.fieldParams)), 422);
        if (error instanceof ConflictError) return reply.page(await renderRaise(request, { ...values, idempotencyKey: randomUUID() }, { _form: request.t(error.messageKey) }), 409);
        throw error;
      }
    });

    app.get('/pro/alertes', { schema: { ...page, querystring: ListQuery }, config: { access: RAISERS } }, async (request, reply) => {
      const actor = request.requireActor();
      const myDesks = hasRole(actor, ...DESK_ROLES) ? await queries.myDesks(actor) : [];
      if (myDesks.length === 0 && !hasRole(actor, 'coordinator') && !request.query.vue) return reply.redirect('/pro/mes-alertes', 303);
      const { view, alerts } = await queries.list(actor, request.auditContext(), request.query);
      const views = [...(myDesks.length > 0 ? ['permanences'] : []), ...(hasRole(actor, 'coordinator') ? ['territoire'] : []), 'miennes'];
      return reply.page(AlertListPage({ ctx: request.pageContext(), view, views, openOnly: (request.query.statut ?? 'ouvertes') === 'ouvertes', alerts, now: clock.now(), desks: myDesks }));
    });

    // The list alone, for the page's live refresh after a Server-Sent Event.
    app.get('/pro/alertes/liste', { schema: { ...page, querystring: ListQuery }, config: { access: RAISERS } }, async (request, reply) => {
      const { view, alerts } = await queries.list(request.requireActor(), request.auditContext(), request.query);
      reply.header('cache-control', 'private, no-store').type('text/html; charset=utf-8');
      return renderDocument(AlertCards({ ctx: request.pageContext(), alerts, now: clock.now(), view })).replace('<!DOCTYPE html>', '');
    });

    app.get('/pro/mes-alertes', { schema: page, config: { access: RAISERS } }, async (request, reply) => {
      const { alerts } = await queries.list(request.requireActor(), request.auditContext(), { vue: 'miennes', statut: 'toutes' });
      return reply.page(MyAlertsPage({ ctx: request.pageContext(), alerts }));
    });

    app.get(
      '/pro/alertes/:id',
      { schema: { ...page, params: IdParams, querystring: Type.Object({ envoyee: Type.Optional(Type.String({ maxLength: 1 })) }) }, config: { access: RAISERS } },
      async (request, reply) => renderAlert(request, reply, request.params.id),
    );

    const ActionBody = Type.Object({ _csrf: Csrf, deskId: DeskField });
    const desk = (body: { deskId?: string | undefined } | undefined) => (body?.deskId && /^[0-9a-f-]{36}$/i.test(body.deskId) ? body.deskId : undefined);

    app.post('/pro/alertes/:id/prise-en-compte', { schema: { ...page, params: IdParams, body: ActionBody }, config: { access: DESK_ROLES } }, async (request, reply) => {
      await actions.acknowledge(request.requireActor(), request.auditContext(), request.params.id, desk(request.body));
      return reply.flashNext('success', 'alerts.flash.acknowledged').redirect(`/pro/alertes/${request.params.id}`, 303);
    });
    app.post('/pro/alertes/:id/relais', { schema: { ...page, params: IdParams, body: ActionBody }, config: { access: DESK_ROLES } }, async (request, reply) => {
      await actions.takeOver(request.requireActor(), request.auditContext(), request.params.id, desk(request.body));
      return reply.flashNext('success', 'alerts.flash.takenOver').redirect(`/pro/alertes/${request.params.id}`, 303);
    });

    const withForm = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, run: () => Promise<void>, flash: string, forms: (errors: FieldErrors) => DetailForms) => {
      try {
        await run();
        return reply.flashNext('success', flash).redirect(`/pro/alertes/${request.params.id}`, 303);
      } catch (error) {
        if (error instanceof ValidationError) return renderAlert(request, reply, request.params.id, forms(translateErrors(request, error.fields)), 422);
        if (error instanceof ConflictError || error instanceof ForbiddenError) {
          if (error instanceof ForbiddenError && error.messageKey === 'errors.forbidden') throw error;
          return renderAlert(request, reply, request.params.id, forms({ _form: request.t(error.messageKey) }), error.status);
        }
        throw error;
      }
    };

    app.post(
      '/pro/alertes/:id/transfert',
      { schema: { ...page, params: IdParams, body: Type.Object({ _csrf: Csrf, deskId: DeskField, toDeskId: Type.String({ maxLength: 36 }), note: Type.String({ maxLength: 2000 }) }) }, config: { access: DESK_ROLES } },
      async (request, reply) => {
        const body = request.body;
        return withForm(
          request,
          reply,
          () => actions.handOff(request.requireActor(), request.auditContext(), request.params.id, { deskId: desk(body), toDeskId: body.toDeskId, note: body.note }),
          'alerts.flash.handedOff',
          (errors) => ({ handOff: body, errors }),
        );
      },
    );
    app.post(
      '/pro/alertes/:id/notes',
      { schema: { ...page, params: IdParams, body: Type.Object({ _csrf: Csrf, deskId: DeskField, note: Type.String({ maxLength: 4000 }) }) }, config: { access: DESK_ROLES } },
      async (request, reply) =>
        withForm(request, reply, () => actions.addNote(request.requireActor(), request.auditContext(), request.params.id, { deskId: desk(request.body), note: request.body.note }), 'alerts.flash.noted', (errors) => ({
          note: request.body.note,
          errors,
        })),
    );
    app.post(
      '/pro/alertes/:id/cloture',
      { schema: { ...page, params: IdParams, body: Type.Object({ _csrf: Csrf, deskId: DeskField, outcome: Type.String({ maxLength: 40 }), note: Type.Optional(Type.String({ maxLength: 2000 })) }) }, config: { access: DESK_ROLES } },
      async (request, reply) => {
        const body = request.body;
        return withForm(
          request,
          reply,
          async () => {
            if (!body.outcome) throw new ValidationError({ outcome: 'alerts.errors.outcomeRequired' });
            await actions.close(request.requireActor(), request.auditContext(), request.params.id, { deskId: desk(body), outcome: body.outcome as never, ...(body.note ? { note: body.note } : {}) });
          },
          'alerts.flash.closed',
          (errors) => ({ close: body, errors }),
        );
      },
    );
  };
}
