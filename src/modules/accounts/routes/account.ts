import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { needsMfa } from '../../../platform/auth/roles.js';
import { SESSION_COOKIE } from '../../../platform/auth/sessions.js';
import { runForm } from '../../../platform/http/forms.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import type { ApiTokenService } from '../api-tokens.js';
import { describeGrant, presentMe } from '../presenters.js';
import { ApiTokenForm, CodeForm, IdParams, MeResponse } from '../schemas.js';
import type { SignInService } from '../sign-in.js';
import { AccountPage, type AccountView, TokenCreatedPage } from '../views/account.js';
import { EnrolPage, RecoveryCodesPage } from '../views/sign-in.js';

const page = { hide: true };

async function qrDataUri(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

export function accountRoutes(deps: { signIn: SignInService; apiTokens: ApiTokenService; loginRatePerMinute: number }) {
  const { signIn, apiTokens } = deps;

  async function accountView(request: FastifyRequest): Promise<AccountView> {
    const actor = request.requireActor();
    return {
      grants: actor.grants.map((g) => ({
        role: g.role,
        scope_kind: g.scope.kind,
        departement_codes: g.scope.kind === 'departements' ? [...g.scope.departements] : [],
        airport_iata: g.scope.kind === 'airport' ? g.scope.airport : null,
      })),
      secondFactor: {
        enabled: actor.totpEnabled,
        required: needsMfa(actor),
        recoveryCodesLeft: actor.totpEnabled ? await signIn.remainingRecoveryCodes(actor.userId) : 0,
      },
      sessions: await signIn.activeSessions(actor.userId),
      tokens: await apiTokens.list(actor),
    };
  }

  async function renderAccount(request: FastifyRequest, tokenForm?: Partial<ApiTokenForm>, tokenErrors?: FieldErrors) {
    return AccountPage({
      ctx: request.pageContext(),
      view: await accountView(request),
      describeGrant: (g) => describeGrant(request.t, g),
      tokenForm,
      tokenErrors,
    });
  }

  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/api/v1/me',
      {
        schema: {
          summary: 'Le compte appelant, son organisation et ses habilitations',
          tags: ['comptes'],
          security: [{ bearer: [] }],
          response: { 200: MeResponse },
        },
        config: { access: 'authenticated', scope: 'me:read' },
      },
      async (request) => presentMe(request.requireActor()),
    );

    app.get('/compte', { schema: page, config: { access: 'authenticated' } }, async (request, reply) => reply.page(await renderAccount(request)));

    app.get('/compte/2fa', { schema: page, config: { access: 'authenticated', beforeMfa: true } }, async (request, reply) => {
      const actor = request.requireActor();
      if (actor.totpEnabled) return reply.redirect(actor.mfaVerified ? '/compte#double-authentification' : '/connexion/2fa', 303);
      const { secret, uri } = await signIn.beginEnrolment(actor);
      return reply.page(EnrolPage({ ctx: request.pageContext(), secret, qrDataUri: await qrDataUri(uri) }));
    });

    app.post(
      '/compte/2fa',
      { schema: { ...page, body: CodeForm }, attachValidation: true, config: { access: 'authenticated', beforeMfa: true, rateLimit: { max: deps.loginRatePerMinute, timeWindow: '1 minute' } } },
      async (request, reply) => {
        const actor = request.requireActor();
        const codes = await runForm(
          request,
          reply,
          () => signIn.confirmEnrolment(actor, request.body?.code ?? '', request.auditContext()),
          async (errors) => {
            const { secret, uri } = await signIn.beginEnrolment(actor);
            return EnrolPage({ ctx: request.pageContext(), secret, qrDataUri: await qrDataUri(uri), errors });
          },
        );
        if (!codes) return reply;
        return reply.page(RecoveryCodesPage({ ctx: request.pageContext(), codes, next: '/pro' }));
      },
    );

    app.post('/compte/2fa/codes', { schema: page, config: { access: 'authenticated' } }, async (request, reply) => {
      const codes = await signIn.regenerateRecoveryCodes(request.requireActor(), request.auditContext());
      return reply.page(RecoveryCodesPage({ ctx: request.pageContext(), codes, next: '/compte#double-authentification' }));
    });

    app.post('/compte/sessions/revoquer', { schema: page, config: { access: 'authenticated' } }, async (request, reply) => {
      await signIn.signOutEverywhere(request.requireActor(), request.auditContext());
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.flashNext('success', 'account.sessions.revoked').redirect('/', 303);
    });

    app.post(
      '/compte/jetons',
      { schema: { ...page, body: ApiTokenForm }, attachValidation: true, config: { access: 'authenticated' } },
      async (request, reply) => {
        const body = request.body ?? { name: '' };
        const days = body.expiresInDays?.trim();
        const created = await runForm(
          request,
          reply,
          () =>
            apiTokens.createForSelf(request.requireActor(), request.auditContext(), {
              name: body.name,
              scopes: body.scopes,
              expiresInDays: days ? Number(days) : undefined,
            }),
          (errors) => renderAccount(request, body, errors),
        );
        if (!created) return reply;
        return reply.page(TokenCreatedPage({ ctx: request.pageContext(), token: created.token, name: body.name }));
      },
    );

    app.post(
      '/compte/jetons/:id/revoquer',
      { schema: { ...page, params: IdParams }, config: { access: 'authenticated' } },
      async (request, reply) => {
        await apiTokens.revoke(request.requireActor(), request.auditContext(), request.params.id);
        return reply.flashNext('success', 'account.tokens.revokedFlash').redirect('/compte#jetons', 303);
      },
    );
  };
}
