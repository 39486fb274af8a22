import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../platform/auth/roles.js';
import { ValidationError } from '../../platform/http/errors.js';
import type { FieldErrors } from '../../platform/views/components.js';
import type { LegalTextInput, Texts } from './texts.js';
import { TextEditPage, TextPage, TextsEditorPage, TextsPage } from './views.js';

const page = { hide: true };
const EDITORS: Role[] = ['content_editor', 'national_admin'];
const IdParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const field = (maxLength: number) => Type.String({ maxLength, default: '' });
const TextForm = Type.Object({
  _csrf: Type.Optional(Type.String()),
  code: field(200),
  article: field(100),
  title: field(400),
  topic: field(40),
  versionDate: field(20),
  legifranceUrl: field(1000),
  officialText: field(40_000),
  summary: field(10_000),
});

const translate = (request: FastifyRequest, error: ValidationError): FieldErrors =>
  Object.fromEntries(Object.entries(error.fields).map(([f, key]) => [f, request.t(key)]));

const inputOf = (body: typeof TextForm.static): LegalTextInput => {
  const { _csrf, ...input } = body;
  return input;
};

/** Legal texts: public at /textes, edited at /pro/textes. */
export function textsRoutes(deps: { texts: Texts }) {
  const { texts } = deps;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/textes', { schema: page, config: { access: 'public' } }, async (request, reply) =>
      reply.page(TextsPage({ ctx: request.pageContext(), texts: await texts.list() })),
    );
    app.get(
      '/textes/:id',
      { schema: { ...page, params: IdParams }, config: { access: 'public' } },
      async (request, reply) =>
        reply.page(TextPage({ ctx: request.pageContext(), text: await texts.get(request.params.id) })),
    );

    app.get('/pro/textes', { schema: page, config: { access: EDITORS } }, async (request, reply) =>
      reply.page(
        TextsEditorPage({
          ctx: request.pageContext(),
          texts: await texts.list({ all: true }),
          values: { code: 'Code pénal' },
        }),
      ),
    );
    app.post(
      '/pro/textes',
      { schema: { ...page, body: TextForm }, config: { access: EDITORS } },
      async (request, reply) => {
        try {
          const id = await texts.save(
            request.requireActor(),
            request.auditContext(),
            null,
            inputOf(request.body),
          );
          return reply.flashNext('success', 'texts.editor.saved').redirect(`/pro/textes/${id}`, 303);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.page(
            TextsEditorPage({
              ctx: request.pageContext(),
              texts: await texts.list({ all: true }),
              values: request.body,
              errors: translate(request, error),
            }),
            422,
          );
        }
      },
    );
    app.get(
      '/pro/textes/:id',
      { schema: { ...page, params: IdParams }, config: { access: EDITORS } },
      async (request, reply) =>
        reply.page(
          TextEditPage({
            ctx: request.pageContext(),
            text: await texts.get(request.params.id, { all: true }),
          }),
        ),
    );
    app.post(
      '/pro/textes/:id',
      { schema: { ...page, params: IdParams, body: TextForm }, config: { access: EDITORS } },
      async (request, reply) => {
        try {
          await texts.save(
            request.requireActor(),
            request.auditContext(),
            request.params.id,
            inputOf(request.body),
          );
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.page(
            TextEditPage({
              ctx: request.pageContext(),
              text: await texts.get(request.params.id, { all: true }),
              values: request.body,
              errors: translate(request, error),
            }),
            422,
          );
        }
        return reply
          .flashNext('success', 'texts.editor.saved')
          .redirect(`/pro/textes/${request.params.id}`, 303);
      },
    );
    app.post(
      '/pro/textes/:id/etat',
      {
        schema: {
          ...page,
          params: IdParams,
          body: Type.Object({
            _csrf: Type.Optional(Type.String()),
            status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
          }),
        },
        config: { access: EDITORS },
      },
      async (request, reply) => {
        await texts.setStatus(
          request.requireActor(),
          request.auditContext(),
          request.params.id,
          request.body.status,
        );
        return reply
          .flashNext('success', 'texts.editor.saved')
          .redirect(`/pro/textes/${request.params.id}`, 303);
      },
    );
  };
}
