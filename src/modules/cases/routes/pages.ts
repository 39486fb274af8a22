import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasRole } from '../../../platform/auth/roles.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import type { Clock } from '../../../platform/time/clock.js';
import { parisDate } from '../../../platform/time/paris.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { CaseFiles } from '../files.js';
import type { CaseIndicators } from '../indicators.js';
import type { CaseJournal } from '../journal.js';
import { CASE_READERS, CASE_ROLES, casePolicy } from '../policy.js';
import type { CaseReferrals } from '../referrals.js';
import type { CaseInput, EventInput, ReferralInput } from '../schemas.js';
import { IndicatorsPage } from '../views/admin.js';
import { BreakGlassPage, CaseFilePage, type FileForms } from '../views/file.js';
import { CaseListPage } from '../views/list.js';
import { OpenCasePage, type OpenCaseValues } from '../views/open.js';

const page = { hide: true };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Form = Type.Record(
  Type.String({ maxLength: 40 }),
  Type.Union([
    Type.String({ maxLength: 2000 }),
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 }),
  ]),
);
type Form = Record<string, string | string[] | undefined>;

const text = (body: Form, name: string) =>
  typeof body[name] === 'string' ? (body[name] as string).trim() || undefined : undefined;
const list = (body: Form, name: string) => [body[name] ?? []].flat().filter((v) => v !== '');

function translate(
  request: FastifyRequest,
  error: ValidationError,
  rename: Record<string, string> = {},
): FieldErrors {
  const errors: Record<string, string> = {};
  for (const [field, key] of Object.entries(error.fields)) {
    const name = rename[field] ?? (field.startsWith('exploitation.') ? 'forms' : field);
    errors[name] = request.t(key, error.fieldParams[field] ?? {});
  }
  if (Object.keys(errors).length === 0) errors._form = request.t(error.messageKey, error.params);
  return errors;
}

function openValues(body: Form): OpenCaseValues {
  return {
    alerte: text(body, 'alerte'),
    minor: text(body, 'minor'),
    age: text(body, 'age'),
    gender: text(body, 'gender'),
    nationality: text(body, 'nationality'),
    language1: text(body, 'language1'),
    language2: text(body, 'language2'),
    forms: list(body, 'forms'),
    tags: list(body, 'tags'),
    names: text(body, 'names'),
    aliases: text(body, 'aliases'),
    birthDate: text(body, 'birthDate'),
    contact: text(body, 'contact'),
    documents: text(body, 'documents'),
    consent: list(body, 'consent'),
  };
}

export function casePageRoutes(deps: {
  files: CaseFiles;
  journal: CaseJournal;
  referrals: CaseReferrals;
  indicators: CaseIndicators;
  clock: Clock;
}) {
  const { files, journal, referrals, indicators, clock } = deps;

  async function renderFile(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    forms?: FileForms,
    status = 200,
  ) {
    const actor = request.requireActor();
    const { row, access } = await files.open(actor, id);
    if (!access.as) {
      if (
        casePolicy.mayBreakGlass(actor, {
          leadDepartement: row.lead_departement,
          leadOrganisationId: row.lead_organisation_id,
        })
      ) {
        return reply.page(
          BreakGlassPage({
            ctx: request.pageContext(),
            reference: row.reference,
            id,
            errors: forms?.errors,
            reason: typeof forms?.values?.reason === 'string' ? forms.values.reason : undefined,
          }),
          status,
        );
      }
      throw new NotFoundError();
    }
    const file = await files.read(actor, id, 'page');
    return reply.page(
      CaseFilePage({
        ctx: request.pageContext(),
        file,
        accessLog: await files.accessLog(actor, id),
        referrals: await referrals.forCase(actor, id),
        organisations: access.canEdit ? await referrals.targets(actor) : [],
        forms,
        today: parisDate(clock.now()),
      }),
      status,
    );
  }

  /** A form of the file's page: success flashes and comes back; a refusal re-renders the page with the values. */
  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: FileForms['form'],
    flash: string,
    action: () => Promise<unknown>,
    rename?: Record<string, string>,
  ) {
    const values = (request.body ?? {}) as Form;
    try {
      await action();
    } catch (error) {
      if (error instanceof ValidationError)
        return renderFile(
          request,
          reply,
          id,
          { form, values, errors: translate(request, error, rename) },
          422,
        );
      if (error instanceof ConflictError)
        return renderFile(
          request,
          reply,
          id,
          { form, values, errors: { _form: request.t(error.messageKey, error.params) } },
          409,
        );
      throw error;
    }
    return reply.flashNext('success', flash).redirect(`/pro/dossiers/${id}`, 303);
  }

  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/pro/dossiers',
      {
        schema: {
          ...page,
          querystring: Type.Object({
            statut: Type.Optional(
              Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')]),
            ),
          }),
        },
        config: { access: CASE_READERS },
      },
      async (request, reply) => {
        const actor = request.requireActor();
        const status = request.query.statut ?? 'open';
        return reply.page(
          CaseListPage({
            ctx: request.pageContext(),
            cases: await files.list(actor, { status }),
            incoming: await referrals.incoming(actor),
            canOpen: hasRole(actor, ...CASE_ROLES),
            coordinator: hasRole(actor, 'coordinator'),
            status,
            alerts: await files.alertsToFollow(actor),
          }),
        );
      },
    );

    app.get(
      '/pro/dossiers/nouveau',
      {
        schema: {
          ...page,
          querystring: Type.Object({ alerte: Type.Optional(Type.String({ format: 'uuid' })) }),
        },
        config: { access: CASE_ROLES },
      },
      async (request, reply) => {
        // From an alert: its first person's profile and its forms of exploitation are carried over.
        const alertId = request.query.alerte;
        const context = alertId ? await files.alertContext(request.requireActor(), alertId) : undefined;
        const person = context?.persons[0];
        const values: OpenCaseValues = {
          alerte: context?.id,
          minor: person
            ? person.minor === 'yes'
              ? 'oui'
              : person.minor === 'no'
                ? 'non'
                : undefined
            : undefined,
          age: person?.age != null ? String(person.age) : undefined,
          gender: person?.gender,
          nationality: person?.nationality ?? undefined,
          language1: person?.languages[0],
          language2: person?.languages[1],
          forms: context?.forms ?? [],
          tags: context && context.departement === '75' && context.hasMinor ? ['mineurs-paris'] : [],
          consent: [],
        };
        return reply.page(
          OpenCasePage({ ctx: request.pageContext(), values, alertReference: context?.reference }),
        );
      },
    );

    app.post(
      '/pro/dossiers',
      { schema: { ...page, body: Form }, attachValidation: true, config: { access: CASE_ROLES } },
      async (request, reply) => {
        const values = openValues((request.body ?? {}) as Form);
        const errors: Record<string, string> = {};
        if (request.validationError) errors._form = request.t('forms.invalidValue');
        if (values.minor !== 'oui' && values.minor !== 'non')
          errors.minor = request.t('cases.errors.minorRequired');
        const age = values.age ? Number(values.age) : undefined;
        if (age !== undefined && !Number.isInteger(age)) errors.age = request.t('cases.errors.age');
        const rerender = async (fieldErrors: FieldErrors, status: number) => {
          const reference = values.alerte
            ? (await files.alertContext(request.requireActor(), values.alerte).catch(() => undefined))
                ?.reference
            : undefined;
          return reply.page(
            OpenCasePage({
              ctx: request.pageContext(),
              values,
              errors: fieldErrors,
              alertReference: reference,
            }),
            status,
          );
        };
        if (Object.keys(errors).length > 0) return rerender(errors, 422);
        const identity = {
          names: values.names,
          aliases: values.aliases,
          birthDate: values.birthDate,
          contact: values.contact,
          documents: values.documents,
        };
        const input: CaseInput = {
          minor: values.minor === 'oui',
          ...(age !== undefined ? { age } : {}),
          ...(values.alerte ? { alertId: values.alerte } : {}),
          gender: (values.gender ?? 'unknown') as CaseInput['gender'] & string,
          ...(values.nationality ? { nationality: values.nationality } : {}),
          languages: [values.language1, values.language2].filter((l): l is string => !!l),
          exploitation: values.forms.map((form) => ({
            form: form as NonNullable<CaseInput['exploitation']>[number]['form'],
          })),
          pilotTags: values.tags,
          ...(Object.values(identity).some((v) => v)
            ? { identity: Object.fromEntries(Object.entries(identity).filter(([, v]) => v)) }
            : {}),
          ...(values.consent.length > 0
            ? { consent: { scopes: values.consent as Array<'identity' | 'journal'> } }
            : {}),
        };
        try {
          const created = await files.create(request.requireActor(), request.auditContext(), input);
          return reply
            .flashNext('success', 'cases.flash.opened', { reference: created.reference })
            .redirect(`/pro/dossiers/${created.id}`, 303);
        } catch (error) {
          if (error instanceof ValidationError)
            return rerender(translate(request, error, { alertId: '_form' }), 422);
          throw error;
        }
      },
    );

    app.get(
      '/pro/dossiers/indicateurs',
      {
        schema: {
          ...page,
          querystring: Type.Object({
            du: Type.Optional(Type.String({ maxLength: 10 })),
            au: Type.Optional(Type.String({ maxLength: 10 })),
            tag: Type.Optional(Type.String({ maxLength: 40 })),
          }),
        },
        config: { access: ['coordinator', 'national_admin'] },
      },
      async (request, reply) => {
        const today = parisDate(clock.now());
        const period = {
          from: request.query.du || `${today.slice(0, 4)}-01-01`,
          to: request.query.au || today,
          tag: request.query.tag || undefined,
        };
        try {
          const result = await indicators.compute(request.requireActor(), period);
          return reply.page(IndicatorsPage({ ctx: request.pageContext(), result, period }));
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.page(
            IndicatorsPage({
              ctx: request.pageContext(),
              period,
              errors: translate(request, error, { from: 'du', to: 'au' }),
            }),
            422,
          );
        }
      },
    );

    app.get(
      '/pro/dossiers/:id',
      { schema: { ...page, params: IdParams }, config: { access: CASE_READERS } },
      async (request, reply) => renderFile(request, reply, request.params.id),
    );

    app.post(
      '/pro/dossiers/:id/journal',
      {
        schema: { ...page, params: IdParams, body: Form },
        attachValidation: true,
        config: { access: CASE_ROLES },
      },
      async (request, reply) => {
        const body = (request.body ?? {}) as Form;
        const kind = text(body, 'kind') ?? '';
        const form: FileForms['form'] =
          kind === 'runaway' || kind === 'return' ? 'runaway' : kind === 'closure' ? 'closure' : 'journal';
        const presence = text(body, 'presence');
        const input: EventInput = {
          kind: kind as EventInput['kind'],
          occurredOn: text(body, 'occurredOn') ?? '',
          ...(text(body, 'endsOn') ? { endsOn: text(body, 'endsOn')! } : {}),
          ...(text(body, 'service') ? { service: text(body, 'service')! } : {}),
          ...(kind === 'trial' && (presence === 'present' || presence === 'absent')
            ? { present: presence === 'present' }
            : {}),
          ...(kind === 'trial' && text(body, 'accompanied') === 'oui' ? { accompanied: true } : {}),
          ...(text(body, 'outcome')
            ? { outcome: text(body, 'outcome') as EventInput['outcome'] & string }
            : {}),
          ...(text(body, 'departement') ? { departement: text(body, 'departement')!.toUpperCase() } : {}),
          ...(text(body, 'note') ? { note: text(body, 'note')! } : {}),
        };
        const flash =
          kind === 'runaway'
            ? 'cases.flash.runaway'
            : kind === 'closure'
              ? 'cases.flash.closed'
              : 'cases.flash.recorded';
        return act(request, reply, request.params.id, form, flash, () =>
          journal.add(request.requireActor(), request.auditContext(), request.params.id, input),
        );
      },
    );

    app.post(
      '/pro/dossiers/:id/identite',
      {
        schema: { ...page, params: IdParams, body: Form },
        attachValidation: true,
        config: { access: CASE_ROLES },
      },
      async (request, reply) => {
        const body = (request.body ?? {}) as Form;
        const identity = {
          names: text(body, 'names'),
          aliases: text(body, 'aliases'),
          birthDate: text(body, 'birthDate'),
          contact: text(body, 'contact'),
          documents: text(body, 'documents'),
        };
        return act(request, reply, request.params.id, 'identity', 'cases.flash.identity', () =>
          files.updateIdentity(
            request.requireActor(),
            request.auditContext(),
            request.params.id,
            Object.fromEntries(Object.entries(identity).filter(([, v]) => v)),
          ),
        );
      },
    );

    app.post(
      '/pro/dossiers/:id/consentements',
      {
        schema: { ...page, params: IdParams, body: Form },
        attachValidation: true,
        config: { access: CASE_ROLES },
      },
      async (request, reply) => {
        const body = (request.body ?? {}) as Form;
        return act(request, reply, request.params.id, 'consent', 'cases.flash.consent', () =>
          files.addConsent(request.requireActor(), request.auditContext(), request.params.id, {
            organisationId: text(body, 'organisationId') ?? '',
            scopes: list(body, 'scopes'),
          }),
        );
      },
    );

    app.post(
      '/pro/dossiers/:id/consentements/:consentId/retrait',
      {
        schema: {
          ...page,
          params: Type.Object({
            id: Type.String({ format: 'uuid' }),
            consentId: Type.String({ format: 'uuid' }),
          }),
          body: Form,
        },
        config: { access: CASE_ROLES },
      },
      async (request, reply) =>
        act(request, reply, request.params.id, 'consent', 'cases.flash.consentWithdrawn', () =>
          files.withdrawConsent(
            request.requireActor(),
            request.auditContext(),
            request.params.id,
            request.params.consentId,
          ),
        ),
    );

    app.post(
      '/pro/dossiers/:id/orientations',
      {
        schema: { ...page, params: IdParams, body: Form },
        attachValidation: true,
        config: { access: CASE_ROLES },
      },
      async (request, reply) => {
        const body = (request.body ?? {}) as Form;
        const input: ReferralInput = {
          kind: text(body, 'kind') === 'transfer' ? 'transfer' : 'referral',
          organisationId: text(body, 'organisationId') ?? '',
          parts: list(body, 'parts') as ReferralInput['parts'],
        };
        return act(
          request,
          reply,
          request.params.id,
          'referral',
          input.kind === 'transfer' ? 'cases.flash.transferSent' : 'cases.flash.referralSent',
          () => referrals.create(request.requireActor(), request.auditContext(), request.params.id, input),
        );
      },
    );

    app.post(
      '/pro/dossiers/:id/rouvrir',
      { schema: { ...page, params: IdParams, body: Form }, config: { access: CASE_ROLES } },
      async (request, reply) =>
        act(request, reply, request.params.id, 'closure', 'cases.flash.reopened', () =>
          journal.reopen(request.requireActor(), request.auditContext(), request.params.id),
        ),
    );

    app.post(
      '/pro/dossiers/:id/bris-de-glace',
      {
        schema: { ...page, params: IdParams, body: Form },
        attachValidation: true,
        config: { access: ['coordinator'] },
      },
      async (request, reply) => {
        const body = (request.body ?? {}) as Form;
        return act(request, reply, request.params.id, 'identity', 'cases.flash.breakGlass', () =>
          files.breakGlass(
            request.requireActor(),
            request.auditContext(),
            request.params.id,
            text(body, 'reason') ?? '',
          ),
        );
      },
    );

    const decide = (
      path: string,
      flash: string,
      action: (request: FastifyRequest<{ Params: { id: string } }>) => Promise<{ caseId: string }>,
    ) =>
      app.post(
        path,
        {
          schema: { ...page, params: IdParams, body: Form },
          attachValidation: true,
          config: { access: CASE_ROLES },
        },
        async (request, reply) => {
          try {
            const referral = await action(request);
            return reply
              .flashNext('success', flash)
              .redirect(
                flash === 'cases.flash.referralRevoked'
                  ? `/pro/dossiers/${referral.caseId}`
                  : '/pro/dossiers',
                303,
              );
          } catch (error) {
            if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error;
            const message =
              error instanceof ValidationError
                ? (Object.values(translate(request, error))[0] ?? '')
                : request.t(error.messageKey, error.params);
            return reply
              .flashNext('error', 'cases.flash.refused', { reason: message })
              .redirect('/pro/dossiers', 303);
          }
        },
      );
    decide('/pro/orientations/:id/accepter', 'cases.flash.referralAccepted', (request) =>
      referrals.accept(request.requireActor(), request.auditContext(), request.params.id),
    );
    decide('/pro/orientations/:id/refuser', 'cases.flash.referralRefused', (request) =>
      referrals.refuse(
        request.requireActor(),
        request.auditContext(),
        request.params.id,
        text((request.body ?? {}) as Form, 'reason') ?? '',
      ),
    );
    decide('/pro/orientations/:id/retirer', 'cases.flash.referralRevoked', (request) =>
      referrals.revoke(request.requireActor(), request.auditContext(), request.params.id),
    );
  };
}
