import type { Kysely } from 'kysely';
import type { FieldCipher } from '../../platform/crypto/fields.js';
import type { DB } from '../../platform/db/schema.js';
import { identityContext } from './deps.js';
import { IDENTITY_COLUMNS, IDENTITY_FIELDS, type IdentityField } from './reference.js';
import { COUNTRY_CODES, EXPLOITATION_FORMS, GENDERS, isLanguageCode } from '../reference/index.js';
import { CONSENT_SCOPES } from './reference.js';
import type { CaseInput, CaseSummary, Identity } from './schemas.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(value: string | undefined | null): value is string {
  return (
    !!value &&
    DATE.test(value) &&
    !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime()) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
  );
}

export type CaseRow = Awaited<ReturnType<ReturnType<typeof caseQueries>['row']>>;

/** The few queries every part of the module shares. */
export function caseQueries(db: Kysely<DB>) {
  return {
    row(executor: Kysely<DB>, id: string, forUpdate = false) {
      let query = executor
        .selectFrom('cases as c')
        .innerJoin('organisations as o', 'o.id', 'c.lead_organisation_id')
        .selectAll('c')
        .select(['o.name as lead_name', 'o.departement_code as lead_departement']);
      query = query.where('c.id', '=', id);
      if (forUpdate) query = query.forUpdate('c');
      return query.executeTakeFirst();
    },
    organisations(executor: Kysely<DB>, caseId: string) {
      return executor
        .selectFrom('case_organisations as co')
        .innerJoin('organisations as o', 'o.id', 'co.organisation_id')
        .select(['co.organisation_id', 'co.role', 'co.parts', 'o.name'])
        .where('co.case_id', '=', caseId)
        .orderBy('co.role')
        .execute();
    },
    consents(executor: Kysely<DB>, caseId: string) {
      return executor
        .selectFrom('case_consents as cc')
        .innerJoin('organisations as o', 'o.id', 'cc.organisation_id')
        .select(['cc.id', 'cc.organisation_id', 'cc.scopes', 'cc.given_at', 'cc.withdrawn_at', 'o.name'])
        .where('cc.case_id', '=', caseId)
        .orderBy('cc.given_at')
        .execute();
    },
    db,
  };
}

/** Identity fields to and from their field-cipher values (one context per column and file). */
export function identityCipher(cipher: FieldCipher) {
  function identityOf(row: NonNullable<CaseRow>): Identity {
    const identity: Record<string, string> = {};
    for (const field of IDENTITY_FIELDS) {
      const column = IDENTITY_COLUMNS[field];
      const value = row[column];
      if (value) identity[field] = cipher.decrypt(value, identityContext(column)(row.id));
    }
    return identity;
  }

  function encryptIdentity(caseId: string, identity: Identity) {
    const values: Partial<Record<(typeof IDENTITY_COLUMNS)[IdentityField], string | null>> = {};
    for (const field of IDENTITY_FIELDS) {
      const column = IDENTITY_COLUMNS[field];
      const text = identity[field]?.trim();
      values[column] = text ? cipher.encrypt(text, identityContext(column)(caseId)) : null;
    }
    return values;
  }

  return { identityOf, encryptIdentity };
}

/** Checks a file's profile before it is opened; field errors are added to `errors`. */
export function validateCaseInput(input: CaseInput, errors: Record<string, string>) {
  if (input.age !== undefined && (!Number.isInteger(input.age) || input.age < 0 || input.age > 120))
    errors.age = 'cases.errors.age';
  if (input.minor && input.age !== undefined && input.age >= 18) errors.age = 'cases.errors.minorAge';
  if (input.gender && !(GENDERS as readonly string[]).includes(input.gender))
    errors.gender = 'cases.errors.gender';
  if (input.nationality && !COUNTRY_CODES.includes(input.nationality))
    errors.nationality = 'cases.errors.nationality';
  if ((input.languages ?? []).some((l) => !isLanguageCode(l))) errors.languages = 'cases.errors.language';
  (input.exploitation ?? []).forEach((e, i) => {
    if (!(EXPLOITATION_FORMS as readonly string[]).includes(e.form))
      errors[`exploitation.${i}.form`] = 'cases.errors.form';
    if (e.from && !isDate(e.from)) errors[`exploitation.${i}.from`] = 'cases.errors.date';
    if (e.to && !isDate(e.to)) errors[`exploitation.${i}.to`] = 'cases.errors.date';
    if (e.from && e.to && isDate(e.from) && isDate(e.to) && e.to < e.from)
      errors[`exploitation.${i}.to`] = 'cases.errors.periodOrder';
  });
  if ((input.pilotTags ?? []).some((t) => !/^[a-z0-9-]{2,40}$/.test(t)))
    errors.pilotTags = 'cases.errors.tag';
  if (input.consent && input.consent.scopes.some((s) => !(CONSENT_SCOPES as readonly string[]).includes(s)))
    errors.consent = 'cases.errors.consentScope';
  if (
    input.identity &&
    Object.values(input.identity).some((v) => v?.trim()) &&
    !input.consent?.scopes.includes('identity')
  ) {
    errors.consent = 'cases.errors.identityWithoutConsent';
  }
}

/** A file as lists show it: pseudonymous, never identity. */
export function summary(
  row: NonNullable<CaseRow>,
  next: { kind: string; on: string } | undefined,
): CaseSummary {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    minor: row.minor,
    age: row.age,
    gender: row.gender,
    leadOrganisation: row.lead_name,
    pilotTags: row.pilot_tags,
    openedAt: row.opened_at.toISOString(),
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    outcome: row.outcome,
    nextDate: next ?? null,
  };
}
