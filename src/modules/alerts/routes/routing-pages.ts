import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Geo } from '../../../platform/geo/index.js';
import { runForm } from '../../../platform/http/forms.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { OrganisationService } from '../../organisations/service.js';
import type { DeskAdmin, RuleInput } from '../desks.js';
import { DeskListPage, DeskPage, RuleFormPage, RuleListPage } from '../views/routing.js';

const page = { hide: true };
const COORDINATORS = ['coordinator'] as const;
const Csrf = Type.Optional(Type.String());
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const List = (max: number) => Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: max }));
const RuleForm = Type.Object({
  _csrf: Csrf,
  name: Type.String({ maxLength: 160 }),
  departements: Type.Optional(Type.String({ maxLength: 400 })),
  airports: List(30),
  minorsOnly: List(1),
  forms: List(10),
  contexts: List(10),
  deskIds: List(50),
  competence: Type.Optional(Type.String({ maxLength: 40 })),
  ackMinutes: Type.Optional(Type.String({ maxLength: 6 })),
  escalationDeskIds: List(50),
  active: List(1),
});
type RuleForm = typeof RuleForm.static;

function ruleInput(body: RuleForm): RuleInput {
  return {
    name: body.name,
    departements: body.departements,
    airports: body.airports,
    minorsOnly: (body.minorsOnly ?? []).includes('on'),
    forms: body.forms,
    contexts: body.contexts,
    deskIds: body.deskIds,
    competence: body.competence,
    ackMinutes: body.ackMinutes,
    escalationDeskIds: body.escalationDeskIds,
    active: (body.active ?? []).includes('on'),
  };
}

/** Desks (members, on-call windows) and routing rules, for coordinators. */
export function routingPageRoutes(deps: { desks: DeskAdmin; geo: Geo; organisations: OrganisationService }) {
  const { desks, geo, organisations } = deps;

  async function renderDesks(request: FastifyRequest, values?: Record<string, string>, errors?: FieldErrors) {
    const actor = request.requireActor();
    const orgs = (await organisations.list(actor, {})).filter((o) => o.active);
    return DeskListPage({ ctx: request.pageContext(), desks: await desks.listDesks(actor), organisations: orgs, values, errors });
  }

  async function renderDesk(request: FastifyRequest, id: string, errors?: FieldErrors, shift?: { userId?: string; weekdays?: string[]; start?: string; end?: string }) {
    const { desk, members, shifts } = await desks.getDesk(request.requireActor(), id);
    return DeskPage({ ctx: request.pageContext(), desk, members, shifts, errors, shift });
  }

  async function renderRule(request: FastifyRequest, values: RuleInput, rule?: { id: string; name: string }, errors?: FieldErrors) {
    const all = (await desks.listDesks(request.requireActor())).filter((d) => d.active);
    return RuleFormPage({ ctx: request.pageContext(), rule, values, errors, desks: all, airports: await geo.airports() });
  }

  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/pro/permanences', { schema: page, config: { access: COORDINATORS } }, async (request, reply) => reply.page(await renderDesks(request)));

    app.post(
      '/pro/permanences',
      {
        schema: { ...page, body: Type.Object({ _csrf: Csrf, organisationId: Type.String({ maxLength: 36 }), name: Type.String({ maxLength: 160 }), departements: Type.Optional(Type.String({ maxLength: 400 })) }) },
        attachValidation: true,
        config: { access: COORDINATORS },
      },
      async (request, reply) => {
        const body = request.body ?? { organisationId: '', name: '' };
        const id = await runForm(request, reply, () => desks.createDesk(request.requireActor(), request.auditContext(), body), (errors) => renderDesks(request, body, errors));
        return id ? reply.flashNext('success', 'desks.flash.created').redirect(`/pro/permanences/${id}`, 303) : reply;
      },
    );

    app.get('/pro/permanences/:id', { schema: { ...page, params: IdParams }, config: { access: COORDINATORS } }, async (request, reply) => reply.page(await renderDesk(request, request.params.id)));

    app.post(
      '/pro/permanences/:id/membres',
      { schema: { ...page, params: IdParams, body: Type.Object({ _csrf: Csrf, email: Type.String({ maxLength: 254 }) }) }, attachValidation: true, config: { access: COORDINATORS } },
      async (request, reply) => {
        const done = await runForm(
          request,
          reply,
          async () => {
            await desks.addMember(request.requireActor(), request.auditContext(), request.params.id, request.body?.email ?? '');
            return true;
          },
          (errors) => renderDesk(request, request.params.id, errors),
        );
        return done ? reply.flashNext('success', 'desks.flash.memberAdded').redirect(`/pro/permanences/${request.params.id}`, 303) : reply;
      },
    );

    app.post(
      '/pro/permanences/:id/membres/:userId/retirer',
      { schema: { ...page, params: Type.Object({ id: Type.String({ format: 'uuid' }), userId: Type.String({ format: 'uuid' }) }) }, config: { access: COORDINATORS } },
      async (request, reply) => {
        await desks.removeMember(request.requireActor(), request.auditContext(), request.params.id, request.params.userId);
        return reply.flashNext('success', 'desks.flash.memberRemoved').redirect(`/pro/permanences/${request.params.id}`, 303);
      },
    );

    app.post(
      '/pro/permanences/:id/creneaux',
      {
        schema: {
          ...page,
          params: IdParams,
          body: Type.Object({ _csrf: Csrf, userId: Type.String({ maxLength: 36 }), weekdays: Type.Optional(Type.Array(Type.String({ maxLength: 1 }), { maxItems: 7 })), start: Type.String({ maxLength: 20 }), end: Type.String({ maxLength: 20 }) }),
        },
        attachValidation: true,
        config: { access: COORDINATORS },
      },
      async (request, reply) => {
        const body = request.body ?? { userId: '', start: '', end: '' };
        const done = await runForm(
          request,
          reply,
          async () => {
            await desks.addShift(request.requireActor(), request.auditContext(), request.params.id, { userId: body.userId, weekdays: body.weekdays ?? [], start: body.start, end: body.end });
            return true;
          },
          (errors) => renderDesk(request, request.params.id, errors, body),
        );
        return done ? reply.flashNext('success', 'desks.flash.shiftAdded').redirect(`/pro/permanences/${request.params.id}`, 303) : reply;
      },
    );

    app.post(
      '/pro/permanences/:id/creneaux/:shiftId/retirer',
      { schema: { ...page, params: Type.Object({ id: Type.String({ format: 'uuid' }), shiftId: Type.String({ format: 'uuid' }) }) }, config: { access: COORDINATORS } },
      async (request, reply) => {
        await desks.removeShift(request.requireActor(), request.auditContext(), request.params.id, request.params.shiftId);
        return reply.flashNext('success', 'desks.flash.shiftRemoved').redirect(`/pro/permanences/${request.params.id}`, 303);
      },
    );

    for (const [segment, active] of [['desactiver', false], ['reactiver', true]] as const) {
      app.post(`/pro/permanences/:id/${segment}`, { schema: { ...page, params: IdParams }, config: { access: COORDINATORS } }, async (request, reply) => {
        await desks.setDeskActive(request.requireActor(), request.auditContext(), request.params.id, active);
        return reply.flashNext('success', active ? 'desks.flash.reactivated' : 'desks.flash.deactivated').redirect(`/pro/permanences/${request.params.id}`, 303);
      });
    }

    app.get('/pro/routage', { schema: page, config: { access: COORDINATORS } }, async (request, reply) =>
      reply.page(RuleListPage({ ctx: request.pageContext(), rules: await desks.listRules(request.requireActor()) })),
    );

    app.get('/pro/routage/nouvelle', { schema: page, config: { access: COORDINATORS } }, async (request, reply) => reply.page(await renderRule(request, { name: '', ackMinutes: 30 })));

    app.post('/pro/routage', { schema: { ...page, body: RuleForm }, attachValidation: true, config: { access: COORDINATORS } }, async (request, reply) => {
      const input = ruleInput(request.body ?? { name: '' });
      const id = await runForm(request, reply, () => desks.createRule(request.requireActor(), request.auditContext(), input), (errors) => renderRule(request, input, undefined, errors));
      return id ? reply.flashNext('success', 'rules.flash.created').redirect('/pro/routage', 303) : reply;
    });

    app.get('/pro/routage/:id', { schema: { ...page, params: IdParams }, config: { access: COORDINATORS } }, async (request, reply) => {
      const rule = await desks.getRule(request.requireActor(), request.params.id);
      return reply.page(
        await renderRule(
          request,
          {
            name: rule.name,
            departements: rule.departements.join(', '),
            airports: rule.airports,
            minorsOnly: rule.minors_only,
            forms: rule.exploitation_forms,
            contexts: rule.contexts,
            deskIds: rule.desk_ids,
            competence: rule.competence ?? '',
            ackMinutes: rule.ack_minutes,
            escalationDeskIds: rule.escalation_desk_ids,
            active: rule.active,
          },
          rule,
        ),
      );
    });

    app.post('/pro/routage/:id', { schema: { ...page, params: IdParams, body: RuleForm }, attachValidation: true, config: { access: COORDINATORS } }, async (request, reply) => {
      const rule = await desks.getRule(request.requireActor(), request.params.id);
      const input = ruleInput(request.body ?? { name: '' });
      const done = await runForm(
        request,
        reply,
        async () => {
          await desks.updateRule(request.requireActor(), request.auditContext(), rule.id, input);
          return true;
        },
        (errors) => renderRule(request, input, rule, errors),
      );
      return done ? reply.flashNext('success', 'rules.flash.updated').redirect('/pro/routage', 303) : reply;
    });
  };
}
