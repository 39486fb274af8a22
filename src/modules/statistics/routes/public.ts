import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../../../platform/http/error-handler.js';
import type { Statistics } from '../index.js';
import { labeller, tableCsv, tableJson } from '../public-present.js';
import { checkParameters, type Period, PublicStatisticsError, tableOf } from '../public-tables.js';
import { annualReportPdf } from '../report.js';
import { MethodologyPage, OpenDataPage } from '../views/public-methodology.js';
import { PublicStatisticsPage } from '../views/public.js';

const page = { hide: true };
const PeriodQuery = Type.Object(
  {
    periode: Type.Optional(
      Type.String({
        maxLength: 20,
        description: 'Une année terminée (2025) ou l’un de ses trimestres (2025-T3)',
      }),
    ),
  },
  // Other parameters (a date range, a département…) are refused with what they asked for, not silently dropped.
  { additionalProperties: true },
);
const File = Type.Object({ fichier: Type.String({ maxLength: 80 }) });
type Query = typeof PeriodQuery.static;

/** Routes under /statistiques: the public figures, the methodology, open data files, the annual report. */
export function publicStatisticsRoutes(base: FastifyInstance, statistics: Statistics): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const stats = statistics.publicStatistics;

  /** The period asked for, every other parameter refused. */
  const periodOf = (query: Query): Period => {
    checkParameters(query);
    return stats.period(query.periode);
  };
  const refusal = (request: FastifyRequest, error: unknown) => {
    if (!(error instanceof PublicStatisticsError)) throw error;
    return request.t(error.messageKey, error.params);
  };
  const lastYear = (): Period => ({ year: stats.lastEndedYear(), quarter: null });

  app.get(
    '/statistiques',
    { schema: { ...page, querystring: PeriodQuery }, config: { access: 'public' } },
    async (request, reply) => {
      const periods = await stats.periods();
      const ctx = request.pageContext();
      try {
        const period = periodOf(request.query);
        const { tables, regions } = await stats.tables(period);
        return reply.page(PublicStatisticsPage({ ctx, periods, period, tables, regions }));
      } catch (error) {
        const message = refusal(request, error);
        return reply.page(
          PublicStatisticsPage({
            ctx,
            periods,
            period: lastYear(),
            tables: [],
            regions: [],
            refusal: message,
          }),
          400,
        );
      }
    },
  );

  app.get(
    '/statistiques/methodologie',
    { schema: page, config: { access: 'public' } },
    async (request, reply) =>
      reply.page(MethodologyPage({ ctx: request.pageContext(), regions: await stats.regions() })),
  );

  app.get(
    '/statistiques/donnees',
    { schema: { ...page, querystring: PeriodQuery }, config: { access: 'public' } },
    async (request, reply) => {
      const periods = await stats.periods();
      const period = periodOf(request.query);
      return reply.page(OpenDataPage({ ctx: request.pageContext(), periods, period }));
    },
  );

  /** Refusals of the data files answer problem+json whatever the caller accepts: scripts read them. */
  const problem = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    const message = refusal(request, error);
    const code = (error as PublicStatisticsError).code;
    return sendProblem(request, reply, {
      status: 400,
      code,
      title: request.t('statistics.public.refusedTitle'),
      detail: message,
    });
  };

  app.get(
    '/statistiques/donnees/:fichier',
    { schema: { ...page, params: File, querystring: PeriodQuery }, config: { access: 'public' } },
    async (request, reply) => {
      try {
        const match = /^(.+)\.(csv|json)$/.exec(request.params.fichier);
        if (!match)
          throw new PublicStatisticsError('unknownFormat', {
            name: request.params.fichier,
            formats: '.csv, .json',
          });
        const id = tableOf(match[1]!);
        const period = periodOf(request.query);
        const { tables, regions } = await stats.tables(period);
        const table = tables.find((t) => t.id === id)!;
        const labels = labeller(request.t, request.locale, regions);
        const name = `${id}-${table.period}.${match[2]}`;
        reply
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('cache-control', 'public, max-age=3600');
        return match[2] === 'csv'
          ? reply.type('text/csv; charset=utf-8').send(tableCsv(table, labels))
          : reply.type('application/json; charset=utf-8').send(tableJson(table, labels, stats.publicUrl));
      } catch (error) {
        return problem(request, reply, error);
      }
    },
  );

  app.get(
    '/statistiques/rapport/:fichier',
    { schema: { ...page, params: File }, config: { access: 'public' } },
    async (request, reply) => {
      const match = /^(\d{4})\.pdf$/.exec(request.params.fichier);
      if (!match)
        throw new PublicStatisticsError('unknownFormat', {
          name: request.params.fichier,
          formats: '2025.pdf',
        });
      const period = stats.period(match[1]);
      const publication = await stats.publication(period.year);
      const date = new Intl.DateTimeFormat(request.locale === 'en' ? 'en-GB' : 'fr-FR', {
        dateStyle: 'long',
        timeZone: 'Europe/Paris',
      }).format(stats.now());
      const pdf = await annualReportPdf({
        publication,
        labels: labeller(request.t, request.locale, publication.regions),
        t: request.t,
        generated: request.t('statistics.public.report.generated', { date }),
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="relais-statistiques-${period.year}.pdf"`)
        .header('cache-control', 'public, max-age=3600')
        .send(pdf);
    },
  );
}
