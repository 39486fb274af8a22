import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Feed } from 'feed';
import type { Block } from '../../../platform/db/schema-newsletter.js';
import type { Geo } from '../../../platform/geo/index.js';
import { ValidationError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { Editions } from '../editions.js';
import { type PlanBlock, planBlock } from '../plan-block.js';
import { type TrainingsBlock, trainingsBlock } from '../trainings-block.js';
import { markdownToHtml } from '../render.js';
import type { Subscriptions } from '../subscriptions.js';
import { ArchivedPage, ArchivePage } from '../views/archive.js';
import {
  ConfirmPage,
  MessagePage,
  PreferencesPage,
  SubscribePage,
  UnsubscribePage,
} from '../views/public.js';

const page = { hide: true };
const open = { access: 'public' as const };
const Token = Type.String({ minLength: 10, maxLength: 120, pattern: '^[A-Za-z0-9._-]+$' });
const TokenParams = Type.Object({ token: Token });
const Csrf = Type.Object({ _csrf: Type.Optional(Type.String()) });
const Preferences = Type.Object({
  _csrf: Type.Optional(Type.String()),
  profession: Type.String({ maxLength: 40, default: '' }),
  departement: Type.String({ maxLength: 3, default: '' }),
  language: Type.String({ maxLength: 5, default: '' }),
});
const Subscribe = Type.Composite([
  Preferences,
  Type.Object({ email: Type.String({ maxLength: 320, default: '' }) }),
]);

export const translateErrors = (request: FastifyRequest, error: ValidationError): FieldErrors =>
  Object.fromEntries(
    Object.entries(error.fields).map(([field, key]) => [field, request.t(key, error.fieldParams[field])]),
  );

const textOf = (blocks: readonly Block[]) =>
  blocks
    .filter((b): b is Extract<Block, { kind: 'text' }> => b.kind === 'text')
    .map((b) => b.markdown)
    .join('\n\n');

/** The public side of the newsletter: subscribe, confirm, preferences, unsubscribe (RFC 8058), archive and RSS. */
export function newsletterPublicRoutes(deps: {
  subscriptions: Subscriptions;
  editions: Editions;
  geo: Pick<Geo, 'departements'>;
  publicUrl: string;
  subscribeRatePerMinute: number;
  publishedResources(): Promise<Array<{ id: string; title: string }>>;
  planBlock: Pick<PlanBlock, 'forEdition'>;
  trainingsBlock: Pick<TrainingsBlock, 'forEdition'>;
}) {
  const { subscriptions, editions, geo } = deps;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/lettre', { schema: page, config: open }, async (request, reply) =>
      reply.page(
        SubscribePage({ ctx: request.pageContext(), values: {}, departements: await geo.departements() }),
      ),
    );
    app.post(
      '/lettre',
      {
        schema: { ...page, body: Subscribe },
        config: { ...open, rateLimit: { max: deps.subscribeRatePerMinute, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const { email, profession, departement, language } = request.body;
        const values = { email, profession, departement, language };
        const departements = await geo.departements();
        try {
          await subscriptions.subscribe(values);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.page(
            SubscribePage({
              ctx: request.pageContext(),
              values,
              errors: translateErrors(request, error),
              departements,
            }),
            422,
          );
        }
        // The same answer for a new, pending, confirmed or refused address.
        return reply.page(
          SubscribePage({ ctx: request.pageContext(), values: {}, departements, done: true }),
        );
      },
    );

    app.get(
      '/lettre/confirmer/:token',
      { schema: { ...page, params: TokenParams }, config: open },
      async (request, reply) => {
        const state = await subscriptions.confirmation(request.params.token);
        return reply.page(
          ConfirmPage({ ctx: request.pageContext(), token: request.params.token, state }),
          state === 'expired' ? 410 : 200,
        );
      },
    );
    app.post(
      '/lettre/confirmer/:token',
      { schema: { ...page, params: TokenParams, body: Csrf }, config: open },
      async (request, reply) => {
        try {
          const manage = await subscriptions.confirm(request.params.token);
          return reply
            .flashNext('success', 'newsletter.confirm.done')
            .redirect(`/lettre/preferences/${manage}`, 303);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.page(
            ConfirmPage({ ctx: request.pageContext(), token: request.params.token, state: 'expired' }),
            410,
          );
        }
      },
    );

    const preferences = async (
      request: FastifyRequest,
      token: string,
      errors?: FieldErrors,
      values?: Record<string, string>,
    ) => {
      const s = await subscriptions.byLink(token);
      return PreferencesPage({
        ctx: request.pageContext(),
        token,
        subscriber: s,
        values: values ?? { profession: s.profession, departement: s.departement_code, language: s.language },
        errors,
        departements: await geo.departements(),
      });
    };
    app.get(
      '/lettre/preferences/:token',
      { schema: { ...page, params: TokenParams }, config: open },
      async (request, reply) =>
        reply
          .header('cache-control', 'no-store')
          .header('referrer-policy', 'no-referrer')
          .page(await preferences(request, request.params.token)),
    );
    app.post(
      '/lettre/preferences/:token',
      { schema: { ...page, params: TokenParams, body: Preferences }, config: open },
      async (request, reply) => {
        const { profession, departement, language } = request.body;
        try {
          await subscriptions.updatePreferences(request.params.token, { profession, departement, language });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.page(
            await preferences(request, request.params.token, translateErrors(request, error), {
              profession,
              departement,
              language,
            }),
            422,
          );
        }
        return reply
          .flashNext('success', 'newsletter.preferences.saved')
          .redirect(`/lettre/preferences/${request.params.token}`, 303);
      },
    );
    app.get(
      '/lettre/preferences/:token/donnees.json',
      { schema: { ...page, params: TokenParams }, config: open },
      async (request, reply) =>
        reply
          .header('cache-control', 'no-store')
          .header('content-disposition', 'attachment; filename="lettre-relais-mes-donnees.json"')
          .send(await subscriptions.export(request.params.token)),
    );
    app.post(
      '/lettre/preferences/:token/effacer',
      { schema: { ...page, params: TokenParams, body: Csrf }, config: open },
      async (request, reply) => {
        await subscriptions.erase(request.params.token);
        const t = request.t;
        return reply.page(
          MessagePage({
            ctx: request.pageContext(),
            title: t('newsletter.preferences.erasedTitle'),
            text: t('newsletter.preferences.erased'),
            link: [t('newsletter.archive.subscribe'), '/lettre'],
          }),
        );
      },
    );

    app.get(
      '/lettre/desabonnement/:token',
      { schema: { ...page, params: TokenParams }, config: open },
      async (request, reply) => {
        await subscriptions.byLink(request.params.token);
        return reply
          .header('cache-control', 'no-store')
          .page(UnsubscribePage({ ctx: request.pageContext(), token: request.params.token }));
      },
    );
    // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the link of the List-Unsubscribe header, with
    // no cookie and no form token: the signed link is the credential. The button of our own page posts here too.
    app.post(
      '/lettre/desabonnement/:token',
      {
        schema: {
          summary: 'Désabonnement en un clic (RFC 8058)',
          tags: ['newsletter'],
          params: TokenParams,
          body: Type.Object({
            'List-Unsubscribe': Type.Optional(Type.Literal('One-Click')),
            _csrf: Type.Optional(Type.String()),
          }),
        },
        config: { ...open, csrf: false },
      },
      async (request, reply) => {
        await subscriptions.unsubscribe(request.params.token);
        const t = request.t;
        return reply.page(
          MessagePage({
            ctx: request.pageContext(),
            title: t('newsletter.unsubscribe.doneTitle'),
            text: t('newsletter.unsubscribe.done'),
            link: [t('newsletter.archive.subscribe'), '/lettre'],
          }),
        );
      },
    );

    app.get('/lettre/archives', { schema: page, config: open }, async (request, reply) =>
      reply.page(ArchivePage({ ctx: request.pageContext(), editions: await editions.archive() })),
    );
    app.get(
      '/lettre/archives.rss',
      {
        schema: {
          summary: 'Fil RSS des lettres d’information envoyées',
          tags: ['newsletter'],
          produces: ['application/rss+xml'],
        },
        config: open,
      },
      async (_request, reply) => {
        const feed = new Feed({
          title: 'Relais — lettre d’information',
          description:
            'Les lettres d’information de Relais aux professionnels de la lutte contre la traite des êtres humains.',
          id: new URL('/lettre/archives', deps.publicUrl).href,
          link: new URL('/lettre/archives', deps.publicUrl).href,
          language: 'fr',
          copyright: 'Licence Ouverte 2.0',
          updated: (await editions.archive())[0]?.sent_at ?? undefined,
        });
        for (const e of await editions.archive()) {
          const url = new URL(`/lettre/archives/${e.id}`, deps.publicUrl).href;
          feed.addItem({
            title: e.title,
            id: url,
            link: url,
            description: e.subject,
            content: markdownToHtml(textOf(e.blocks)),
            date: e.sent_at ?? new Date(0),
          });
        }
        return reply.type('application/rss+xml; charset=utf-8').send(feed.rss2());
      },
    );
    app.get(
      '/lettre/archives/:id',
      {
        schema: {
          ...page,
          params: Type.Object({ id: Type.String({ maxLength: 40 }) }),
          querystring: Type.Object({ langue: Type.Optional(Type.String({ maxLength: 5 })) }),
        },
        config: open,
      },
      async (request, reply) => {
        const found = await editions.archived(request.params.id, request.query.langue ?? 'fr');
        const plan = await deps.planBlock.forEdition(found.edition.id);
        // As the letter went out: the sessions of the six months after its sending.
        const sessions = await deps.trainingsBlock.forEdition(found.edition.id, found.edition.sent_at ?? undefined);
        return reply.page(
          ArchivedPage({
            ctx: request.pageContext(),
            id: found.edition.id,
            title: found.edition.title,
            subject: found.variant.subject,
            sentAt: found.edition.sent_at,
            language: found.variant.language,
            languages: found.languages,
            html: markdownToHtml(textOf(found.variant.blocks)),
            featured: (await deps.publishedResources()).filter((r) => found.edition.featured.includes(r.id)),
            plan: plan ? planBlock(request.t, plan, `/plan/${plan.slug}`) : null,
            trainings: sessions ? trainingsBlock(request.t, request.locale, sessions, (path) => path) : null,
          }),
        );
      },
    );
  };
}
