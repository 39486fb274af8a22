import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../platform/auth/roles.js';
import { ConflictError, ValidationError } from '../../platform/http/errors.js';
import type { FieldErrors } from '../../platform/views/components.js';
import { markdownToHtml } from '../newsletter/render.js';
import type { ResourceInput, Resources } from './resources.js';
import { LibraryEditorPage, type ResourceFormValues, ResourceEditPage } from './views/editor.js';
import { type LibraryFilterValues, LibraryPage, ResourcePage } from './views/public.js';

const page = { hide: true };
const open = { access: 'public' as const };
const EDITORS: Role[] = ['content_editor', 'national_admin'];
const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const FileParams = Type.Object({
  id: Type.String({ maxLength: 40 }),
  fileId: Type.String({ maxLength: 40 }),
});
const short = (maxLength = 40) => Type.Optional(Type.String({ maxLength }));
const many = Type.Optional(
  Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 })]),
);
const ResourceForm = Type.Object({
  _csrf: Type.Optional(Type.String()),
  kind: Type.String({ maxLength: 40, default: '' }),
  title: Type.String({ maxLength: 400, default: '' }),
  summary: Type.String({ maxLength: 2000, default: '' }),
  body: Type.String({ maxLength: 200_000, default: '' }),
  audiences: many,
  exploitation: many,
  languages: many,
  tags: Type.String({ maxLength: 1000, default: '' }),
});
type ResourceFormBody = typeof ResourceForm.static;

const list = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function inputOf(body: ResourceFormBody): ResourceInput {
  return {
    kind: body.kind,
    title: body.title,
    summary: body.summary,
    body: body.body,
    audiences: list(body.audiences),
    exploitation: list(body.exploitation),
    languages: list(body.languages),
    tags: body.tags.split(/[,;]/),
  };
}

const valuesOf = (body: ResourceFormBody): ResourceFormValues => ({
  ...body,
  audiences: list(body.audiences),
  exploitation: list(body.exploitation),
  languages: list(body.languages),
});

const translate = (request: FastifyRequest, error: ValidationError): FieldErrors =>
  Object.fromEntries(Object.entries(error.fields).map(([field, key]) => [field, request.t(key)]));

function sendFile(
  reply: FastifyReply,
  file: { filename: string; media_type: string; size_bytes: number; sha256: string; content: Buffer },
) {
  return reply
    .type(file.media_type)
    .header('content-length', String(file.size_bytes))
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
    .header('x-content-type-options', 'nosniff')
    .send(file.content);
}

/** The library: public search and pages at /outils, the editors' workflow at /pro/outils. */
export function libraryRoutes(deps: { resources: Resources }) {
  const { resources } = deps;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/outils',
      {
        schema: {
          ...page,
          querystring: Type.Object({
            q: short(200),
            type: short(),
            public: short(),
            exploitation: short(),
            langue: short(5),
          }),
        },
        config: open,
      },
      async (request, reply) => {
        const values: LibraryFilterValues = request.query;
        const filters = {
          q: values.q,
          kind: values.type || undefined,
          audience: values.public || undefined,
          exploitation: values.exploitation || undefined,
          language: values.langue || undefined,
        };
        try {
          return reply.page(
            LibraryPage({ ctx: request.pageContext(), values, resources: await resources.search(filters) }),
          );
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          const errors = translate(request, error);
          return reply.page(
            LibraryPage({
              ctx: request.pageContext(),
              values,
              resources: [],
              errors: {
                ...errors,
                ...(errors.kind ? { type: errors.kind } : {}),
                ...(errors.audience ? { public: errors.audience } : {}),
                ...(errors.language ? { langue: errors.language } : {}),
              },
            }),
            422,
          );
        }
      },
    );
    app.get(
      '/outils/:id',
      { schema: { ...page, params: IdParams }, config: open },
      async (request, reply) => {
        const resource = await resources.get(request.params.id);
        return reply.page(
          ResourcePage({ ctx: request.pageContext(), resource, html: markdownToHtml(resource.body) }),
        );
      },
    );
    app.get(
      '/outils/:id/fichiers/:fileId',
      {
        schema: { summary: 'Fichier joint d’une ressource publiée', tags: ['library'], params: FileParams },
        config: open,
      },
      async (request, reply) =>
        sendFile(reply, await resources.file(request.params.id, request.params.fileId)),
    );

    // Editors
    const editorList = async (request: FastifyRequest, values: ResourceFormValues, errors?: FieldErrors) =>
      LibraryEditorPage({
        ctx: request.pageContext(),
        resources: await resources.search({}, { all: true }),
        values,
        errors,
      });
    app.get('/pro/outils', { schema: page, config: { access: EDITORS } }, async (request, reply) =>
      reply.page(await editorList(request, {})),
    );
    app.post(
      '/pro/outils',
      { schema: { ...page, body: ResourceForm }, config: { access: EDITORS } },
      async (request, reply) => {
        try {
          const id = await resources.create(
            request.requireActor(),
            request.auditContext(),
            inputOf(request.body),
          );
          return reply.flashNext('success', 'library.editor.created').redirect(`/pro/outils/${id}`, 303);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.page(
            await editorList(request, valuesOf(request.body), translate(request, error)),
            422,
          );
        }
      },
    );

    const editPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      status = 200,
      errors?: FieldErrors,
      values?: ResourceFormValues,
    ) =>
      reply.page(
        ResourceEditPage({
          ctx: request.pageContext(),
          resource: await resources.get(id, { all: true }),
          errors,
          ...(values ? { values } : {}),
        }),
        status,
      );

    app.get(
      '/pro/outils/:id',
      { schema: { ...page, params: IdParams }, config: { access: EDITORS } },
      async (request, reply) => editPage(request, reply, request.params.id),
    );
    app.post(
      '/pro/outils/:id',
      { schema: { ...page, params: IdParams, body: ResourceForm }, config: { access: EDITORS } },
      async (request, reply) => {
        try {
          await resources.update(
            request.requireActor(),
            request.auditContext(),
            request.params.id,
            inputOf(request.body),
          );
        } catch (error) {
          if (error instanceof ValidationError)
            return editPage(
              request,
              reply,
              request.params.id,
              422,
              translate(request, error),
              valuesOf(request.body),
            );
          if (error instanceof ConflictError)
            return editPage(request, reply, request.params.id, 409, { _form: request.t(error.messageKey) });
          throw error;
        }
        return reply
          .flashNext('success', 'library.editor.saved')
          .redirect(`/pro/outils/${request.params.id}`, 303);
      },
    );
    app.post(
      '/pro/outils/:id/etat',
      {
        schema: {
          ...page,
          params: IdParams,
          body: Type.Object({ _csrf: Type.Optional(Type.String()), action: Type.String({ maxLength: 20 }) }),
        },
        config: { access: EDITORS },
      },
      async (request, reply) => {
        try {
          await resources.transition(
            request.requireActor(),
            request.auditContext(),
            request.params.id,
            request.body.action,
          );
        } catch (error) {
          if (error instanceof ConflictError)
            return editPage(request, reply, request.params.id, 409, { _form: request.t(error.messageKey) });
          if (error instanceof ValidationError)
            return editPage(request, reply, request.params.id, 422, translate(request, error));
          throw error;
        }
        return reply
          .flashNext('success', `library.flash.${request.body.action}`)
          .redirect(`/pro/outils/${request.params.id}`, 303);
      },
    );
    app.post(
      '/pro/outils/:id/fichiers',
      {
        schema: {
          ...page,
          params: IdParams,
          consumes: ['multipart/form-data'],
          body: Type.Object({
            _csrf: Type.Optional(Type.String()),
            language: Type.Optional(Type.String({ maxLength: 5 })),
            file: Type.Optional(Type.Any()),
          }),
        },
        config: { access: EDITORS },
      },
      async (request, reply) => {
        const upload = request.body.file as { filename: string; content: Buffer } | undefined;
        try {
          if (!upload || !upload.filename) throw new ValidationError({ file: 'library.errors.noFile' });
          await resources.attach(request.requireActor(), request.auditContext(), request.params.id, {
            filename: upload.filename,
            content: upload.content,
            language: request.body.language ?? 'fr',
          });
        } catch (error) {
          if (error instanceof ValidationError)
            return editPage(request, reply, request.params.id, 422, translate(request, error));
          if (error instanceof ConflictError)
            return editPage(request, reply, request.params.id, 409, { _form: request.t(error.messageKey) });
          throw error;
        }
        return reply
          .flashNext('success', 'library.editor.attached')
          .redirect(`/pro/outils/${request.params.id}`, 303);
      },
    );
    app.get(
      '/pro/outils/:id/fichiers/:fileId',
      { schema: { ...page, params: FileParams }, config: { access: EDITORS } },
      async (request, reply) =>
        sendFile(reply, await resources.file(request.params.id, request.params.fileId, { all: true })),
    );
  };
}
