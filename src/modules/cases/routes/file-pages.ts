import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Form, IdParams, list, page, text, translate } from './common.js';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../platform/http/errors.js';
import { actOnForm } from '../../../platform/http/forms.js';
import type { Clock } from '../../../platform/time/clock.js';
import { parisDate } from '../../../platform/time/paris.js';
import type { CaseAccess } from '../access.js';
import type { CaseFiles } from '../files.js';
import type { CaseJournal } from '../journal.js';
import { CASE_READERS, CASE_ROLES, casePolicy } from '../policy.js';
import type { CaseReferrals } from '../referrals.js';
import type { EventInput, ReferralInput } from '../schemas.js';
import { BreakGlassPage, CaseFilePage, type FileForms } from '../views/file.js';

/** A file's page and its forms: journal, identity, consents, referral, reopening, break-glass. */
export function caseFilePageRoutes(deps: {
  files: CaseFiles;
  access: CaseAccess;
  journal: CaseJournal;
  referrals: CaseReferrals;
  clock: Clock;
}) {
  const { files, access: caseAccess, journal, referrals, clock } = deps;

  async function renderFile(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    forms?: FileForms,
    status = 200,
  ) {
    const actor = request.requireActor();
    const opened = await files.open(actor, id);
    const { row, access } = opened;
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
    const file = await files.read(actor, id, 'page', opened);
    return reply.page(
      CaseFilePage({
        ctx: request.pageContext(),
        file,
        accessLog: await caseAccess.accessLog(actor, id),
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
    // Beyond the form's limits (long texts, too many values): refused, with what was typed.
    if (request.validationError)
      return renderFile(
        request,
        reply,
        id,
        { form, values, errors: { _form: request.t('forms.invalidValue') } },
        422,
      );
    return actOnForm(request, reply, {
      action,
      flash,
      next: `/pro/dossiers/${id}`,
      rerender: (errors, status) => renderFile(request, reply, id, { form, values, errors }, status),
      translate: (error) => translate(request, error, rename),
    });
  }

  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

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
          caseAccess.updateIdentity(
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
          caseAccess.addConsent(request.requireActor(), request.auditContext(), request.params.id, {
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
          caseAccess.withdrawConsent(
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
          caseAccess.breakGlass(
            request.requireActor(),
            request.auditContext(),
            request.params.id,
            text(body, 'reason') ?? '',
          ),
        );
      },
    );
  };
}
