import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import type { Actor } from '../../platform/auth/roles.js';
import type { DB, OrganisationRow } from '../../platform/db/schema.js';
import type { Geo } from '../../platform/geo/index.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';
import { organisationPolicy } from './policy.js';
import { createOrganisationRepository, type OrganisationFilter, type OrganisationValues } from './repository.js';
import { isOrganisationType, type OrganisationForm } from './schemas.js';

export interface OrganisationServiceDeps {
  db: Kysely<DB>;
  geo: Pick<Geo, 'departement'>;
  clock: Clock;
}

function blankToNull(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function createOrganisationService({ db, geo, clock }: OrganisationServiceDeps) {
  const repository = createOrganisationRepository(db);

  async function validate(input: OrganisationForm): Promise<OrganisationValues> {
    const errors: Record<string, string> = {};
    const name = input.name.trim().replace(/\s+/g, ' ');
    if (name.length < 2) errors.name = 'organisations.errors.name';
    if (!isOrganisationType(input.type)) errors.type = 'organisations.errors.type';
    const departement = blankToNull(input.departement)?.toUpperCase() ?? null;
    if (departement && !(await geo.departement(departement))) errors.departement = 'organisations.errors.departement';
    const siret = blankToNull(input.siret)?.replace(/\s+/g, '') ?? null;
    if (siret && !/^\d{14}$/.test(siret)) errors.siret = 'organisations.errors.siret';
    const rna = blankToNull(input.rna)?.toUpperCase() ?? null;
    if (rna && !/^W[0-9A-Z]{9}$/.test(rna)) errors.rna = 'organisations.errors.rna';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return {
      name,
      short_name: blankToNull(input.shortName),
      type: input.type,
      departement_code: departement,
      siret,
      rna,
      description: blankToNull(input.description),
    };
  }

  async function getManageable(actor: Actor, id: string): Promise<OrganisationRow> {
    const organisation = await repository.get(id);
    // Outside the actor's territory the organisation does not exist for them (no probing by id).
    if (!organisation || !organisationPolicy.canManage(actor, organisation)) throw new NotFoundError();
    return organisation;
  }

  return {
    async list(actor: Actor, filter: Omit<OrganisationFilter, 'departements'>) {
      if (!organisationPolicy.canList(actor)) throw new ForbiddenError();
      return repository.list({ ...filter, departements: organisationPolicy.visibleDepartements(actor) });
    },

    get: getManageable,

    /** For other modules (accounts): the organisation, with no access check; callers check their own policy. */
    async find(id: string): Promise<OrganisationRow | undefined> {
      return repository.get(id);
    },

    async findByName(name: string): Promise<OrganisationRow | undefined> {
      return repository.findByName(db, name);
    },

    async create(actor: Actor | null, audit: AuditContext, input: OrganisationForm, options: { demo?: boolean } = {}) {
      const values = await validate(input);
      if (actor && !organisationPolicy.canCreateIn(actor, values.departement_code)) {
        throw new ValidationError({ departement: 'organisations.errors.outsideTerritory' });
      }
      return db.transaction().execute(async (trx) => {
        if (await repository.findByName(trx, values.name)) {
          throw new ConflictError('organisations.errors.duplicate', { name: values.name });
        }
        const organisation = await repository.insert(trx, { ...values, is_demo: options.demo ?? false });
        await appendAudit(trx, audit, {
          action: 'organisation.created',
          targetType: 'organisation',
          targetId: organisation.id,
          details: { type: values.type, departement: values.departement_code },
        }, clock.now());
        return organisation;
      });
    },

    async update(actor: Actor, audit: AuditContext, id: string, input: OrganisationForm) {
      const current = await getManageable(actor, id);
      const values = await validate(input);
      if (!organisationPolicy.canManage(actor, { id, departement_code: values.departement_code })) {
        throw new ValidationError({ departement: 'organisations.errors.outsideTerritory' });
      }
      await db.transaction().execute(async (trx) => {
        const sameName = await repository.findByName(trx, values.name);
        if (sameName && sameName.id !== id) throw new ConflictError('organisations.errors.duplicate', { name: values.name });
        await repository.update(trx, id, { ...values, updated_at: clock.now() });
        const changed = (Object.keys(values) as Array<keyof OrganisationValues>).filter((k) => values[k] !== current[k]);
        await appendAudit(trx, audit, {
          action: 'organisation.updated',
          targetType: 'organisation',
          targetId: id,
          details: { fields: changed },
        }, clock.now());
      });
    },

    async setActive(actor: Actor, audit: AuditContext, id: string, active: boolean) {
      await getManageable(actor, id);
      await db.transaction().execute(async (trx) => {
        await repository.setActive(trx, id, active, clock.now());
        await appendAudit(trx, audit, {
          action: active ? 'organisation.reactivated' : 'organisation.deactivated',
          targetType: 'organisation',
          targetId: id,
        }, clock.now());
      });
    },
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
