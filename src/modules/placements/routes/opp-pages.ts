import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasRole, type Role } from '../../../platform/auth/roles.js';
import type { Geo } from '../../../platform/geo/index.js';
import { ValidationError } from '../../../platform/http/errors.js';
import { actOnForm } from '../../../platform/http/forms.js';
import type { Clock } from '../../../platform/time/clock.js';
import { fromParisLocalInput, toParisLocalInput } from '../../../platform/time/paris.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { Capacity } from '../capacity.js';
import type { DeskDirectory, OppClock } from '../opp.js';
import { PUBLICS } from '../reference.js';
import type { Reservations } from '../reservations.js';
import type { PlacementSearch } from '../search.js';
import { CapacityPage } from '../views/capacity.js';
import { type OppForms, OppListPage, OppPage, type ReferralFormValues } from '../views/opp.js';

const page = { hide: true };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Csrf = Type.Optional(Type.String());
const short = (maxLength = 40) => Type.Optional(Type.String({ maxLength }));
const OPP_ROLES: Role[] = ['duty_desk', 'coordinator'];
const CAPACITY_ROLES: Role[] = ['coordinator', 'host_staff'];
const MINORS = new Set(['mineurs', 'mineures']);

const ReferralForm = Type.Object(
  { _csrf: Csrf, deskId: short(36), alertId: short(36), referredAt: short(30) },
  { additionalProperties: false },
);
const OrderForm = Type.Object(
  { _csrf: Csrf, orderedAt: short(30), court: short(200), placementId: short(36) },
  { additionalProperties: false },
);
const WithdrawForm = Type.Object({ _csrf: Csrf, reason: short() }, { additionalProperties: false });
const CapacityQuery = Type.Object(
  {
    departement: Type.Optional(
      Type.Union([Type.Literal(''), Type.String({ pattern: '^(\\d{2}|2[AB]|9[78]\\d)$' })]),
    ),
    public: Type.Optional(Type.Union([Type.Literal(''), ...PUBLICS.map((p) => Type.Literal(p))])),
  },
  { additionalProperties: false },
);

/** A datetime-local field (Paris wall time) to the ISO instant the service expects; a bad value is a field error. */
function instant(
  value: string | undefined,
  field: string,
  errors: Record<string, string>,
): string | undefined {
  if (!value?.trim()) return undefined;
  const date = fromParisLocalInput(value);
  if (!date) {
    errors[field] = 'opp.errors.time';
    return undefined;
  }
  return date.toISOString();
}

function translate(request: FastifyRequest, error: ValidationError): FieldErrors {
  const errors: Record<string, string> = {};
  for (const [field, key] of Object.entries(error.fields))
    errors[field] = request.t(key, error.fieldParams[field] ?? {});
  if (Object.keys(errors).length === 0) errors._form = request.t(error.messageKey, error.params);
  return errors;
}

export function oppPageRoutes(deps: {
  opp: OppClock;
  reservations: Reservations;
  search: PlacementSearch;
  capacity: Capacity;
  desks: DeskDirectory;
  geo: Geo;
  clock: Clock;
}) {
  const { opp, reservations, search, capacity, desks, geo, clock } = deps;

  /** The desks a referral can be recorded for: the actor's own, and every active one for a coordinator. */
  async function deskOptions(request: FastifyRequest) {
    const actor = request.requireActor();
    const mine = (await desks.desksOf(actor.userId)).map((d) => ({ value: d.id, label: d.name }));
    if (!hasRole(actor, 'coordinator')) return mine;
    const others = (await desks.listDesks())
      .filter((d) => d.active && !mine.some((m) => m.value === d.id))
      .map((d) => ({ value: d.id, label: `${d.name} — ${d.organisation_name}` }));
    return [...mine, ...others];
  }

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    values: ReferralFormValues,
    errors?: FieldErrors,
    status = 200,
  ) {
    const actor = request.requireActor();
    const all = (request.query as { toutes?: string }).toutes === '1';
    return reply.page(
      OppListPage({
        ctx: request.pageContext(),
        procedures: await opp.list(actor, { all }),
        desks: await deskOptions(request),
        values: { referredAt: toParisLocalInput(clock.now()), ...values },
        errors,
        alertReference: values.alertId ? await search.alertReference(actor, values.alertId) : undefined,
        all,
      }),
      status,
    );
  }

  async function renderDetail(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    forms?: OppForms,
    status = 200,
  ) {
    const actor = request.requireActor();
    const procedure = await opp.get(actor, id);
    // The structure of the OPP: a placement of a minor that the structure has accepted.
    const placements = (await reservations.list(actor))
      .filter(
        (p) => MINORS.has(String(p.profile.public)) && ['accepted', 'started', 'ended'].includes(p.status),
      )
      .map((p) => ({ value: p.id, label: `${p.reference} — ${p.offer} (${p.organisation})` }));
    const values = forms ?? { order: { orderedAt: toParisLocalInput(clock.now()) } };
    return reply.page(
      OppPage({ ctx: request.pageContext(), opp: procedure, placements, forms: values }),
      status,
    );
  }

  const act = (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    flash: string,
    action: () => Promise<unknown>,
    forms: (errors: FieldErrors) => OppForms,
  ) =>
    actOnForm(request, reply, {
      action,
      flash,
      next: `/pro/opp/${id}`,
      rerender: (errors, status) => renderDetail(request, reply, id, forms(errors), status),
      translate: (error) => translate(request, error),
    });

  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/pro/opp',
      {
        schema: {
          ...page,
          querystring: Type.Object({
            toutes: short(1),
            alerte: Type.Optional(Type.String({ format: 'uuid' })),
          }),
        },
        config: { access: OPP_ROLES },
      },
      async (request, reply) =>
        renderList(request, reply, request.query.alerte ? { alertId: request.query.alerte } : {}),
    );

    app.post(
      '/pro/opp',
      { schema: { ...page, body: ReferralForm }, attachValidation: true, config: { access: OPP_ROLES } },
      async (request, reply) => {
        const body = request.body ?? {};
        const values: ReferralFormValues = {
          deskId: body.deskId,
          alertId: body.alertId,
          referredAt: body.referredAt,
        };
        const errors: Record<string, string> = {};
        if (request.validationError) errors._form = 'forms.invalidValue';
        const referredAt = instant(body.referredAt, 'referredAt', errors);
        try {
          if (Object.keys(errors).length > 0) throw new ValidationError(errors);
          const procedure = await opp.refer(request.requireActor(), request.auditContext(), {
            ...(body.deskId ? { deskId: body.deskId } : {}),
            ...(body.alertId ? { alertId: body.alertId } : {}),
            ...(referredAt ? { referredAt } : {}),
          });
          return reply
            .flashNext('success', 'opp.flash.referred', { reference: procedure.reference })
            .redirect(`/pro/opp/${procedure.id}`, 303);
        } catch (error) {
          if (error instanceof ValidationError)
            return renderList(request, reply, values, translate(request, error), 422);
          throw error;
        }
      },
    );

    app.get(
      '/pro/opp/:id',
      { schema: { ...page, params: IdParams }, config: { access: OPP_ROLES } },
      async (request, reply) => renderDetail(request, reply, request.params.id),
    );

    app.post(
      '/pro/opp/:id/ordonnance',
      {
        schema: { ...page, params: IdParams, body: OrderForm },
        attachValidation: true,
        config: { access: OPP_ROLES },
      },
      async (request, reply) => {
        const body = request.body ?? {};
        const order = { orderedAt: body.orderedAt, court: body.court, placementId: body.placementId };
        return act(
          request,
          reply,
          request.params.id,
          'opp.flash.ordered',
          async () => {
            const errors: Record<string, string> = {};
            if (request.validationError) errors._form = 'forms.invalidValue';
            const orderedAt = instant(body.orderedAt, 'orderedAt', errors);
            if (Object.keys(errors).length > 0) throw new ValidationError(errors);
            await opp.order(request.requireActor(), request.auditContext(), request.params.id, {
              court: body.court ?? '',
              ...(orderedAt ? { orderedAt } : {}),
              ...(body.placementId ? { placementId: body.placementId } : {}),
            });
          },
          (errors) => ({ order, errors }),
        );
      },
    );

    app.post(
      '/pro/opp/:id/arret',
      {
        schema: { ...page, params: IdParams, body: WithdrawForm },
        attachValidation: true,
        config: { access: OPP_ROLES },
      },
      async (request, reply) => {
        const reason = request.body?.reason ?? '';
        return act(
          request,
          reply,
          request.params.id,
          'opp.flash.withdrawn',
          () => opp.withdraw(request.requireActor(), request.auditContext(), request.params.id, reason),
          (errors) => ({ withdraw: { reason }, errors }),
        );
      },
    );

    // Capacity dashboard and its CSV
    app.get(
      '/pro/capacite',
      { schema: { ...page, querystring: CapacityQuery }, config: { access: CAPACITY_ROLES } },
      async (request, reply) => {
        const departement = request.query.departement || undefined;
        const report = await capacity.report(request.requireActor(), departement);
        return reply.page(
          CapacityPage({
            ctx: request.pageContext(),
            report,
            departements: await geo.departements(),
            filter: { departement, public: request.query.public || undefined },
          }),
        );
      },
    );

    app.get(
      '/pro/capacite.csv',
      { schema: { ...page, querystring: CapacityQuery }, config: { access: CAPACITY_ROLES } },
      async (request, reply) => {
        const departement = request.query.departement || undefined;
        const csv = await capacity.csv(
          request.requireActor(),
          departement,
          request.query.public || undefined,
        );
        const date = toParisLocalInput(clock.now()).slice(0, 10);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="capacite-${departement ?? 'national'}-${date}.csv"`,
          )
          .send(csv);
      },
    );
  };
}
