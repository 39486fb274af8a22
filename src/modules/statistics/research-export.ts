import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/auth/roles.js';
import { ForbiddenError, ValidationError } from '../../platform/http/errors.js';
import { fromParisLocalInput, parisDate } from '../../platform/time/paris.js';
import type { StatisticsDeps } from './deps.js';
import type { ResearchAuthorisations } from './research-authorisations.js';
import { ageBand, generaliseNationalities, pseudonym, shuffled, yearMonth } from './research-deidentify.js';
import {
  EXPORT_COLUMNS,
  GENDER,
  LABOUR_INDUSTRY,
  METHODS_OF_CONTROL,
  ORGANISATION_TYPE,
  TRAFFICKING_STATUS,
  TYPE_OF_EXPLOITATION,
  TYPE_OF_LABOUR_EXPLOITATION,
} from './research-mapping.js';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportInput {
  /** First and last month of the period (YYYY-MM), on the files' opening date. */
  from: string;
  to: string;
  format: string;
}

export interface ResearchFile {
  filename: string;
  contentType: string;
  body: string;
  rows: number;
}

type Value = string | boolean | string[];
export type ResearchRow = Record<string, Value>;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const CLOSURE: Record<string, string> = {
  autonomy: 'Autonomy',
  lasting_housing: 'LastingHousing',
  employment: 'Employment',
  voluntary_return: 'VoluntaryReturn',
  contact_lost: 'ContactLost',
  transferred: 'Transferred',
};
const INDICATOR_TO_CONTROL = new Map(
  Object.entries(METHODS_OF_CONTROL).flatMap(([value, codes]) => codes.map((c) => [c, value] as const)),
);
const FLAG_EVENTS = ['runaway', 'complaint', 'trial', 'judgment', 'residence_permit'];

const unique = (values: Iterable<string>) => [...new Set([...values].filter((v) => v !== ''))].sort();
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** Checks a period of whole months, not after the current one; returns its bounds (Paris time). */
export function validatePeriod(
  input: ExportInput,
  now: Date,
): { start: Date; end: Date; format: ExportFormat } {
  const errors: Record<string, string> = {};
  const from = input.from.trim();
  const to = input.to.trim();
  const current = parisDate(now).slice(0, 7);
  if (!MONTH.test(from)) errors.du = 'statistics.research.errors.month';
  else if (from > current) errors.du = 'statistics.research.errors.future';
  if (!MONTH.test(to)) errors.au = 'statistics.research.errors.month';
  else if (to > current) errors.au = 'statistics.research.errors.future';
  else if (MONTH.test(from) && from > to) errors.au = 'statistics.research.errors.order';
  if (!(EXPORT_FORMATS as readonly string[]).includes(input.format))
    errors.format = 'statistics.research.errors.format';
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const start = fromParisLocalInput(`${from}-01T00:00`);
  const end = fromParisLocalInput(`${nextMonth(to)}-01T00:00`);
  if (!start || !end) throw new ValidationError({ du: 'statistics.research.errors.month' });
  return { start, end, format: input.format as ExportFormat };
}

/** The de-identified rows of the files opened in [start, end): never the identity columns, notes or names. */
export async function researchRows(
  deps: Pick<StatisticsDeps, 'db'>,
  start: Date,
  end: Date,
): Promise<ResearchRow[]> {
  const { db } = deps;
  const inPeriod = () =>
    db
      .selectFrom('cases')
      .select('cases.id')
      .where('opened_at', '>=', start)
      .where('opened_at', '<', end)
      .where('is_demo', '=', false);
  const [cases, alerts, referrals, events, departements] = await Promise.all([
    db
      .selectFrom('cases')
      .select([
        'id',
        'status',
        'opened_at',
        'minor',
        'age',
        'gender',
        'nationality',
        'exploitation',
        'outcome',
      ])
      .where('opened_at', '>=', start)
      .where('opened_at', '<', end)
      .where('is_demo', '=', false)
      .execute(),
    db
      .selectFrom('case_links as l')
      .innerJoin('alerts as a', 'a.id', 'l.target_id')
      .innerJoin('organisations as o', 'o.id', 'a.reporter_organisation_id')
      .select(['l.case_id', 'a.indicators', 'o.type'])
      .where('l.kind', '=', 'alert')
      .where('l.case_id', 'in', inPeriod())
      .execute(),
    db
      .selectFrom('case_referrals as r')
      .innerJoin('organisations as o', 'o.id', 'r.to_organisation_id')
      .select(['r.case_id', 'o.type', 'r.decided_at'])
      .where('r.status', '=', 'accepted')
      .where('r.case_id', 'in', inPeriod())
      .execute(),
    db
      .selectFrom('case_events')
      .select(['case_id', 'kind'])
      .distinct()
      .where('kind', 'in', FLAG_EVENTS)
      .where('case_id', 'in', inPeriod())
      .execute(),
    db.selectFrom('departements').select(['code', 'region_code']).execute(),
  ]);
  const regionOf = new Map(departements.map((d) => [d.code, d.region_code]));
  const group = <T extends { case_id: string }>(rows: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(r.case_id, [...(map.get(r.case_id) ?? []), r]);
    return map;
  };
  const alertsOf = group(alerts);
  const referralsOf = group(referrals);
  const kindsOf = group(events);
  const nationalities = generaliseNationalities(cases.map((c) => c.nationality));
  // Countries of exploitation follow the same rule as nationalities (a country shared by fewer than 11 files would
  // single its file out again): counted once per file, generalised to their region, then "Other".
  const countryOf = (e: { country?: unknown; departement?: unknown }) =>
    e.country ? String(e.country) : e.departement ? 'FR' : '';
  const countriesOf = cases.map((c) => [
    ...new Set((Array.isArray(c.exploitation) ? c.exploitation : []).map(countryOf)),
  ]);
  const flat = countriesOf.flat();
  const generalised = generaliseNationalities(flat);
  const generalisedCountry = new Map(flat.map((country, i) => [country, generalised[i] ?? '']));

  const rows = cases.map((c, i): ResearchRow => {
    const periods = (Array.isArray(c.exploitation) ? c.exploitation : []).map((e) => ({
      form: String(e.form ?? ''),
      country: generalisedCountry.get(countryOf(e)) ?? '',
      state: e.departement ? `FR-${regionOf.get(String(e.departement)) ?? ''}` : '',
      month: yearMonth(e.from ?? null),
    }));
    const forms = periods.map((p) => p.form);
    const linked = alertsOf.get(c.id) ?? [];
    const accepted = (referralsOf.get(c.id) ?? []).filter((r) => r.decided_at);
    const kinds = new Set((kindsOf.get(c.id) ?? []).map((e) => e.kind));
    const firstReferral = accepted
      .map((r) => r.decided_at as Date)
      .sort((a, b) => a.getTime() - b.getTime())[0];
    const row: ResearchRow = {
      cas_Id: pseudonym(),
      prs_AgeBand: ageBand(c.age, c.minor),
      prs_Gender: GENDER[c.gender] ?? 'Unknown',
      prs_Nationality: nationalities[i] ?? '',
      vic_MethodsOfControl: unique(
        linked.flatMap((a) => a.indicators.map((code) => INDICATOR_TO_CONTROL.get(code) ?? '')),
      ),
      vic_TypeOfLabourExploitation: unique(forms.map((f) => TYPE_OF_LABOUR_EXPLOITATION[f] ?? '')),
      vic_LabourIndustry: unique(forms.map((f) => LABOUR_INDUSTRY[f] ?? '')),
      vic_LocationOfExploitation: unique(periods.map((p) => p.country)),
      hte_Type: periods.map(() => 'Exploitation'),
      hte_Country: periods.map((p) => p.country),
      // The French region only when France itself is kept (a generalised country must not come back by its region).
      hte_State: periods.map((p) => (p.country !== 'FR' || p.state.endsWith('-') ? '' : p.state)),
      hte_Date: periods.map((p) => p.month),
      cas_Status: c.status === 'open' ? 'Active' : c.outcome === 'transferred' ? 'ClosedReferred' : 'Closed',
      cas_ReferringOrganisation: unique(linked.map((a) => ORGANISATION_TYPE[a.type] ?? '')),
      cas_IncomingReferralDate: yearMonth(c.opened_at),
      cas_ReferredOrganisation: unique(accepted.map((r) => ORGANISATION_TYPE[r.type] ?? '')),
      cas_OutgoingReferralDate: yearMonth(firstReferral),
      cas_ReasonForCaseClosure: c.outcome ? (CLOSURE[c.outcome] ?? '') : '',
      vic_TraffickingStatus: TRAFFICKING_STATUS,
      vic_TypeOfExploitation: unique(forms.map((f) => TYPE_OF_EXPLOITATION[f] ?? '')),
      rel_Minor: c.minor,
      rel_Runaway: kinds.has('runaway'),
      rel_ComplaintFiled: kinds.has('complaint'),
      rel_TrialHeld: kinds.has('trial') || kinds.has('judgment'),
      rel_ResidencePermit: kinds.has('residence_permit'),
    };
    return Object.fromEntries(EXPORT_COLUMNS.map((col) => [col, row[col] ?? ''])) as ResearchRow;
  });
  return shuffled(rows);
}

function csvCell(value: Value): string {
  let text = Array.isArray(value) ? value.join(';') : String(value);
  // A spreadsheet must not run a cell as a formula.
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly ResearchRow[]): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const row of rows) lines.push(EXPORT_COLUMNS.map((c) => csvCell(row[c] ?? '')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The research export: an authorisation in force, a valid period, then the file and its audit event (row count only). */
export function createResearchExportFile(deps: StatisticsDeps, authorisations: ResearchAuthorisations) {
  const { db, clock } = deps;
  return {
    async export(actor: Actor, audit: AuditContext, input: ExportInput): Promise<ResearchFile> {
      const authorisation = await authorisations.active(actor);
      if (!authorisation) throw new ForbiddenError('statistics.research.errors.noAuthorisation');
      const now = clock.now();
      const { start, end, format } = validatePeriod(input, now);
      const rows = await researchRows(deps, start, end);
      const period = { from: input.from.trim(), to: input.to.trim() };
      await db.transaction().execute((trx) =>
        appendAudit(
          trx,
          audit,
          {
            action: 'statistics.research.export',
            targetType: 'research_authorisation',
            targetId: authorisation.id,
            details: { rows: rows.length, format, ...period },
          },
          now,
        ),
      );
      const filename = `relais-htcds-${period.from}_${period.to}.${format}`;
      if (format === 'csv')
        return { filename, contentType: 'text/csv; charset=utf-8', body: toCsv(rows), rows: rows.length };
      const body = JSON.stringify(
        { standard: 'IOM HTCDS', producer: 'Relais', period, columns: EXPORT_COLUMNS, rows },
        null,
        2,
      );
      return { filename, contentType: 'application/json; charset=utf-8', body, rows: rows.length };
    },
  };
}
