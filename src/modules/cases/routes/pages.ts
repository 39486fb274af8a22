import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Form, IdParams, list, page, text, translate } from './common.js';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasRole } from '../../../platform/auth/roles.js';
import { ConflictError, ValidationError } from '../../../platform/http/errors.js';
import type { Clock } from '../../../platform/time/clock.js';
import { parisDate } from '../../../platform/time/paris.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { CaseFiles } from '../files.js';
import type { FromAlerts } from '../from-alerts.js';
import type { CaseIndicators } from '../indicators.js';
import { CASE_READERS, CASE_ROLES } from '../policy.js';
import type { CaseReferrals } from '../referrals.js';
import type { CaseInput } from '../schemas.js';
import { IndicatorsPage } from '../views/admin.js';
import { CaseListPage } from '../views/list.js';
import { OpenCasePage, type OpenCaseValues } from '../views/open.js';

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
  fromAlerts: FromAlerts;
  referrals: CaseReferrals;
  indicators: CaseIndicators;
  clock: Clock;
}) {
  const { files, fromAlerts, referrals, indicators, clock } = deps;

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
            alerts: await fromAlerts.alertsToFollow(actor),
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
        const context = alertId ? await fromAlerts.alertContext(request.requireActor(), alertId) : undefined;
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
            ? (await fromAlerts.alertContext(request.requireActor(), values.alerte).catch(() => undefined))
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
