import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { type FieldCipher, KeyError } from './fields.js';

/** A column holding field-cipher values; modules declare theirs so `relais keys:rotate` finds them all. */
export interface EncryptedColumn {
  readonly table: string;
  readonly idColumn: string;
  readonly column: string;
  /** The column whose value the context is built from, when it is not the id (e.g. a note bound to its alert). */
  readonly contextColumn?: string;
  /** The associated data bound to each value (must match what the module passes to encrypt/decrypt). */
  context(key: string): string;
}

export interface RotationReport {
  table: string;
  column: string;
  rotated: number;
}

/** Re-encrypts with the current key every value written under an older key, in batches of `batchSize`. */
export async function rotateKeys(
  db: Kysely<DB>,
  cipher: FieldCipher,
  columns: readonly EncryptedColumn[],
  batchSize = 500,
): Promise<RotationReport[]> {
  const current = `rk1.${cipher.currentVersion}.%`;
  const reports: RotationReport[] = [];
  for (const col of columns) {
    let rotated = 0;
    for (;;) {
      const done = await db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ id: string; key: string; value: string }>`
          SELECT ${sql.ref(col.idColumn)}::text AS id, ${sql.ref(col.contextColumn ?? col.idColumn)}::text AS key, ${sql.ref(col.column)} AS value
          FROM ${sql.table(col.table)}
          WHERE ${sql.ref(col.column)} IS NOT NULL AND ${sql.ref(col.column)} NOT LIKE ${current}
          LIMIT ${batchSize} FOR UPDATE`.execute(trx);
        for (const row of rows) {
          const plaintext = cipher.decrypt(row.value, col.context(row.key));
          await sql`UPDATE ${sql.table(col.table)} SET ${sql.ref(col.column)} = ${cipher.encrypt(plaintext, col.context(row.key))}
            WHERE ${sql.ref(col.idColumn)} = ${row.id}`.execute(trx);
        }
        rotated += rows.length;
        return rows.length < batchSize;
      });
      if (done) break;
    }
    reports.push({ table: col.table, column: col.column, rotated });
  }
  return reports;
}

/**
 * At start: every stored value must be readable with the configured keys. A value written under a version that
 * RELAIS_DATA_KEYS no longer lists stops the start (rather than running, unable to read, and writing anew).
 */
export async function assertKeysCover(db: Kysely<DB>, cipher: FieldCipher, columns: readonly EncryptedColumn[]): Promise<void> {
  const known = cipher.versions.map((v) => `rk1.${v}.%`);
  for (const col of columns) {
    const { rows } = await sql<{ value: string }>`
      SELECT ${sql.ref(col.column)} AS value FROM ${sql.table(col.table)}
      WHERE ${sql.ref(col.column)} IS NOT NULL AND NOT (${sql.ref(col.column)} LIKE ANY (${known}::text[]))
      LIMIT 1`.execute(db);
    if (rows[0]) {
      const version = /^rk1\.(\d+)\./.exec(rows[0].value)?.[1];
      throw new KeyError(
        version
          ? `La clé de chiffrement v${version} manque dans RELAIS_DATA_KEYS (${col.table}.${col.column} en a besoin) : démarrage refusé.`
          : `${col.table}.${col.column} contient une valeur qui n’est pas chiffrée : démarrage refusé.`,
      );
    }
  }
}
