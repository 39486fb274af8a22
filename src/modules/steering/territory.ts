import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, territoryOf } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import type { Commission, FundingStatus } from '../../platform/db/schema-steering.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';
import { freeSlug } from '../../platform/text/slug.js';
import { isDay, maySteer } from './plans.js';

export const COMMISSIONS: readonly Commission[] = ['none', 'codaf', 'sortie_prostitution', 'clav', 'other'];
export const FUNDING: readonly FundingStatus[] = ['unknown', 'funded', 'partly_funded', 'unfunded', 'ended'];

export interface DeploymentInput {
  commission: string;
  commissionNote: string;
  parquetReferent: boolean;
  parquetOrganisation: string;
  minorsCircuit: boolean;
}

export interface PilotInput {
  name: string;
  description: string;
  partners: string;
  places: string;
  startsOn: string;
  endsOn: string;
  fundingStatus: string;
  fundingNote: string;
  evaluationNotes: string;
  caseTag: string;
}

/** Pilot projects and the departmental deployment of the plan. */
export function createTerritory(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;

  /** A national coordinator edits every département; a departmental one, those of its scope. */
  function mayEditDepartement(actor: Actor, code: string) {
    const t = territoryOf(actor, ['coordinator', 'national_admin']);
    return t.national || t.departements.has(code);
  }

  /** Checks a pilot's form; `id` is the pilot being edited (its own case tag is not "taken"). */
  async function checkPilot(input: PilotInput, id: string | null) {
    const errors: Record<string, string> = {};
    if (!input.name.trim() || input.name.length > 200) errors.name = 'steering.errors.title';
    if (!(FUNDING as readonly string[]).includes(input.fundingStatus))
      errors.fundingStatus = 'steering.errors.funding';
    if (input.startsOn && !isDay(input.startsOn)) errors.startsOn = 'steering.errors.date';
    if (input.endsOn && !isDay(input.endsOn)) errors.endsOn = 'steering.errors.date';
    if (!errors.startsOn && !errors.endsOn && input.startsOn && input.endsOn && input.endsOn < input.startsOn)
      errors.endsOn = 'steering.errors.endsBefore';
    if (input.caseTag && !/^[a-z0-9-]{2,40}$/.test(input.caseTag)) errors.caseTag = 'steering.errors.tag';
    for (const f of ['description', 'evaluationNotes'] as const)
      if (input[f].length > 10_000) errors[f] = 'steering.errors.long';
    if (input.places.length > 500 || input.fundingNote.length > 1000) errors.places = 'steering.errors.long';
    if (input.caseTag && !errors.caseTag) {
      const other = await db
        .selectFrom('pilot_projects')
        .select('id')
        .where('case_tag', '=', input.caseTag)
        .executeTakeFirst();
      if (other && other.id !== id) errors.caseTag = 'steering.errors.tagTaken';
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return {
      name: input.name.trim(),
      description: input.description.trim(),
      partners: input.partners
        .split(/[\n;]/)
        .map((p) => p.trim())
        .filter(Boolean)
        .slice(0, 30),
      places: input.places.trim(),
      starts_on: input.startsOn || null,
      ends_on: input.endsOn || null,
      funding_status: input.fundingStatus as FundingStatus,
      funding_note: input.fundingNote.trim(),
      evaluation_notes: input.evaluationNotes.trim(),
      case_tag: input.caseTag || null,
    };
  }

  return {
    mayEditDepartement,

    /** Every département (overseas included) with what is known of its deployment. */
    async deployment() {
      return await db
        .selectFrom('departements as d')
        .leftJoin('departement_deployment as x', 'x.departement_code', 'd.code')
        .select([
          'd.code',
          'd.name',
          'x.commission',
          'x.commission_note',
          'x.parquet_referent',
          'x.parquet_organisation',
          'x.minors_circuit',
          'x.updated_at',
        ])
        .orderBy('d.code')
        .execute();
    },

    async saveDeployment(actor: Actor, audit: AuditContext, code: string, input: DeploymentInput) {
      const departement = await db
        .selectFrom('departements')
        .select('code')
        .where('code', '=', code)
        .executeTakeFirst();
      if (!departement) throw new NotFoundError();
      if (!mayEditDepartement(actor, code)) throw new ForbiddenError();
      const errors: Record<string, string> = {};
      if (!(COMMISSIONS as readonly string[]).includes(input.commission))
        errors.commission = 'steering.errors.commission';
      if (input.commissionNote.length > 500) errors.commissionNote = 'steering.errors.long';
      if (input.parquetReferent && !input.parquetOrganisation.trim())
        errors.parquetOrganisation = 'steering.errors.parquetOrganisation';
      if (input.parquetOrganisation.length > 200) errors.parquetOrganisation = 'steering.errors.long';
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const values = {
        commission: input.commission as Commission,
        commission_note: input.commissionNote.trim(),
        parquet_referent: input.parquetReferent,
        parquet_organisation: input.parquetReferent ? input.parquetOrganisation.trim() : '',
        minors_circuit: input.minorsCircuit,
        updated_by: actor.userId,
        updated_at: clock.now(),
      };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('departement_deployment')
          .values({ departement_code: code, ...values })
          .onConflict((oc) => oc.column('departement_code').doUpdateSet(values))
          .execute();
        await appendAudit(
          trx,
          audit,
          {
            action: 'plan.deployment.save',
            targetType: 'departement',
            targetId: code,
            details: { commission: input.commission },
          },
          clock.now(),
        );
      });
    },

    async pilots() {
      return await db.selectFrom('pilot_projects').selectAll().orderBy('starts_on').orderBy('name').execute();
    },

    async pilot(slug: string) {
      const row = /^[a-z0-9-]{2,60}$/.test(slug)
        ? await db.selectFrom('pilot_projects').selectAll().where('slug', '=', slug).executeTakeFirst()
        : undefined;
      if (!row) throw new NotFoundError();
      return row;
    },

    /** A new pilot project; its address comes from its name. */
    async createPilot(actor: Actor, audit: AuditContext, input: PilotInput) {
      if (!maySteer(actor)) throw new ForbiddenError();
      const values = await checkPilot(input, null);
      const slug = await freeSlug(db, 'pilot_projects', input.name, 'projet');
      await db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('pilot_projects')
          .values({ ...values, slug })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(
          trx,
          audit,
          { action: 'plan.pilot.create', targetType: 'pilot_project', targetId: id },
          clock.now(),
        );
      });
      return slug;
    },

    async savePilot(actor: Actor, audit: AuditContext, slug: string, input: PilotInput) {
      if (!maySteer(actor)) throw new ForbiddenError();
      const existing = await this.pilot(slug);
      const values = await checkPilot(input, existing.id);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('pilot_projects')
          .set({ ...values, updated_at: clock.now() })
          .where('id', '=', existing.id)
          .execute();
        await appendAudit(
          trx,
          audit,
          { action: 'plan.pilot.update', targetType: 'pilot_project', targetId: existing.id },
          clock.now(),
        );
      });
    },
  };
}

export type Territory = ReturnType<typeof createTerritory>;
