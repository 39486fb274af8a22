import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../platform/auth/roles.js';
import { ConflictError, ValidationError } from '../../platform/http/errors.js';
import { translator } from '../../platform/i18n/index.js';
import type { FieldErrors } from '../../platform/views/components.js';
import { LEAFLET_TITLES } from './content.js';
import type { Leaflet } from './leaflet.js';
import { leafletPdf } from './pdf.js';
import { LeafletBoardPage, LeafletIndexPage, LeafletPage, TranslationPage } from './views.js';

const page = { hide: true };
const open = { access: 'public' as const };
const EDITORS: Role[] = ['content_editor', 'national_admin'];
const LanguageParams = Type.Object({ langue: Type.String({ maxLength: 5 }) });
const SectionParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
const TranslationParams = Type.Object({
  id: Type.String({ maxLength: 40 }),
  langue: Type.String({ maxLength: 5 }),
});
const TextForm = Type.Object({
  _csrf: Type.Optional(Type.String()),
  title: Type.String({ maxLength: 400, default: '' }),
  body: Type.String({ maxLength: 10_000, default: '' }),
});

const translate = (request: FastifyRequest, error: ValidationError): FieldErrors =>
  Object.fromEntries(Object.entries(error.fields).map(([f, key]) => [f, request.t(key)]));

/** The leaflet: its page and PDF in each language under /outils/depliant; sections and translations at /pro/depliant. */
export function leafletRoutes(deps: { leaflet: Leaflet; publicUrl: string }) {
  const { leaflet } = deps;
  /** Generated PDFs, by language and the state of the texts (a change makes a new key). */
  const pdfs = new Map<string, Buffer>();

  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/outils/depliant', { schema: page, config: open }, async (request, reply) =>
      reply.page(LeafletIndexPage({ ctx: request.pageContext() })),
    );
    app.get(
      '/outils/depliant/:langue',
      { schema: { ...page, params: LanguageParams }, config: open },
      async (request, reply) => {
        const sections = await leaflet.read(request.params.langue);
        return reply.page(
          LeafletPage({ ctx: request.pageContext(), language: request.params.langue, sections }),
        );
      },
    );
    app.get(
      '/outils/depliant/:langue/pdf',
      {
        schema: {
          summary: 'Le dépliant « Vous êtes peut-être victime de traite » en PDF imprimable',
          tags: ['library'],
          params: LanguageParams,
          produces: ['application/pdf'],
        },
        config: open,
      },
      async (request, reply) => {
        const language = request.params.langue;
        const sections = await leaflet.read(language);
        const key = `${language}:${JSON.stringify(sections)}`;
        let pdf = pdfs.get(key);
        if (!pdf) {
          const t = translator(language === 'fr' ? 'fr' : 'en');
          pdf = await leafletPdf({
            language,
            sections,
            url: new URL(`/outils/depliant/${language}`, deps.publicUrl).href,
            texts: {
              title: LEAFLET_TITLES[language]!,
              online: t('leaflet.pdfOnline'),
              assisted: t('leaflet.assisted'),
              toReview: t('leaflet.toReview'),
              untranslated: t('leaflet.untranslated'),
            },
          });
          if (pdfs.size > 50) pdfs.clear();
          pdfs.set(key, pdf);
        }
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="relais-depliant-${language}.pdf"`)
          .header('cache-control', 'public, max-age=300')
          .send(pdf);
      },
    );

    app.get('/pro/depliant', { schema: page, config: { access: EDITORS } }, async (request, reply) =>
      reply.page(LeafletBoardPage({ ctx: request.pageContext(), board: await leaflet.board() })),
    );
    app.post(
      '/pro/depliant/:id',
      { schema: { ...page, params: SectionParams, body: TextForm }, config: { access: EDITORS } },
      async (request, reply) => {
        try {
          const back = await leaflet.editSection(
            request.requireActor(),
            request.auditContext(),
            request.params.id,
            request.body,
          );
          return reply
            .flashNext('success', 'leaflet.editor.frenchSaved', { count: back })
            .redirect('/pro/depliant', 303);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.page(
            LeafletBoardPage({
              ctx: request.pageContext(),
              board: await leaflet.board(),
              errors: translate(request, error),
            }),
            422,
          );
        }
      },
    );
    app.get(
      '/pro/depliant/:id/:langue',
      { schema: { ...page, params: TranslationParams }, config: { access: EDITORS } },
      async (request, reply) =>
        reply.page(
          TranslationPage({
            ctx: request.pageContext(),
            translation: await leaflet.translation(request.params.id, request.params.langue),
          }),
        ),
    );
    app.post(
      '/pro/depliant/:id/:langue',
      { schema: { ...page, params: TranslationParams, body: TextForm }, config: { access: EDITORS } },
      async (request, reply) => {
        const { id, langue } = request.params;
        try {
          await leaflet.saveTranslation(
            request.requireActor(),
            request.auditContext(),
            id,
            langue,
            request.body,
          );
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.page(
            TranslationPage({
              ctx: request.pageContext(),
              translation: await leaflet.translation(id, langue),
              errors: translate(request, error),
              values: request.body,
            }),
            422,
          );
        }
        return reply
          .flashNext('success', 'leaflet.editor.translationSaved')
          .redirect(`/pro/depliant/${id}/${langue}`, 303);
      },
    );
    app.post(
      '/pro/depliant/:id/:langue/valider',
      {
        schema: {
          ...page,
          params: TranslationParams,
          body: Type.Object({ _csrf: Type.Optional(Type.String()) }),
        },
        config: { access: EDITORS },
      },
      async (request, reply) => {
        const { id, langue } = request.params;
        try {
          await leaflet.validate(request.requireActor(), request.auditContext(), id, langue);
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          return reply.page(
            TranslationPage({
              ctx: request.pageContext(),
              translation: await leaflet.translation(id, langue),
              errors: { _form: request.t(error.messageKey) },
            }),
            409,
          );
        }
        return reply
          .flashNext('success', 'leaflet.editor.validated')
          .redirect(`/pro/depliant/${id}/${langue}`, 303);
      },
    );
  };
}
