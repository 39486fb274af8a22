import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../../platform/auth/roles.js';
import { ValidationError } from '../../../platform/http/errors.js';
import { BACKGROUND_FROM_LINES, type DirectoryImport, lineCount } from '../import.js';
import type { ImportQueue } from '../import-queue.js';
import { ImportPage, ImportProgressPage } from '../views/import.js';

const EDITORS: Role[] = ['content_editor', 'coordinator', 'national_admin'];
const MAX_CONTENT = 5_000_000;
const Report = Type.Object({
  lines: Type.Integer(),
  valid: Type.Integer(),
  imported: Type.Integer(),
  geocodingFallbacks: Type.Integer(),
  dryRun: Type.Boolean(),
  problems: Type.Array(Type.Object({ line: Type.Integer(), field: Type.String(), problem: Type.String() })),
});
const Input = Type.Object(
  {
    format: Type.Union([Type.Literal('csv'), Type.Literal('data-inclusion')]),
    content: Type.String({ maxLength: MAX_CONTENT }),
    source: Type.String({
      pattern: '^[a-z0-9-]{2,40}$',
      description: 'Nom court de la source (une réimportation de la même source met à jour)',
    }),
    dryRun: Type.Optional(Type.Boolean({ description: 'Rapport seulement, rien n’est écrit (par défaut)' })),
    validLinesOnly: Type.Optional(
      Type.Boolean({ description: 'Importer les lignes valides même s’il y a des erreurs' }),
    ),
  },
  { additionalProperties: false },
);
const Form = Type.Object(
  {
    _csrf: Type.Optional(Type.String()),
    format: Type.Optional(Type.String({ maxLength: 20 })),
    content: Type.Optional(Type.String({ maxLength: MAX_CONTENT })),
    source: Type.Optional(Type.String({ maxLength: 40 })),
    mode: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);

/** Importing directory entries: the API and the editors' page (paste, dry run, line-by-line report). */
export function importRoutes(deps: { import: DirectoryImport; importQueue: ImportQueue }) {
  const importer = deps.import;
  const queue = deps.importQueue;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/api/v1/directory/import',
      {
        schema: {
          summary:
            'Importer des fiches (CSV aux colonnes de Relais, ou export data·inclusion) avec un rapport ligne par ligne',
          description:
            'Essai à blanc par défaut. Sans `validLinesOnly`, rien n’est importé tant qu’une ligne est en erreur. Même source et même `source_id` : la fiche est mise à jour. Une adresse que la BAN ne trouve pas place la fiche au centre de sa commune, signalée.',
          tags: ['directory'],
          security: [{ bearer: [] }],
          body: Input,
          response: { 200: Report },
        },
        bodyLimit: MAX_CONTENT * 2,
        config: { access: EDITORS, scope: 'directory:write' },
      },
      async (request) =>
        importer.run(request.requireActor(), request.auditContext(), {
          ...request.body,
          dryRun: request.body.dryRun ?? true,
        }),
    );

    app.get(
      '/pro/annuaire/import',
      { schema: { hide: true }, config: { access: EDITORS } },
      async (request, reply) =>
        reply.page(
          ImportPage({
            ctx: request.pageContext(),
            values: { format: 'csv', source: '', content: '', mode: 'dry' },
          }),
        ),
    );

    app.post(
      '/pro/annuaire/import',
      { schema: { hide: true, body: Form }, bodyLimit: MAX_CONTENT * 2, config: { access: EDITORS } },
      async (request, reply) => {
        const values = {
          format: request.body.format ?? 'csv',
          source: request.body.source ?? '',
          content: request.body.content ?? '',
          mode: request.body.mode ?? 'dry',
        };
        // A long real import runs in the background; its page shows the progress.
        if (
          values.mode !== 'dry' &&
          lineCount(values.content) > BACKGROUND_FROM_LINES &&
          /^[a-z0-9-]{2,40}$/.test(values.source.trim())
        ) {
          const id = await queue.enqueue(request.requireActor(), {
            format: values.format === 'data-inclusion' ? 'data-inclusion' : 'csv',
            content: values.content,
            source: values.source.trim(),
            validLinesOnly: values.mode === 'valid',
          });
          return reply.redirect(`/pro/annuaire/import/${id}`, 303);
        }
        try {
          const report = await importer.run(request.requireActor(), request.auditContext(), {
            format: values.format === 'data-inclusion' ? 'data-inclusion' : 'csv',
            content: values.content,
            source: values.source.trim(),
            dryRun: values.mode === 'dry',
            validLinesOnly: values.mode === 'valid',
          });
          return reply.page(
            ImportPage({ ctx: request.pageContext(), values, report }),
            report.problems.length > 0 && report.imported === 0 ? 422 : 200,
          );
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.page(
            ImportPage({
              ctx: request.pageContext(),
              values,
              errors: { source: request.t('directory.errors.source') },
            }),
            422,
          );
        }
      },
    );

    app.get(
      '/pro/annuaire/import/:id',
      {
        schema: { hide: true, params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
        config: { access: EDITORS },
      },
      async (request, reply) =>
        reply.page(
          ImportProgressPage({
            ctx: request.pageContext(),
            run: await queue.status(request.requireActor(), request.params.id),
          }),
        ),
    );
  };
}
