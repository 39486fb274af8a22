import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../../platform/auth/roles.js';
import { ConflictError, ValidationError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { PlanBlock } from '../plan-block.js';
import type { TrainingsBlock } from '../trainings-block.js';
import type { Editions } from '../editions.js';
import type { Reminders } from '../reminders.js';
import type { UncertainLetters } from '../uncertain.js';
import { EditionPage, EditionsPage } from '../views/editor.js';
import { translateErrors } from './public.js';

const page = { hide: true };
const EDITORS: Role[] = ['content_editor', 'national_admin'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Csrf = Type.Object({ _csrf: Type.Optional(Type.String()) });
const Variant = Type.Object({
  _csrf: Type.Optional(Type.String()),
  subject: Type.String({ maxLength: 400, default: '' }),
  markdown: Type.String({ maxLength: 60_000, default: '' }),
});
const many = Type.Optional(
  Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 120 })]),
);
const list = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The editors' side: compose an edition in several languages, count its audience, send it, watch it go. */
export function newsletterEditorRoutes(deps: {
  editions: Editions;
  reminders: Reminders;
  uncertain: UncertainLetters;
  /** The library's published resources, to feature in an edition. */
  publishedResources(): Promise<Array<{ id: string; title: string }>>;
  planBlock: PlanBlock;
  trainingsBlock: TrainingsBlock;
}) {
  const { editions, reminders, planBlock, trainingsBlock, uncertain } = deps;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    const editionPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      errors?: FieldErrors,
      status = 200,
    ) => {
      const edition = await editions.get(id);
      return reply.page(
        EditionPage({
          ctx: request.pageContext(),
          edition,
          progress: await editions.progress(id),
          audience: edition.status === 'draft' ? await editions.audience(edition.segment) : edition.total,
          resources: await deps.publishedResources(),
          plans: await planBlock.choices(),
          // What the block would list if the letter went out now.
          trainings: await trainingsBlock.forEdition(id),
          uncertain: (await uncertain.list(id)).length,
          errors,
        }),
        status,
      );
    };

    app.get('/pro/lettre', { schema: page, config: { access: EDITORS } }, async (request, reply) =>
      reply.page(
        EditionsPage({
          ctx: request.pageContext(),
          editions: await editions.list(),
          due: await reminders.due(),
        }),
      ),
    );
    app.post(
      '/pro/lettre',
      {
        schema: {
          ...page,
          body: Type.Composite([
            Variant,
            Type.Object({ title: Type.String({ maxLength: 400, default: '' }) }),
          ]),
        },
        config: { access: EDITORS },
      },
      async (request, reply) => {
        const { title, subject, markdown } = request.body;
        try {
          const id = await editions.create(request.requireActor(), request.auditContext(), {
            title,
            subject,
            markdown,
          });
          return reply.flashNext('success', 'newsletter.editor.created').redirect(`/pro/lettre/${id}`, 303);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.page(
            EditionsPage({
              ctx: request.pageContext(),
              editions: await editions.list(),
              due: await reminders.due(),
              errors: translateErrors(request, error),
              values: { title, subject, markdown },
            }),
            422,
          );
        }
      },
    );
    app.get(
      '/pro/lettre/:id',
      { schema: { ...page, params: IdParams }, config: { access: EDITORS } },
      async (request, reply) => editionPage(request, reply, request.params.id),
    );

    const act = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      action: () => Promise<unknown>,
      flash: string,
    ) => {
      try {
        await action();
      } catch (error) {
        if (error instanceof ValidationError)
          return editionPage(request, reply, id, translateErrors(request, error), 422);
        if (error instanceof ConflictError)
          return editionPage(request, reply, id, { _form: request.t(error.messageKey, error.params) }, 409);
        throw error;
      }
      return reply.flashNext('success', flash).redirect(`/pro/lettre/${id}`, 303);
    };

    app.post(
      '/pro/lettre/:id/langues/:language',
      {
        schema: {
          ...page,
          params: Type.Object({
            id: Type.String({ format: 'uuid' }),
            language: Type.String({ maxLength: 5 }),
          }),
          body: Variant,
        },
        config: { access: EDITORS },
      },
      async (request, reply) =>
        act(
          request,
          reply,
          request.params.id,
          () =>
            editions.saveVariant(
              request.requireActor(),
              request.params.id,
              request.params.language,
              request.body,
            ),
          'newsletter.editor.saved',
        ),
    );
    app.post(
      '/pro/lettre/:id/langues',
      {
        schema: {
          ...page,
          params: IdParams,
          body: Type.Object({
            _csrf: Type.Optional(Type.String()),
            language: Type.String({ maxLength: 5, default: '' }),
          }),
        },
        config: { access: EDITORS },
      },
      async (request, reply) =>
        act(
          request,
          reply,
          request.params.id,
          async () => {
            // A new language starts from the French text, to be translated in place.
            const edition = await editions.get(request.params.id);
            const french = edition.variants.find((v) => v.language === 'fr');
            const markdown = (french?.blocks ?? [])
              .map((b) => (b.kind === 'text' ? b.markdown : ''))
              .join('\n\n');
            await editions.saveVariant(request.requireActor(), request.params.id, request.body.language, {
              subject: french?.subject ?? edition.title,
              markdown,
            });
          },
          'newsletter.editor.saved',
        ),
    );
    app.post(
      '/pro/lettre/:id/audience',
      {
        schema: {
          ...page,
          params: IdParams,
          body: Type.Object({
            _csrf: Type.Optional(Type.String()),
            professions: many,
            languages: many,
            departements: Type.String({ maxLength: 400, default: '' }),
          }),
        },
        config: { access: EDITORS },
      },
      async (request, reply) =>
        act(
          request,
          reply,
          request.params.id,
          () =>
            editions.setSegment(request.requireActor(), request.params.id, {
              professions: list(request.body.professions),
              languages: list(request.body.languages),
              departements: request.body.departements
                .split(/[\s,;]+/)
                .map((d) => d.trim().toUpperCase())
                .filter(Boolean),
            }),
          'newsletter.editor.counted',
        ),
    );
    app.post(
      '/pro/lettre/:id/a-la-une',
      {
        schema: {
          ...page,
          params: IdParams,
          body: Type.Object({ _csrf: Type.Optional(Type.String()), featured: many }),
        },
        config: { access: EDITORS },
      },
      async (request, reply) =>
        act(
          request,
          reply,
          request.params.id,
          () => editions.setFeatured(request.requireActor(), request.params.id, list(request.body.featured)),
          'newsletter.editor.saved',
        ),
    );
    app.post(
      '/pro/lettre/:id/plan',
      {
        schema: {
          ...page,
          params: IdParams,
          body: Type.Object({ _csrf: Type.Optional(Type.String()), plan: Type.String({ maxLength: 40, default: '' }) }),
        },
        config: { access: EDITORS },
      },
      async (request, reply) =>
        act(
          request,
          reply,
          request.params.id,
          () => planBlock.set(request.requireActor(), request.params.id, request.body.plan),
          'newsletter.editor.saved',
        ),
    );
    app.post(
      '/pro/lettre/:id/formations',
      {
        schema: {
          ...page,
          params: IdParams,
          body: Type.Object({ _csrf: Type.Optional(Type.String()), trainings: Type.Optional(Type.Literal('on')) }),
        },
        config: { access: EDITORS },
      },
      async (request, reply) =>
        act(
          request,
          reply,
          request.params.id,
          () => trainingsBlock.set(request.requireActor(), request.params.id, request.body.trainings === 'on'),
          'newsletter.editor.saved',
        ),
    );
    app.post(
      '/pro/lettre/:id/envoyer',
      {
        schema: {
          ...page,
          params: IdParams,
          body: Type.Composite([
            Csrf,
            Type.Object({ expected: Type.Optional(Type.String({ maxLength: 10 })) }),
          ]),
        },
        config: { access: EDITORS },
      },
      async (request, reply) =>
        act(
          request,
          reply,
          request.params.id,
          () =>
            editions.start(
              request.requireActor(),
              request.auditContext(),
              request.params.id,
              request.body.expected && /^\d+$/.test(request.body.expected)
                ? Number(request.body.expected)
                : undefined,
            ),
          'newsletter.editor.started',
        ),
    );
    // After a worker died mid-send: its few uncertain letters are sent again or left as sent (uncertain.ts).
    app.post(
      '/pro/lettre/:id/incertaines',
      {
        schema: {
          ...page,
          params: IdParams,
          body: Type.Composite([Csrf, Type.Object({ choice: Type.String({ maxLength: 20, default: '' }) })]),
        },
        config: { access: EDITORS },
      },
      async (request, reply) => {
        const { id } = request.params;
        const { choice } = request.body;
        if (choice !== 'renvoyer' && choice !== 'garder')
          return editionPage(request, reply, id, { _form: request.t('newsletter.errors.choice') }, 422);
        return act(
          request,
          reply,
          id,
          () =>
            uncertain.settle(
              request.requireActor(),
              request.auditContext(),
              id,
              choice === 'renvoyer' ? 'resend' : 'keep',
            ),
          choice === 'renvoyer' ? 'newsletter.uncertain.resent' : 'newsletter.uncertain.kept',
        );
      },
    );
    app.get(
      '/pro/lettre/:id/progression',
      {
        schema: {
          summary: 'Avancement de l’envoi d’une lettre',
          tags: ['newsletter'],
          params: IdParams,
          response: {
            200: Type.Object({
              status: Type.String(),
              total: Type.Integer(),
              queued: Type.Integer(),
              sending: Type.Integer(),
              sent: Type.Integer(),
              failed: Type.Integer(),
              bounced: Type.Integer(),
            }),
          },
        },
        config: { access: EDITORS },
      },
      async (request, reply) =>
        reply.header('cache-control', 'no-store').send(await editions.progress(request.params.id)),
    );
  };
}
