import { createRequire } from 'node:module';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ErrorPage } from '../views/error-page.js';
import { DomainError, NotFoundError, ValidationError } from './errors.js';
import { MfaRequiredError } from './identity.js';

// ajv-i18n rewrites ajv's messages in place, in the request's language.
const require = createRequire(import.meta.url);
const localize = { fr: require('ajv-i18n/localize/fr'), en: require('ajv-i18n/localize/en') } as Record<string, (errors: unknown[]) => void>;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  requestId: string;
  errors?: Array<{ field: string; message: string }>;
}

/** API callers (and scripts) get problem+json; people get a DSFR page. */
export function wantsJson(request: FastifyRequest): boolean {
  const path = request.url;
  if (path.startsWith('/api/') || path.startsWith('/hsds/') || path === '/healthz') return true;
  const accept = request.headers.accept ?? '';
  return /application\/(problem\+)?json/.test(accept) && !accept.includes('text/html');
}

interface Described {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
}

function fieldFromAjv(error: { instancePath?: string; params?: Record<string, unknown> }): string {
  const path = (error.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = error.params?.missingProperty;
  if (typeof missing === 'string') return path ? `${path}.${missing}` : missing;
  const extra = error.params?.additionalProperty;
  if (typeof extra === 'string') return path ? `${path}.${extra}` : extra;
  return path || '_';
}

function describe(error: FastifyError | DomainError | Error, request: FastifyRequest): Described {
  const t = request.t;
  if (error instanceof DomainError) {
    const described: Described = { status: error.status, code: error.code, title: t(error.messageKey, error.params) };
    if (error instanceof ValidationError) {
      described.errors = Object.entries(error.fields).map(([field, key]) => ({
        field,
        message: t(key, error.fieldParams[field] ?? {}),
      }));
    }
    return described;
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    localize[request.locale]?.(fastifyError.validation as unknown[]);
    return {
      status: 400,
      code: 'invalid-request',
      title: t('errors.invalidRequest'),
      errors: fastifyError.validation.map((v) => ({
        field: fieldFromAjv(v as never),
        message: v.message ?? t('errors.invalid'),
      })),
    };
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'too-large', title: t('errors.tooLarge') };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'unsupported-media-type', title: t('errors.unsupportedMediaType') };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'malformed-json', title: t('errors.malformedJson') };
  }
  if (fastifyError.statusCode === 429) {
    return { status: 429, code: 'too-many-requests', title: t('errors.tooManyRequests') };
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return { status: 400, code: 'malformed-json', title: t('errors.malformedJson') };
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, code: 'bad-request', title: t('errors.badRequest') };
  }
  return { status: 500, code: 'internal', title: t('errors.internal') };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, described: Described): FastifyReply {
  const problem: Problem = {
    type: `urn:relais:probleme:${described.code}`,
    title: described.title,
    status: described.status,
    instance: request.url.split('?')[0] ?? '/',
    requestId: request.id,
  };
  if (described.detail) problem.detail = described.detail;
  if (described.errors) problem.errors = described.errors;
  return reply.code(described.status).type('application/problem+json; charset=utf-8').send(problem);
}

function sendErrorPage(request: FastifyRequest, reply: FastifyReply, described: Described): FastifyReply {
  const detail = described.errors?.map((e) => `${e.field} : ${e.message}`).join(' · ') ?? described.detail;
  return reply.page(
    ErrorPage({ ctx: request.pageContext(), status: described.status, title: described.title, detail, requestId: request.id }),
    described.status,
  );
}

/** One place that turns any error into an answer; 5xx details stay in the logs, never in the response. */
async function errorHandler(app: FastifyInstance) {
  app.setErrorHandler(async (error: FastifyError | DomainError, request, reply) => {
    const json = wantsJson(request);
    if (!json && error instanceof MfaRequiredError) {
      return reply.redirect(error.step === 'enrol' ? '/compte/2fa' : `/connexion/2fa?retour=${encodeURIComponent(request.url)}`);
    }
    if (!json && error instanceof DomainError && error.status === 401) {
      return reply.redirect(`/connexion?retour=${encodeURIComponent(request.url)}`);
    }
    const described = describe(error, request);
    if (described.status >= 500) request.log.error({ err: error }, 'unhandled error');
    else request.log.info({ code: described.code, status: described.status }, 'request refused');
    if (described.status === 401) reply.header('www-authenticate', 'Bearer realm="relais"');
    if (described.status === 429 && reply.getHeader('retry-after') === undefined) reply.header('retry-after', '60');
    return json ? sendProblem(request, reply, described) : sendErrorPage(request, reply, described);
  });

  app.setNotFoundHandler(async (request, reply) => {
    const error = new NotFoundError('errors.routeNotFound');
    const described = describe(error, request);
    return wantsJson(request) ? sendProblem(request, reply, described) : sendErrorPage(request, reply, described);
  });
}

export const errorHandlerPlugin = fp(errorHandler, { name: 'relais-errors' });
