import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { type PendingLogin, type ProConnect, ProConnectError } from '../../../platform/auth/proconnect.js';
import { SESSION_COOKIE } from '../../../platform/auth/sessions.js';
import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { runForm } from '../../../platform/http/forms.js';
import { sessionCookieOptions } from '../../../platform/http/identity.js';
import { safeReturn } from '../../../platform/http/redirects.js';
import type { InvitationService } from '../invitations.js';
import { CodeForm, EmailForm, ReturnQuery, SetPasswordForm, SignInForm, TokenQuery } from '../schemas.js';
import type { OpenedSession, SignInService } from '../sign-in.js';
import { ForgotPasswordPage, SecondFactorPage, SetPasswordPage, SignInPage } from '../views/sign-in.js';

const page = { hide: true };
const OIDC_COOKIE = 'relais_oidc';

export interface SignInRouteDeps {
  signIn: SignInService;
  invitations: InvitationService;
  proconnect: ProConnect | undefined;
  secureCookies: boolean;
  publicUrl: string;
  /** Forms per minute from one address (LOGIN_RATE_PER_MINUTE); accounts also lock after repeated failures. */
  loginRatePerMinute: number;
}

export function signInRoutes(deps: SignInRouteDeps) {
  const { signIn, invitations, proconnect, secureCookies, publicUrl } = deps;
  const loginLimit = { max: deps.loginRatePerMinute, timeWindow: '1 minute' };

  function afterSignIn(reply: FastifyReply, session: OpenedSession, retour: string | undefined): FastifyReply {
    reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(secureCookies, session.expiresAt));
    const target = safeReturn(retour);
    if (session.next === 'verify') return reply.redirect(`/connexion/2fa?retour=${encodeURIComponent(target)}`, 303);
    if (session.next === 'enrol') return reply.redirect('/compte/2fa', 303);
    return reply.redirect(target, 303);
  }

  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/connexion', { schema: { ...page, querystring: ReturnQuery }, config: { access: 'public' } }, async (request, reply) => {
      if (request.actor?.via === 'session' && request.actor.mfaVerified) return reply.redirect(safeReturn(request.query.retour), 303);
      return reply.page(SignInPage({ ctx: request.pageContext(), retour: request.query.retour, proconnect: !!proconnect }));
    });

    app.post(
      '/connexion',
      { schema: { ...page, body: SignInForm }, attachValidation: true, config: { access: 'public', rateLimit: loginLimit } },
      async (request, reply) => {
        const body = request.body ?? { email: '', password: '' };
        const session = await runForm(
          request,
          reply,
          () => signIn.signIn(body.email, body.password, request.id),
          (errors) => SignInPage({ ctx: request.pageContext(), email: body.email, retour: body.retour, errors, proconnect: !!proconnect }),
        );
        return session ? afterSignIn(reply, session, body.retour) : reply;
      },
    );

    app.get(
      '/connexion/2fa',
      { schema: { ...page, querystring: ReturnQuery }, config: { access: 'authenticated', beforeMfa: true } },
      async (request, reply) => {
        const actor = request.requireActor();
        if (actor.mfaVerified) return reply.redirect(safeReturn(request.query.retour), 303);
        if (!actor.totpEnabled) return reply.redirect('/compte/2fa', 303);
        return reply.page(SecondFactorPage({ ctx: request.pageContext(), retour: request.query.retour }));
      },
    );

    app.post(
      '/connexion/2fa',
      { schema: { ...page, body: CodeForm }, attachValidation: true, config: { access: 'authenticated', beforeMfa: true, rateLimit: loginLimit } },
      async (request, reply) => {
        const actor = request.requireActor();
        const body = request.body ?? { code: '' };
        const done = await runForm(
          request,
          reply,
          async () => {
            await signIn.verifySecondFactor(actor, body.code, request.auditContext());
            return true;
          },
          (errors) => SecondFactorPage({ ctx: request.pageContext(), retour: body.retour, errors }),
        );
        return done ? reply.redirect(safeReturn(body.retour), 303) : reply;
      },
    );

    app.post('/deconnexion', { schema: page, config: { access: 'public' } }, async (request, reply) => {
      await signIn.signOut(request.actor, request.auditContext());
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.flashNext('info', 'auth.flash.signedOut').redirect('/', 303);
    });

    app.get('/mot-de-passe-oublie', { schema: page, config: { access: 'public' } }, async (request, reply) =>
      reply.page(ForgotPasswordPage({ ctx: request.pageContext(), sent: false })),
    );

    app.post(
      '/mot-de-passe-oublie',
      { schema: { ...page, body: EmailForm }, attachValidation: true, config: { access: 'public', rateLimit: loginLimit } },
      async (request, reply) => {
        const email = request.body?.email?.trim() ?? '';
        const done = await runForm(
          request,
          reply,
          async () => {
            if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new ValidationError({ email: 'accounts.errors.email' });
            await invitations.requestPasswordReset(email, request.auditContext());
            return true;
          },
          (errors) => ForgotPasswordPage({ ctx: request.pageContext(), sent: false, errors, email }),
        );
        return done ? reply.page(ForgotPasswordPage({ ctx: request.pageContext(), sent: true })) : reply;
      },
    );

    app.get('/mot-de-passe/nouveau', { schema: { ...page, querystring: TokenQuery }, config: { access: 'public' } }, async (request, reply) => {
      const token = request.query.jeton ?? '';
      try {
        const link = await invitations.inspectLink(token);
        return reply.page(SetPasswordPage({ ctx: request.pageContext(), token, purpose: link.purpose, email: link.email }));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return reply.page(SetPasswordPage({ ctx: request.pageContext(), token, invalid: true }), 410);
      }
    });

    app.post(
      '/mot-de-passe/nouveau',
      { schema: { ...page, body: SetPasswordForm }, attachValidation: true, config: { access: 'public', rateLimit: loginLimit } },
      async (request, reply) => {
        const body = request.body ?? { jeton: '', password: '', confirmation: '' };
        const link = await invitations.inspectLink(body.jeton).catch(() => undefined);
        if (!link) return reply.page(SetPasswordPage({ ctx: request.pageContext(), token: body.jeton, invalid: true }), 410);
        const done = await runForm(
          request,
          reply,
          () => invitations.completeLink(body.jeton, body.password, body.confirmation, request.auditContext()),
          (errors) => SetPasswordPage({ ctx: request.pageContext(), token: body.jeton, purpose: link.purpose, email: link.email, errors }),
        );
        if (!done) return reply;
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.flashNext('success', 'auth.flash.passwordSet').redirect('/connexion', 303);
      },
    );

    app.get('/connexion/proconnect', { schema: { ...page, querystring: ReturnQuery }, config: { access: 'public' } }, async (request, reply) => {
      if (!proconnect) throw new NotFoundError();
      const { url, pending } = await proconnect.start(safeReturn(request.query.retour));
      reply.setCookie(OIDC_COOKIE, JSON.stringify(pending), {
        path: '/connexion/proconnect',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        signed: true,
        maxAge: 600,
      });
      return reply.redirect(url, 303);
    });

    app.get('/connexion/proconnect/callback', { schema: page, config: { access: 'public' } }, async (request, reply) => {
      if (!proconnect) throw new NotFoundError();
      const raw = request.cookies[OIDC_COOKIE];
      const unsigned = raw ? request.unsignCookie(raw) : undefined;
      reply.clearCookie(OIDC_COOKIE, { path: '/connexion/proconnect' });
      if (!unsigned?.valid || !unsigned.value) throw new ValidationError({}, 'auth.errors.proconnectExpired');
      const pending = JSON.parse(unsigned.value) as PendingLogin;
      let identity: { sub: string; email: string };
      try {
        identity = await proconnect.finish(new URL(request.url, publicUrl), pending);
      } catch (error) {
        if (!(error instanceof ProConnectError)) throw error;
        request.log.warn({ reason: error.message }, 'proconnect callback refused');
        throw new ValidationError({}, 'auth.errors.proconnectFailed');
      }
      const session = await signIn.signInWithProConnect(identity, request.id);
      return afterSignIn(reply, session, pending.retour);
    });
  };
}
