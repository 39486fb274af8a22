import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../../platform/auth/roles.js';
import type { Subscriptions } from '../subscriptions.js';

const EDITORS: Role[] = ['content_editor', 'national_admin'];

/** The mail service's side: it reports the addresses that no longer receive anything. */
export function newsletterBounceRoutes(deps: { subscriptions: Subscriptions }) {
  const { subscriptions } = deps;
  return async function routes(base: FastifyInstance) {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    // The mail service's bounce notices (hard bounces after the SMTP session: mailbox gone, domain dead).
    app.post(
      '/api/v1/newsletter/bounces',
      {
        schema: {
          summary: 'Signaler un rebond définitif (l’adresse ne reçoit plus rien)',
          tags: ['newsletter'],
          security: [{ bearer: [] }],
          body: Type.Object(
            {
              email: Type.String({ maxLength: 320 }),
              type: Type.Union([Type.Literal('hard'), Type.Literal('soft')]),
              reason: Type.Optional(Type.String({ maxLength: 300 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ suppressed: Type.Boolean(), subscriber: Type.Boolean() }) },
        },
        config: { access: EDITORS, scope: 'newsletter:bounces' },
      },
      async (request) => {
        if (request.body.type === 'soft') return { suppressed: false, subscriber: false };
        const subscriber = await subscriptions.bounced(
          request.body.email,
          request.body.reason ?? 'hard bounce (webhook)',
        );
        return { suppressed: true, subscriber };
      },
    );
  };
}
