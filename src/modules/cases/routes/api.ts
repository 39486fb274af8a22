import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, NoContent, read, security, tags, write } from './common.js';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { CaseFiles } from '../files.js';
import type { CaseIndicators } from '../indicators.js';
import type { CaseJournal } from '../journal.js';
import { CASE_READERS, CASE_ROLES } from '../policy.js';
import { PILOT_TAGS } from '../reference.js';
import { CaseEvent, CaseFile, CaseInput, CaseSummary, EventInput, Indicators } from '../schemas.js';

export function caseApiRoutes(deps: { files: CaseFiles; journal: CaseJournal; indicators: CaseIndicators }) {
  const { files, journal, indicators } = deps;
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
  };
}
