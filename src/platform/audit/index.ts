import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/** Who did it, from where: built by routes (or the CLI, or a job) and handed to services. */
export interface AuditContext {
  readonly actorUserId: string | null;
  readonly actorOrganisationId: string | null;
  readonly requestId: string | null;
}

export interface AuditEvent {
  action: string;
  targetType?: string;
  targetId?: string;
  /** Identifiers and codes only: never names, e-mails or anything about a victim. */
  details?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);
// Any constant works; it only has to be the same for every writer of the chain.
const AUDIT_LOCK = 7_305_001;

/** JSON with sorted keys, so the hash does not depend on jsonb's key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

interface HashedFields {
  occurredAt: string;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export function chainHash(prevHash: string, fields: HashedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

/**
 * Appends one event inside the caller's transaction, so the action and its trace commit together.
 * An advisory lock serialises writers: each event's prev_hash is the hash of the one committed before it.
 */
export async function appendAudit(
  trx: Transaction<DB>,
  context: AuditContext,
  event: AuditEvent,
  now: Date = new Date(),
): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom('audit_events')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields: HashedFields = {
    occurredAt: now.toISOString(),
    actorUserId: context.actorUserId,
    actorOrganisationId: context.actorOrganisationId,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    requestId: context.requestId,
    details: event.details ?? {},
  };
  await trx
    .insertInto('audit_events')
    .values({
      occurred_at: fields.occurredAt,
      actor_user_id: fields.actorUserId,
      actor_organisation_id: fields.actorOrganisationId,
      action: fields.action,
      target_type: fields.targetType,
      target_id: fields.targetId,
      request_id: fields.requestId,
      details: JSON.stringify(fields.details),
      prev_hash: prevHash,
      hash: chainHash(prevHash, fields),
    })
    .execute();
}

export type AuditVerification =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenAt: number; reason: string };

/** Walks the chain in id order and reports the first event whose link or content does not match. */
export async function verifyAuditChain(db: Kysely<DB>, pageSize = 5000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, brokenAt: row.id, reason: 'le lien vers l’événement précédent est rompu' };
      }
      const expected = chainHash(prevHash, {
        occurredAt: row.occurred_at.toISOString(),
        actorUserId: row.actor_user_id,
        actorOrganisationId: row.actor_organisation_id,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        requestId: row.request_id,
        details: row.details,
      });
      if (row.hash !== expected) {
        return { ok: false, checked, brokenAt: row.id, reason: 'le contenu ne correspond plus à son empreinte' };
      }
      prevHash = row.hash;
      afterId = row.id;
      checked++;
    }
    if (rows.length < pageSize) return { ok: true, checked };
  }
}

export interface AuditFilter {
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  actorUserId?: string | undefined;
  beforeId?: number | undefined;
}

/** Latest events first, 100 per page (`beforeId` pages back). */
export function listAuditEvents(db: Kysely<DB>, filter: AuditFilter, limit = 100) {
  let query = db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(limit);
  if (filter.action) query = query.where('action', 'like', `${filter.action.replace(/[%_]/g, '')}%`);
  if (filter.targetType) query = query.where('target_type', '=', filter.targetType);
  if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
  if (filter.actorUserId) query = query.where('actor_user_id', '=', filter.actorUserId);
  if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
  return query.execute();
}
