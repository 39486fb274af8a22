import type { OfferInput } from '../../src/modules/placements/offers.js';
import type { Actor } from '../../src/platform/auth/roles.js';
import type { Client, TestContext, TestUser, UserSpec } from './app.js';

export const AUDIT = { actorUserId: null, actorOrganisationId: null, requestId: 'test' } as const;

/** Helpers for placement tests: people with their actor and an API client, and offers created through the service. */
export function placementHelpers(ctx: TestContext) {
  let n = 0;
  const actorOf = async (user: TestUser): Promise<Actor> =>
    (await ctx.core.sessions.loadActor(user.id, 'token', {
      mfaVerified: true,
      sessionId: null,
      tokenScopes: null,
    }))!;

  return {
    actorOf,

    /** A person with an API token (a bearer client is not bound by session timeouts when the fake clock runs). */
    async person(spec: UserSpec): Promise<{ user: TestUser; actor: Actor; api: Client }> {
      const user = await ctx.createUser(spec);
      const api = ctx.client();
      api.bearer = (
        await ctx.core.services.accounts.apiTokens.createForEmail(user.email, AUDIT, { name: 'essai' })
      ).token;
      return { user, actor: await actorOf(user), api };
    },

    /** A host structure with one staff member. */
    async structure(name = `Structure d’accueil de test ${++n}`) {
      return this.person({
        role: 'host_staff',
        scopeKind: 'organisation',
        organisation: { name, type: 'structure_accueil' },
      });
    },

    /** An open offer of the staff member's structure. */
    async offer(staff: Actor, input: Partial<OfferInput> & { commune: string }): Promise<string> {
      return ctx.core.services.placements.offers.create(staff, AUDIT, {
        name: `Offre ${++n}`,
        public: 'femmes',
        capacity: 2,
        specialisation: 'non_specialised',
        ...input,
      });
    },
  };
}
