import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/audit/index.js';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import type { Jobs } from '../../platform/jobs/index.js';
import type { Clock } from '../../platform/time/clock.js';
import type { DirectoryImport, ImportReport } from './import.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Long imports in the background: the file waits in a row, a job runs the import as its author and writes the
 * progress as it goes; the import's page shows it, then the report.
 */
export function createImportQueue(deps: {
  db: Kysely<DB>;
  clock: Clock;
  jobs: Pick<Jobs, 'send' | 'define'>;
  importer: DirectoryImport;
  loadActor(userId: string): Promise<Actor | null>;
}) {
  const { db, clock, jobs, importer, loadActor } = deps;

  async function execute(id: string): Promise<void> {
    const row = await db.selectFrom('directory_imports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.status !== 'queued' || row.content === null) return;
    const actor = await loadActor(row.created_by);
    await db.updateTable('directory_imports').set({ status: 'running' }).where('id', '=', id).execute();
    const audit: AuditContext = {
      actorUserId: row.created_by,
      actorOrganisationId: actor?.organisation.id ?? null,
      requestId: `job:directory.import:${id}`,
    };
    try {
      if (!actor) throw new ForbiddenError();
      const report: ImportReport = await importer.run(
        actor,
        audit,
        {
          format: row.format,
          content: row.content,
          source: row.source,
          dryRun: false,
          validLinesOnly: row.valid_lines_only,
        },
        async (done, total) => {
          await db.updateTable('directory_imports').set({ done, total }).where('id', '=', id).execute();
        },
      );
      await db
        .updateTable('directory_imports')
        .set({
          status: 'done',
          report: JSON.stringify(report),
          content: null,
          done: report.lines * 2,
          total: report.lines * 2,
          finished_at: clock.now(),
        })
        .where('id', '=', id)
        .execute();
    } catch (error) {
      await db
        .updateTable('directory_imports')
        .set({
          status: 'failed',
          content: null,
          report: JSON.stringify({ error: (error as Error).name }),
          finished_at: clock.now(),
        })
        .where('id', '=', id)
        .execute();
    }
  }

  jobs.define<{ id: string }>({
    name: 'directory.import',
    options: { retryLimit: 0, deleteAfterSeconds: 7 * 24 * 3600 },
    pollingSeconds: 2,
    handler: async (job) => execute(job.data.id),
  });

  return {
    execute,

    async enqueue(
      actor: Actor,
      input: { format: 'csv' | 'data-inclusion'; content: string; source: string; validLinesOnly: boolean },
    ): Promise<string> {
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('directory_imports')
          .values({
            created_by: actor.userId,
            source: input.source,
            format: input.format,
            content: input.content,
            valid_lines_only: input.validLinesOnly,
            created_at: clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await jobs.send('directory.import', { id: row.id }, { trx });
        return row.id;
      });
      return id;
    },

    /** An import of the actor's (editors see each other's too). */
    async status(actor: Actor, id: string) {
      if (!hasRole(actor, 'content_editor', 'coordinator', 'national_admin')) throw new ForbiddenError();
      const row = UUID.test(id)
        ? await db
            .selectFrom('directory_imports')
            .select(['id', 'status', 'done', 'total', 'report', 'source', 'created_by'])
            .where('id', '=', id)
            .executeTakeFirst()
        : undefined;
      if (!row) throw new NotFoundError();
      return {
        id: row.id,
        status: row.status,
        done: row.done,
        total: row.total,
        source: row.source,
        report: row.report as ImportReport | null,
      };
    },
  };
}

export type ImportQueue = ReturnType<typeof createImportQueue>;
