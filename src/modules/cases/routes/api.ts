import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../../platform/auth/roles.js';
import type { CaseFiles } from '../files.js';
import type { CaseIndicators } from '../indicators.js';
import type { CaseJournal } from '../journal.js';
import { CASE_READERS, CASE_ROLES } from '../policy.js';
import { CONSENT_SCOPES, PILOT_TAGS } from '../reference.js';
import type { CaseReferrals } from '../referrals.js';
import {
  AccessLogEntry,
  CaseEvent,
  CaseFile,
  CaseInput,
  CaseSummary,
  EventInput,
  Identity,
  Indicators,
  Referral,
  ReferralInput,
} from '../schemas.js';

const tags = ['cases'];
const security = [{ bearer: [] }];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const read = (access: readonly Role[]) => ({ access: [...access], scope: 'cases:read' as const });
const write = (access: readonly Role[]) => ({ access: [...access], scope: 'cases:write' as const });
const NoContent = { 204: Type.Null() };

export function caseApiRoutes(deps: {
  files: CaseFiles;
  journal: CaseJournal;
  referrals: CaseReferrals;
  indicators: CaseIndicators;
}) {
  const { files, journal, referrals, indicators } = deps;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/api/v1/cases',
      {
        schema: {
          summary: 'Ouvrir un dossier de suivi (depuis une alerte ou directement)',
          description:
            'L’organisation de l’appelant en est la référente. L’identité est chiffrée champ par champ et n’est gardée qu’avec le consentement de la personne pour cette organisation (`consent.scopes` contient `identity`).',
          tags,
          security,
          body: CaseInput,
          response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }), reference: Type.String() }) },
        },
        config: write(CASE_ROLES),
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await files.create(request.requireActor(), request.auditContext(), request.body)),
    );

    app.get(
      '/api/v1/cases',
      {
        schema: {
          summary: 'Dossiers de l’organisation (ou du territoire pour la coordination), sans identité',
          tags,
          security,
          querystring: Type.Object({
            status: Type.Optional(
              Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')]),
            ),
            tag: Type.Optional(
              Type.String({
                pattern: '^[a-z0-9-]{2,40}$',
                description: `Projet pilote (${PILOT_TAGS.join(', ')}…)`,
              }),
            ),
          }),
          response: { 200: Type.Object({ cases: Type.Array(CaseSummary) }) },
        },
        config: read(CASE_READERS),
      },
      async (request) => ({ cases: await files.list(request.requireActor(), request.query) }),
    );

    app.get(
      '/api/v1/cases/indicators',
      {
        schema: {
          summary: 'Indicateurs des projets pilotes, par étiquette et période',
          description:
            'Entrées, placements, fugues, retours, procès et présence au procès, sorties vers l’autonomie. Les dossiers anonymisés comptent toujours.',
          tags,
          security,
          querystring: Type.Object({
            from: Type.String({ format: 'date' }),
            to: Type.String({ format: 'date' }),
            tag: Type.Optional(Type.String({ maxLength: 40 })),
          }),
          response: { 200: Indicators },
        },
        config: read(['coordinator', 'national_admin']),
      },
      async (request) => indicators.compute(request.requireActor(), request.query),
    );

    app.get(
      '/api/v1/cases/:id',
      {
        schema: {
          summary: 'Un dossier (chaque lecture est journalisée)',
          description:
            'Les partenaires ne voient que les parties transmises ; l’identité seulement si le consentement couvre leur organisation ; la coordination après un bris de glace.',
          tags,
          security,
          params: IdParams,
          response: { 200: CaseFile },
        },
        config: read(CASE_READERS),
      },
      async (request) => files.read(request.requireActor(), request.params.id, 'api'),
    );

    app.get(
      '/api/v1/cases/:id/events',
      {
        schema: {
          summary: 'Le journal du dossier (parties visibles)',
          tags,
          security,
          params: IdParams,
          response: { 200: Type.Object({ events: Type.Array(CaseEvent) }) },
        },
        config: read(CASE_READERS),
      },
      async (request) => ({
        events: (await files.read(request.requireActor(), request.params.id, 'api')).events,
      }),
    );

    app.post(
      '/api/v1/cases/:id/events',
      {
        schema: {
          summary:
            'Ajouter au journal : accompagnement, procédure, droit au séjour, mesure pour mineur, fugue, retour, clôture',
          description:
            'Une date de procès avant la plainte est refusée ; une clôture demande une issue ; une fugue envoie aussitôt une alerte aux permanences de l’organisation référente et à la coordination nationale (`alert` dans la réponse).',
          tags,
          security,
          params: IdParams,
          body: EventInput,
          response: {
            201: Type.Object({
              id: Type.String({ format: 'uuid' }),
              alert: Type.Optional(Type.Object({ id: Type.String(), reference: Type.String() })),
            }),
          },
        },
        config: write(CASE_ROLES),
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await journal.add(
              request.requireActor(),
              request.auditContext(),
              request.params.id,
              request.body,
            ),
          ),
    );

    app.put(
      '/api/v1/cases/:id/identity',
      {
        schema: {
          summary: 'Remplacer l’identité (organisation référente, avec consentement)',
          tags,
          security,
          params: IdParams,
          body: Identity,
          response: NoContent,
        },
        config: write(CASE_ROLES),
      },
      async (request, reply) => {
        await files.updateIdentity(
          request.requireActor(),
          request.auditContext(),
          request.params.id,
          request.body,
        );
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/v1/cases/:id/consents',
      {
        schema: {
          summary: 'Enregistrer le consentement de la personne pour une organisation du dossier',
          tags,
          security,
          params: IdParams,
          body: Type.Object(
            {
              organisationId: Type.String({ format: 'uuid' }),
              scopes: Type.Array(Type.Unsafe<string>({ type: 'string', enum: [...CONSENT_SCOPES] }), {
                minItems: 1,
              }),
            },
            { additionalProperties: false },
          ),
          response: NoContent,
        },
        config: write(CASE_ROLES),
      },
      async (request, reply) => {
        await files.addConsent(
          request.requireActor(),
          request.auditContext(),
          request.params.id,
          request.body,
        );
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/v1/cases/:id/consents/:consentId/withdraw',
      {
        schema: {
          summary: 'Retrait du consentement',
          tags,
          security,
          params: Type.Object({
            id: Type.String({ format: 'uuid' }),
            consentId: Type.String({ format: 'uuid' }),
          }),
          response: NoContent,
        },
        config: write(CASE_ROLES),
      },
      async (request, reply) => {
        await files.withdrawConsent(
          request.requireActor(),
          request.auditContext(),
          request.params.id,
          request.params.consentId,
        );
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/v1/cases/:id/placements',
      {
        schema: {
          summary: 'Lier un placement au dossier',
          tags,
          security,
          params: IdParams,
          body: Type.Object(
            { placementId: Type.String({ format: 'uuid' }) },
            { additionalProperties: false },
          ),
          response: NoContent,
        },
        config: write(CASE_ROLES),
      },
      async (request, reply) => {
        await files.linkPlacement(
          request.requireActor(),
          request.auditContext(),
          request.params.id,
          request.body.placementId,
        );
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/v1/cases/:id/reopen',
      {
        schema: { summary: 'Rouvrir un dossier clos', tags, security, params: IdParams, response: NoContent },
        config: write(CASE_ROLES),
      },
      async (request, reply) => {
        await journal.reopen(request.requireActor(), request.auditContext(), request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/cases/:id/access-log',
      {
        schema: {
          summary: 'Qui a lu le dossier, quand',
          tags,
          security,
          params: IdParams,
          response: { 200: Type.Object({ entries: Type.Array(AccessLogEntry) }) },
        },
        config: read(CASE_READERS),
      },
      async (request) => ({ entries: await files.accessLog(request.requireActor(), request.params.id) }),
    );

    app.post(
      '/api/v1/cases/:id/break-glass',
      {
        schema: {
          summary: 'Bris de glace : ouvrir un dossier pour 4 h avec une raison écrite (coordination)',
          description:
            'Tracé dans le journal d’audit et dans le journal des accès du dossier ; l’organisation référente est prévenue par courriel.',
          tags,
          security,
          params: IdParams,
          body: Type.Object(
            { reason: Type.String({ minLength: 1, maxLength: 1000 }) },
            { additionalProperties: false },
          ),
          response: NoContent,
        },
        config: write(['coordinator']),
      },
      async (request, reply) => {
        await files.breakGlass(
          request.requireActor(),
          request.auditContext(),
          request.params.id,
          request.body.reason,
        );
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/v1/cases/:id/referrals',
      {
        schema: {
          summary: 'Orienter (partenaire) ou transférer (nouvelle référente) vers une autre organisation',
          description:
            'L’expéditeur choisit les parties visibles (divulgation minimale). L’organisation doit avoir des comptes « suivi des victimes ».',
          tags,
          security,
          params: IdParams,
          body: ReferralInput,
          response: { 201: Referral },
        },
        config: write(CASE_ROLES),
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await referrals.create(
              request.requireActor(),
              request.auditContext(),
              request.params.id,
              request.body,
            ),
          ),
    );

    app.get(
      '/api/v1/cases/:id/referrals',
      {
        schema: {
          summary: 'Orientations et transferts du dossier',
          tags,
          security,
          params: IdParams,
          response: { 200: Type.Object({ referrals: Type.Array(Referral) }) },
        },
        config: read(CASE_READERS),
      },
      async (request) => ({ referrals: await referrals.forCase(request.requireActor(), request.params.id) }),
    );

    app.get(
      '/api/v1/referrals',
      {
        schema: {
          summary: 'Orientations et transferts en attente pour son organisation',
          tags,
          security,
          response: { 200: Type.Object({ referrals: Type.Array(Referral) }) },
        },
        config: read(CASE_ROLES),
      },
      async (request) => ({ referrals: await referrals.incoming(request.requireActor()) }),
    );

    app.post(
      '/api/v1/referrals/:id/accept',
      {
        schema: {
          summary: 'Accepter une orientation ou un transfert',
          tags,
          security,
          params: IdParams,
          response: { 200: Referral },
        },
        config: write(CASE_ROLES),
      },
      async (request) => referrals.accept(request.requireActor(), request.auditContext(), request.params.id),
    );

    app.post(
      '/api/v1/referrals/:id/refuse',
      {
        schema: {
          summary: 'Refuser, avec la raison',
          tags,
          security,
          params: IdParams,
          body: Type.Object({ reason: Type.String({ maxLength: 500 }) }, { additionalProperties: false }),
          response: { 200: Referral },
        },
        config: write(CASE_ROLES),
      },
      async (request) =>
        referrals.refuse(
          request.requireActor(),
          request.auditContext(),
          request.params.id,
          request.body.reason,
        ),
    );

    app.post(
      '/api/v1/referrals/:id/revoke',
      {
        schema: {
          summary: 'Retirer une orientation (ou l’accès d’un partenaire)',
          tags,
          security,
          params: IdParams,
          response: { 200: Referral },
        },
        config: write(CASE_ROLES),
      },
      async (request) => referrals.revoke(request.requireActor(), request.auditContext(), request.params.id),
    );
  };
}
