import type { Kysely } from 'kysely';
import { NotFoundError } from '../../platform/http/errors.js';
import type { DB } from '../../platform/db/schema.js';
import type { Jobs } from '../../platform/jobs/index.js';
import type { Clock } from '../../platform/time/clock.js';
import { createBudget } from './budget.js';
import { createIndicators, defineIndicatorJobs } from './indicators.js';
import { createMeasures } from './measures.js';
import { createPlans } from './plans.js';
import { createReview } from './review.js';
import { createTerritory } from './territory.js';

/** The steering space (issue 8): the plan, its budget and indicators, pilots, deployment, the joint review. */
export function createSteering(deps: { db: Kysely<DB>; clock: Clock; jobs: Jobs }) {
  const { db } = deps;
  const plans = createPlans(deps);
  const measures = createMeasures({ ...deps, plans });
  const budget = createBudget({ ...deps, plans });
  const indicators = createIndicators(deps);
  const territory = createTerritory(deps);
  const review = createReview({ ...deps, plans });
  defineIndicatorJobs(deps.jobs, indicators);
  return {
    plans,
    measures,
    budget,
    indicators,
    territory,
    review,
    /** What the newsletter's "plan progress" block may show: public plans only, read as the public reads them. */
    publicPlans: {
      async list() {
        return (await plans.list(null)).map((p) => ({ id: p.id, title: p.title }));
      },
      async summary(planId: string) {
        try {
          const outline = await plans.outline(planId, null);
          return {
            id: outline.plan.id,
            slug: outline.plan.slug,
            title: outline.plan.title,
            progress: outline.progress,
            done: outline.measures.filter((m) => m.status === 'done').length,
            total: outline.measures.length,
          };
        } catch (error) {
          if (error instanceof NotFoundError) return null;
          throw error;
        }
      },
    },
    library: {
      /** Published resources a measure may link to. */
      async published() {
        return await db
          .selectFrom('library_resources')
          .select(['id', 'title'])
          .where('status', '=', 'published')
          .orderBy('title')
          .limit(500)
          .execute();
      },
    },
  };
}

export type Steering = ReturnType<typeof createSteering>;
