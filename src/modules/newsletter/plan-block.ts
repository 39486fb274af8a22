import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { Translate } from '../../platform/i18n/index.js';
import { ForbiddenError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';
import { UUID, updateDraftEdition } from './draft-edition.js';
import { mayEditLetters } from './editions.js';

/** A public plan's progress as a letter shows it. */
export interface PlanSummary {
  id: string;
  slug: string;
  title: string;
  /** Weighted progress of the plan's measures, or null when it has none. */
  progress: number | null;
  done: number;
  total: number;
}

/** What the steering space tells the newsletter: only plans the public may see (published or closed). */
export interface PublicPlans {
  list(): Promise<Array<{ id: string; title: string }>>;
  summary(planId: string): Promise<PlanSummary | null>;
}


/**
 * The "plan progress" block of an edition: which public plan it shows. The figures are read when the letter is
 * rendered (at sending, and on the archive page), so a letter shows the plan as it stood when it went out.
 */
export function createPlanBlock(deps: { db: Kysely<DB>; clock: Clock; plans: PublicPlans }) {
  const { db, clock, plans } = deps;
  return {
    choices: () => plans.list(),

    async forEdition(editionId: string): Promise<PlanSummary | null> {
      const edition = UUID.test(editionId)
        ? await db
            .selectFrom('newsletter_editions')
            .select('plan_id')
            .where('id', '=', editionId)
            .executeTakeFirst()
        : undefined;
      return edition?.plan_id ? await plans.summary(edition.plan_id) : null;
    },

    /** Shows a public plan's progress in a draft edition ('' removes the block). */
    async set(actor: Actor, editionId: string, planId: string) {
      if (!mayEditLetters(actor)) throw new ForbiddenError();
      if (planId && !(UUID.test(planId) && (await plans.summary(planId))))
        throw new ValidationError({ plan: 'newsletter.errors.plan' });
      await updateDraftEdition(db, actor, editionId, { plan_id: planId || null, updated_at: clock.now() });
    },
  };
}

export type PlanBlock = ReturnType<typeof createPlanBlock>;

/** The "plan progress" block in one language: the plan's title, its progress and how many measures are done. */
export function planBlock(t: Translate, plan: PlanSummary, url: string) {
  return {
    heading: t('newsletter.mail.plan'),
    line:
      plan.progress === null
        ? plan.title
        : t('newsletter.mail.planLine', {
            title: plan.title,
            progress: plan.progress,
            count: plan.done,
            total: plan.total,
          }),
    url,
  };
}
