import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, NoContent, read, security, tags, write } from './common.js';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { CaseAccess } from '../access.js';
import { CASE_READERS, CASE_ROLES } from '../policy.js';
import { CONSENT_SCOPES } from '../reference.js';
import type { CaseReferrals } from '../referrals.js';
import { AccessLogEntry, Identity, Referral, ReferralInput } from '../schemas.js';

/** Who sees a file: identity, consents, break-glass, the access log, links; referrals and transfers. */
export function caseAccessApiRoutes(deps: { access: CaseAccess; referrals: CaseReferrals }) {
  const { access, referrals } = deps;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

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
        await access.updateIdentity(
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
        await access.addConsent(
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
        await access.withdrawConsent(
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
        await access.linkPlacement(
          request.requireActor(),
          request.auditContext(),
          request.params.id,
          request.body.placementId,
        );
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
      async (request) => ({ entries: await access.accessLog(request.requireActor(), request.params.id) }),
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
        await access.breakGlass(
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
