import { parse } from 'csv-parse/sync';
import OpeningHours from 'opening_hours';
import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { Geo } from '../../platform/geo/index.js';
import { ForbiddenError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';
import { EXPLOITATION_FORMS, isLanguageCode } from '../reference/index.js';
import { DIRECTORY_PUBLICS, SERVICE_TYPES } from './reference.js';

/** The CSV columns an import reads (a header line is required; unknown columns are refused). */
export const IMPORT_COLUMNS = [
  'source_id',
  'organisation',
  'service',
  'type',
  'description',
  'adresse',
  'code_postal',
  'code_insee',
  'publics',
  'formes_exploitation',
  'langues',
  'horaires',
  'telephone',
  'courriel',
  'site',
  'visibilite',
] as const;
const REQUIRED = ['source_id', 'organisation', 'service', 'type', 'code_insee'] as const;
const MAX_LINES = 20_000;

export interface ImportProblem {
  line: number;
  field: string;
  problem: string;
}

export interface ImportReport {
  lines: number;
  valid: number;
  imported: number;
  problems: ImportProblem[];
  /** Lines kept although geocoding failed: located at their commune's centre and flagged. */
  geocodingFallbacks: number;
  dryRun: boolean;
}

/** A geocoder answering a point for an address in a commune (BAN), or null when it cannot. */
export interface Geocoder {
  locate(address: string, inseeCode: string): Promise<{ latitude: number; longitude: number } | null>;
}

/** The Base Adresse Nationale's search API (https://adresse.data.gouv.fr/api-doc/adresse), URL configurable. */
export function banGeocoder(url: string, timeoutMs = 3000): Geocoder {
  return {
    async locate(address, inseeCode) {
      try {
        const query = new URLSearchParams({ q: address, citycode: inseeCode, limit: '1' });
        const response = await fetch(`${url}?${query}`, { signal: AbortSignal.timeout(timeoutMs) });
        if (!response.ok) return null;
        const body = (await response.json()) as {
          features?: Array<{
            geometry?: { coordinates?: [number, number] };
            properties?: { score?: number };
          }>;
        };
        const best = body.features?.[0];
        const coordinates = best?.geometry?.coordinates;
        if (!coordinates || (best?.properties?.score ?? 0) < 0.4) return null;
        return { longitude: coordinates[0], latitude: coordinates[1] };
      } catch {
        return null;
      }
    },
  };
}

interface Row {
  line: number;
  values: Record<(typeof IMPORT_COLUMNS)[number], string>;
}

const list = (value: string) =>
  value
    .split(/[;,|]/)
    .map((v) => v.trim())
    .filter(Boolean);
/** A name that a spreadsheet would run as a formula, or that carries markup: refused rather than stored. */
const INJECTION = /^[=+\-@\t\r]|[<>]/;

/**
 * Imports directory entries from a CSV (our columns) or a data·inclusion JSON export: a dry run reports line by
 * line (line, field, problem) without writing; a real run writes nothing unless every line is valid, or only
 * the valid lines when asked. Rerun-safe: the same source and `source_id` update the entry. Addresses are
 * geocoded through the BAN; when that fails the line is kept at its commune's centre and flagged, never dropped.
 */
export function createImport(deps: {
  db: Kysely<DB>;
  clock: Clock;
  geo: Pick<Geo, 'commune'>;
  geocoder: Geocoder;
  /** Called once an import has written to the directory (the map's cache). */
  changed?: () => void;
}) {
  const { db, clock, geo, geocoder } = deps;

  function rowsFromCsv(text: string, problems: ImportProblem[]): Row[] {
    let records: string[][];
    try {
      records = parse(text, {
        bom: true,
        skip_empty_lines: true,
        relax_column_count: true,
        relax_quotes: true,
        trim: true,
      }) as string[][];
    } catch (error) {
      problems.push({ line: 0, field: 'fichier', problem: `CSV illisible : ${(error as Error).message}` });
      return [];
    }
    const [header, ...lines] = records;
    if (!header) return [];
    const unknown = header.filter((h) => !(IMPORT_COLUMNS as readonly string[]).includes(h));
    for (const column of unknown) problems.push({ line: 1, field: column, problem: 'colonne inconnue' });
    for (const column of REQUIRED)
      if (!header.includes(column))
        problems.push({ line: 1, field: column, problem: 'colonne obligatoire absente' });
    if (unknown.length > 0 || REQUIRED.some((c) => !header.includes(c))) return [];
    if (lines.length > MAX_LINES) {
      problems.push({ line: 0, field: 'fichier', problem: `plus de ${MAX_LINES} lignes` });
      return [];
    }
    return lines.map((cells, i) => ({
      line: i + 2,
      values: Object.fromEntries(
        IMPORT_COLUMNS.map((c) => [c, cells[header.indexOf(c)] ?? '']),
      ) as Row['values'],
    }));
  }

  function rowsFromDataInclusion(json: unknown, problems: ImportProblem[]): Row[] {
    const data = json as {
      structures?: Array<Record<string, unknown>>;
      services?: Array<Record<string, unknown>>;
    };
    if (!data || !Array.isArray(data.services)) {
      problems.push({
        line: 0,
        field: 'fichier',
        problem: 'JSON data·inclusion attendu : { structures, services }',
      });
      return [];
    }
    const structures = new Map((data.structures ?? []).map((s) => [String(s.id), s]));
    const text = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? v.join(';') : '');
    return data.services.map((s, i) => ({
      line: i + 1,
      values: {
        source_id: text(s.id),
        organisation: text(structures.get(String(s.structure_id))?.nom),
        service: text(s.nom),
        type: 'accompagnement_social',
        description: text(s.description),
        adresse: text(s.adresse),
        code_postal: text(s.code_postal),
        code_insee: text(s.code_insee),
        publics: '',
        formes_exploitation: '',
        langues: '',
        horaires: text(s.horaires_accueil),
        telephone: text(s.telephone),
        courriel: text(s.courriel),
        site: text(s.lien_source),
        visibilite: 'public',
      },
    }));
  }

  async function check(row: Row, problems: ImportProblem[]) {
    const v = row.values;
    const problem = (field: string, text: string) => problems.push({ line: row.line, field, problem: text });
    const before = problems.length;
    for (const column of REQUIRED) if (!v[column]) problem(column, 'obligatoire');
    for (const column of ['organisation', 'service'] as const) {
      if (v[column] && INJECTION.test(v[column])) problem(column, 'caractères refusés (formule ou balise)');
      if (v[column].length > 200) problem(column, '200 caractères au plus');
    }
    if (v.type && !(SERVICE_TYPES as readonly string[]).includes(v.type))
      problem('type', `type inconnu « ${v.type} »`);
    const commune = /^(\d{5}|2[AB]\d{3})$/.test(v.code_insee) ? await geo.commune(v.code_insee) : undefined;
    if (v.code_insee && !commune) problem('code_insee', `code INSEE inconnu « ${v.code_insee} »`);
    if (v.code_postal && !/^\d{5}$/.test(v.code_postal)) problem('code_postal', 'cinq chiffres');
    for (const p of list(v.publics))
      if (!(DIRECTORY_PUBLICS as readonly string[]).includes(p))
        problem('publics', `public inconnu « ${p} »`);
    for (const f of list(v.formes_exploitation))
      if (!(EXPLOITATION_FORMS as readonly string[]).includes(f))
        problem('formes_exploitation', `forme inconnue « ${f} »`);
    for (const l of list(v.langues)) if (!isLanguageCode(l)) problem('langues', `langue inconnue « ${l} »`);
    if (v.horaires) {
      try {
        new OpeningHours(v.horaires, null);
      } catch {
        problem('horaires', `horaires illisibles (syntaxe opening_hours) « ${v.horaires} »`);
      }
    }
    if (v.courriel && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.courriel))
      problem('courriel', 'adresse électronique invalide');
    if (v.site && !/^https?:\/\/\S+$/.test(v.site)) problem('site', 'adresse web invalide');
    if (v.visibilite && !['public', 'professionnels'].includes(v.visibilite))
      problem('visibilite', 'public ou professionnels');
    return problems.length === before ? commune : undefined;
  }

  return {
    async run(
      actor: Actor,
      audit: AuditContext,
      input: {
        format: 'csv' | 'data-inclusion';
        content: string;
        source: string;
        dryRun: boolean;
        validLinesOnly?: boolean;
      },
      /** Called as lines are checked and written (long imports show it). */
      onProgress: (done: number, total: number) => Promise<void> = async () => {},
    ): Promise<ImportReport> {
      if (!hasRole(actor, 'content_editor', 'coordinator', 'national_admin')) throw new ForbiddenError();
      if (!/^[a-z0-9-]{2,40}$/.test(input.source))
        throw new ValidationError({ source: 'directory.errors.source' });
      const problems: ImportProblem[] = [];
      let rows: Row[];
      if (input.format === 'csv') rows = rowsFromCsv(input.content, problems);
      else {
        try {
          rows = rowsFromDataInclusion(JSON.parse(input.content), problems);
        } catch {
          problems.push({ line: 0, field: 'fichier', problem: 'JSON illisible' });
          rows = [];
        }
      }
      const valid: Array<{ row: Row; commune: NonNullable<Awaited<ReturnType<typeof check>>> }> = [];
      for (const [i, row] of rows.entries()) {
        const commune = await check(row, problems);
        if (commune) valid.push({ row, commune });
        if (i % 200 === 199) await onProgress(i + 1, rows.length * 2);
      }
      const report: ImportReport = {
        lines: rows.length,
        valid: valid.length,
        imported: 0,
        problems,
        geocodingFallbacks: 0,
        dryRun: input.dryRun,
      };
      if (input.dryRun || valid.length === 0 || (problems.length > 0 && !input.validLinesOnly)) return report;
      const now = clock.now();
      // Geocode before the transaction (network calls), then write everything at once.
      const located: Array<
        (typeof valid)[number] & { point: { latitude: number; longitude: number } | null }
      > = [];
      for (const [i, { row, commune }] of valid.entries()) {
        if (i % 50 === 49)
          await onProgress(rows.length + Math.round(((i + 1) / valid.length) * rows.length), rows.length * 2);
        const point = row.values.adresse
          ? await geocoder.locate(`${row.values.adresse} ${row.values.code_postal}`.trim(), commune.code)
          : null;
        if (row.values.adresse && !point) {
          report.geocodingFallbacks++;
          problems.push({
            line: row.line,
            field: 'adresse',
            problem: 'géocodage impossible : placé au centre de la commune, à vérifier',
          });
        }
        located.push({ row, commune, point });
      }
      await db.transaction().execute(async (trx) => {
        for (const { row, commune, point } of located) {
          const v = row.values;
          const visibility = (v.visibilite || 'public') as 'public' | 'professionnels';
          const organization = await trx
            .insertInto('directory_organizations')
            .values({
              name: v.organisation,
              source: input.source,
              source_id: `org:${v.organisation.toLowerCase()}`,
              visibility,
              updated_at: now,
            })
            .onConflict((oc) =>
              oc.columns(['source', 'source_id']).doUpdateSet({ name: v.organisation, updated_at: now }),
            )
            .returning('id')
            .executeTakeFirstOrThrow();
          const values = {
            organization_id: organization.id,
            name: v.service,
            description: v.description,
            service_type: v.type,
            publics: list(v.publics),
            exploitation_forms: list(v.formes_exploitation),
            languages: list(v.langues),
            opening_hours: v.horaires || null,
            phone: v.telephone || null,
            email: v.courriel || null,
            url: v.site || null,
            visibility,
            updated_at: now,
          };
          const service = await trx
            .insertInto('directory_services')
            .values({ ...values, source: input.source, source_id: v.source_id })
            .onConflict((oc) => oc.columns(['source', 'source_id']).doUpdateSet(values))
            .returning('id')
            .executeTakeFirstOrThrow();
          // The service's location is replaced on a rerun.
          const old = await trx
            .selectFrom('directory_service_at_locations')
            .select('location_id')
            .where('service_id', '=', service.id)
            .execute();
          if (old.length > 0)
            await trx
              .deleteFrom('directory_locations')
              .where(
                'id',
                'in',
                old.map((o) => o.location_id),
              )
              .execute();
          const location = await trx
            .insertInto('directory_locations')
            .values({
              organization_id: organization.id,
              address: v.adresse || null,
              postal_code: v.code_postal || null,
              commune_code: commune.code,
              departement_code: commune.departementCode,
              latitude: point?.latitude ?? commune.latitude,
              longitude: point?.longitude ?? commune.longitude,
              geocoding: point ? 'address' : v.adresse ? 'failed' : 'commune',
              visibility,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await trx
            .insertInto('directory_service_at_locations')
            .values({ service_id: service.id, location_id: location.id })
            .execute();
          report.imported++;
        }
        await appendAudit(
          trx,
          audit,
          {
            action: 'directory.imported',
            targetType: 'directory',
            details: { source: input.source, imported: report.imported, problems: problems.length },
          },
          now,
        );
      });
      deps.changed?.();
      return report;
    },
  };
}

export type DirectoryImport = ReturnType<typeof createImport>;

/** Imports of more lines than this run in the background, their progress shown on their page. */
export const BACKGROUND_FROM_LINES = 300;

export function lineCount(content: string): number {
  let n = 0;
  for (let i = 0; i < content.length; i++) if (content.charCodeAt(i) === 10) n++;
  return n;
}
