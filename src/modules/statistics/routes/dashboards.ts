import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../../../platform/http/error-handler.js';
import { DomainError, ValidationError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import { rowLabel } from '../dashboards-labels.js';
import type { Chart, DashboardFilter } from '../dashboards-model.js';
import { DASHBOARDS, type DashboardKey } from '../dashboards-scope.js';
import type { Statistics } from '../index.js';
import { DashboardPage, OverviewPage } from '../views/dashboards.js';

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const Query = Type.Object({
  from: text(20),
  to: text(20),
  departement: text(10),
  breakdown: text(40),
});
type Query = Static<typeof Query>;

const page = { hide: true, querystring: Query };

/**
 * /pro/statistiques: every signed-in account may open it; each dashboard counts only the account's reach, and a
 * role with nothing to count reads a page saying so. One CSV per chart (`breakdown` names it).
 */
export function dashboardRoutes(base: FastifyInstance, statistics: Statistics): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { dashboards } = statistics;

  const filterOf = (query: Query): DashboardFilter => {
    const defaults = dashboards.defaults();
    return {
      from: query.from?.trim() || defaults.from,
      to: query.to?.trim() || defaults.to,
      departement: query.departement?.trim() ?? '',
      breakdown: query.breakdown?.trim() ?? '',
    };
  };
  const fieldErrors = (request: FastifyRequest, error: ValidationError): FieldErrors =>
    Object.fromEntries(Object.entries(error.fields).map(([k, key]) => [k, request.t(key)]));

  app.get(
    '/pro/statistiques',
    { schema: { hide: true }, config: { access: 'authenticated' } },
    async (request, reply) => {
      const actor = request.requireActor();
      return reply.page(OverviewPage({ ctx: request.pageContext(), available: dashboards.available(actor) }));
    },
  );

  async function showDashboard(dashboard: DashboardKey, request: FastifyRequest, reply: FastifyReply) {
    const actor = request.requireActor();
    const filter = filterOf(request.query as Query);
    const reach = dashboards.reach(actor, dashboard);
    const props = {
      ctx: request.pageContext(),
      dashboard,
      available: dashboards.available(actor),
      reach,
      filter,
      breakdowns: dashboards.breakdowns(dashboard),
      departements: await dashboards.departements(actor, dashboard),
    };
    if (!reach) return reply.page(DashboardPage({ ...props, charts: [] }));
    try {
      const charts = await dashboards.charts(actor, dashboard, filter);
      return reply.page(DashboardPage({ ...props, charts }));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.page(DashboardPage({ ...props, charts: [], errors: fieldErrors(request, error) }), 422);
    }
  }

  /** A download: bad filters answer problem+json (400) whatever the Accept header, so a script sees why. */
  async function downloadCsv(dashboard: DashboardKey, request: FastifyRequest, reply: FastifyReply) {
    const actor = request.requireActor();
    const filter = filterOf(request.query as Query);
    try {
      const label = (chart: Chart, row: Chart['rows'][number]) =>
        rowLabel(request.t, request.locale, chart.labels, row);
      const csv = await dashboards.csv(actor, dashboard, filter, label);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csv.filename}"`)
        .header('cache-control', 'private, no-store')
        .send(csv.body);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const invalid = error instanceof ValidationError;
      return sendProblem(request, reply, {
        status: invalid ? 400 : error.status,
        code: invalid ? 'invalid-request' : error.code,
        title: request.t(invalid ? 'statistics.dashboards.errors.invalidFilter' : error.messageKey),
        ...(invalid
          ? {
              errors: Object.entries(error.fields).map(([field, key]) => ({
                field,
                message: request.t(key),
              })),
            }
          : {}),
      });
    }
  }

  for (const dashboard of DASHBOARDS) {
    app.get(
      `/pro/statistiques/${dashboard}`,
      { schema: page, config: { access: 'authenticated' } },
      (request, reply) => showDashboard(dashboard, request, reply),
    );
    app.get(
      `/pro/statistiques/${dashboard}.csv`,
      { schema: page, config: { access: 'authenticated' } },
      (request, reply) => downloadCsv(dashboard, request, reply),
    );
  }
}
