import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasRole, needsMfa } from '../auth/roles.js';
import { hmac, newToken, safeEqual } from '../auth/secrets.js';
import { SESSION_COOKIE, type SessionStore } from '../auth/sessions.js';
import { ForbiddenError, UnauthorizedError } from './errors.js';

export const CSRF_COOKIE = 'relais_csrf';

declare module 'fastify' {
  interface FastifyRequest {
    csrfState: { reply: FastifyReply; token: string | undefined } | null;
  }
}

/** The second factor is missing: enrol first, or verify the code of this session. */
export class MfaRequiredError extends ForbiddenError {
  constructor(readonly step: 'enrol' | 'verify') {
    super(step === 'enrol' ? 'errors.mfaEnrolRequired' : 'errors.mfaVerifyRequired');
  }
}

export interface IdentityOptions {
  sessions: SessionStore;
  secret: string;
  secureCookies: boolean;
}

export function sessionCookieOptions(secure: boolean, expires?: Date) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, ...(expires ? { expires } : {}) };
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Who is calling (session cookie or bearer token), whether the route lets them in, and CSRF for cookie-based
 * writes. Access runs in preValidation, before the body schema, so a stranger gets 401/403 and not a 400 that
 * would describe the route; CSRF runs next, once the form body is parsed.
 */
async function identity(app: FastifyInstance, options: IdentityOptions) {
  const { sessions, secret, secureCookies } = options;

  app.decorateRequest('actor', null);
  // The CSRF cookie is only set when a page actually renders a form (the getter is read), so anonymous pages
  // without forms carry no Set-Cookie and can be cached.
  app.decorateRequest('csrfState', null);
  app.decorateRequest('csrfToken', {
    getter(this: FastifyRequest) {
      const state = this.csrfState;
      if (!state) return '';
      if (state.token === undefined) {
        let seed = this.cookies[CSRF_COOKIE];
        if (!seed) {
          seed = newToken();
          state.reply.setCookie(CSRF_COOKIE, seed, sessionCookieOptions(secureCookies));
        }
        state.token = hmac(secret, seed);
      }
      return state.token;
    },
  });
  app.decorateRequest('requireActor', function (this: FastifyRequest) {
    if (!this.actor) throw new UnauthorizedError();
    return this.actor;
  });
  app.decorateRequest('auditContext', function (this: FastifyRequest) {
    return {
      actorUserId: this.actor?.userId ?? null,
      actorOrganisationId: this.actor?.organisation.id ?? null,
      requestId: this.id,
    };
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.routeOptions.config.asset) return;

    const bearer = bearerToken(request);
    if (bearer !== undefined) {
      request.actor = await sessions.resolveApiToken(bearer);
      if (!request.actor) throw new UnauthorizedError('errors.invalidToken');
      return;
    }

    request.csrfState = { reply, token: undefined };

    const sessionToken = request.cookies[SESSION_COOKIE];
    if (sessionToken) {
      request.actor = await sessions.resolveSession(sessionToken);
      if (!request.actor) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
  });

  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (request.is404) return;
    const config = request.routeOptions.config;
    const access = config.access;
    if (access !== 'public') {
      const actor = request.actor;
      if (!actor) throw new UnauthorizedError();
      if (actor.via === 'token') {
        if (!config.scope) throw new ForbiddenError('errors.tokenNotAllowed');
        if (!actor.tokenScopes?.includes(config.scope)) throw new ForbiddenError('errors.scopeMissing', { scope: config.scope });
      }
      if (needsMfa(actor) && !actor.mfaVerified && !config.beforeMfa) {
        throw new MfaRequiredError(actor.totpEnabled ? 'verify' : 'enrol');
      }
      if (access !== 'authenticated' && access !== undefined && !hasRole(actor, ...access)) throw new ForbiddenError();
    }

    if (!UNSAFE_METHODS.has(request.method) || config.csrf === false || request.actor?.via === 'token') return;
    const body = request.body as Record<string, unknown> | undefined;
    const sent = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? request.headers['x-csrf-token'];
    if (!request.cookies[CSRF_COOKIE] || typeof sent !== 'string' || !safeEqual(sent, request.csrfToken)) {
      throw new ForbiddenError('errors.csrf');
    }
  });
}

export const identityPlugin = fp(identity, { name: 'relais-identity', dependencies: ['@fastify/cookie'] });
