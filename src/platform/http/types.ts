import type { AuditContext } from '../audit/index.js';
import type { ApiScope } from '../auth/scopes.js';
import type { Actor, Role } from '../auth/roles.js';
import type { Locale, Translate } from '../i18n/index.js';
import type { Flash, PageContext, Theme } from '../views/context.js';
import type { Page } from '../views/render.js';

/**
 * Who may call a route. Every route declares one (app.ts refuses to register a route without it):
 * - 'public': anyone, signed in or not;
 * - 'authenticated': any active account;
 * - a list of roles: an account holding at least one of them (territory is then checked by the service).
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** API scope a bearer token must carry; a route without one cannot be called with a token. */
    scope?: ApiScope;
    /** Reachable while the second factor is still pending (enrolment, verification, sign-out). */
    beforeMfa?: boolean;
    /** Skip CSRF: only for endpoints that authenticate otherwise (RFC 8058 one-click unsubscribe, webhooks). */
    csrf?: false;
    /** Static assets: no session lookup, no CSRF cookie. */
    asset?: boolean;
  }

  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    t: Translate;
    theme: Theme;
    csrfToken: string;
    flash: Flash | null;
    /** Context for services: the actor and request id, for audit. */
    auditContext(): AuditContext;
    /** Context for views. */
    pageContext(): PageContext;
    /** The signed-in actor; throws 401 when there is none (routes with access other than 'public'). */
    requireActor(): Actor;
  }

  interface FastifyReply {
    page(page: Page, status?: number): FastifyReply;
    flashNext(kind: Flash['kind'], messageKey: string, params?: Record<string, string | number>): FastifyReply;
  }
}
