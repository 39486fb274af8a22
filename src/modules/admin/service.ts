import type { Kysely } from 'kysely';
import { type AuditFilter, listAuditEvents, verifyAuditChain } from '../../platform/audit/index.js';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import type { Jobs } from '../../platform/jobs/index.js';
import type { UserAdminService } from '../accounts/users-admin.js';
import type { OrganisationService } from '../organisations/service.js';
import type { Outbox } from './outbox.js';

function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, 'national_admin')) throw new ForbiddenError();
}

/** Operations pages: overview, mail outbox, audit trail and its verification, job queues. */
export function createAdminService(deps: {
  db: Kysely<DB>;
  jobs: Pick<Jobs, 'boss'>;
  outbox: Outbox | undefined;
  organisations: Pick<OrganisationService, 'list'>;
  users: Pick<UserAdminService, 'countByStatus'>;
}) {
  const { db, jobs, outbox, organisations, users } = deps;
  return {
    async overview(actor: Actor) {
      const admin = hasRole(actor, 'national_admin');
      const [orgs, accounts, queues, mails] = await Promise.all([
        organisations.list(actor, {}),
        users.countByStatus(actor),
        admin ? jobs.boss.getQueues() : Promise.resolve([]),
        admin && outbox ? outbox.list(0) : Promise.resolve(undefined),
      ]);
      return {
        organisations: orgs.length,
        accounts,
        queues: queues.map((q) => ({ name: q.name, queued: q.queuedCount, active: q.activeCount, failed: q.failedCount, deadLetter: q.deadLetter ?? null })),
        outboxCount: mails?.total,
      };
    },

    async outboxList(actor: Actor) {
      requireAdmin(actor);
      return outbox ? outbox.list() : undefined;
    },

    async outboxMessage(actor: Actor, name: string) {
      requireAdmin(actor);
      if (!outbox) throw new NotFoundError();
      return outbox.read(name);
    },

    async auditEvents(actor: Actor, filter: AuditFilter) {
      requireAdmin(actor);
      return listAuditEvents(db, filter);
    },

    async verifyAudit(actor: Actor) {
      requireAdmin(actor);
      return verifyAuditChain(db);
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
