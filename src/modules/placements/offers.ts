import { type AuditContext, appendAudit } from '../../platform/audit/index.js';
import { type Actor, hasRole, territoryOf } from '../../platform/auth/roles.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { DAY } from '../../platform/time/clock.js';
import { isLanguageCode } from '../reference/index.js';
import { addressContext, type PlacementDeps } from './deps.js';
import { placementPolicy } from './policy.js';
import { PUBLICS, SPECIALISATIONS, STALE_AFTER_DAYS } from './reference.js';
import { createPlacementRepository, type OfferRow } from './repository.js';

export interface OfferInput {
  organisationId?: string | undefined;
  name: string;
  public: string;
  capacity: string | number;
  languages?: string[] | undefined;
  specialisation: string;
  fosterFamilyCount?: string | number | undefined;
  minAge?: string | number | undefined;
  maxAge?: string | number | undefined;
  accompaniedChildren?: boolean | undefined;
  secretAddress?: boolean | undefined;
  address?: string | undefined;
  commune: string;
  notes?: string | undefined;
}

export interface OfferView extends OfferRow {
  organisation_name: string;
  commune_name: string;
  occupied: number;
  held: number;
  free: number;
  stale: boolean;
  /** The street address, decrypted, or null when the caller may not see it. */
  address_clear: string | null;
}

function int(value: string | number | undefined | null): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isInteger(n) ? n : Number.NaN;
}

/**
 * Host offers: a structure declares its places by public, with their conditions and location; occupied and held
 * places come from the placements. Confirming the capacity is one click; after 7 days without it, stale.
 */
export function createOfferService(
  deps: PlacementDeps & {
    organisations: { find(id: string): Promise<{ id: string; active: boolean; type: string } | undefined> };
  },
) {
  const { db, cipher, clock, geo, organisations } = deps;
  const repository = createPlacementRepository(db);

  function view(actor: Actor, row: Awaited<ReturnType<typeof repository.offersWithUse>>[number]): OfferView {
    const occupied = Number(row.occupied);
    const held = Number(row.held);
    const mayReadAddress = !row.secret_address || placementPolicy.canSeeSecretAddress(actor, row);
    return {
      ...row,
      occupied,
      held,
      free: row.status === 'open' ? Math.max(0, row.capacity - occupied - held) : 0,
      stale: row.capacity_confirmed_at.getTime() < clock.now().getTime() - STALE_AFTER_DAYS * DAY,
      address_clear:
        row.address && mayReadAddress ? cipher.decrypt(row.address, addressContext(row.id)) : null,
    };
  }

  /** A commune typed by name: accepted when exactly one commune has that name. */
  async function uniqueCommune(name: string) {
    const found = (await geo.searchCommunes(name, 10)).filter(
      (c) => c.name.localeCompare(name, 'fr', { sensitivity: 'base' }) === 0,
    );
    return found.length === 1 ? found[0] : undefined;
  }

  async function validate(actor: Actor, input: OfferInput, current?: OfferRow) {
    const errors: Record<string, string> = {};
    const name = input.name.trim();
    if (name.length < 2) errors.name = 'placements.errors.offerName';
    if (!(PUBLICS as readonly string[]).includes(input.public)) errors.public = 'placements.errors.public';
    const capacity = int(input.capacity);
    if (capacity === undefined || Number.isNaN(capacity) || capacity < 0 || capacity > 500)
      errors.capacity = 'placements.errors.capacity';
    if (!(SPECIALISATIONS as readonly string[]).includes(input.specialisation))
      errors.specialisation = 'placements.errors.specialisation';
    const fosterFamilies = int(input.fosterFamilyCount);
    if (
      input.specialisation === 'foster_families' &&
      (fosterFamilies === undefined || Number.isNaN(fosterFamilies) || fosterFamilies < 1)
    ) {
      errors.fosterFamilyCount = 'placements.errors.fosterFamilies';
    }
    const minAge = int(input.minAge);
    const maxAge = int(input.maxAge);
    if (Number.isNaN(minAge) || (minAge !== undefined && (minAge < 0 || minAge > 120)))
      errors.minAge = 'placements.errors.age';
    if (Number.isNaN(maxAge) || (maxAge !== undefined && (maxAge < 0 || maxAge > 120)))
      errors.maxAge = 'placements.errors.age';
    if (minAge !== undefined && maxAge !== undefined && minAge > maxAge)
      errors.maxAge = 'placements.errors.ageRange';
    const languages = [...new Set(input.languages ?? [])];
    if (languages.some((l) => !isLanguageCode(l))) errors.languages = 'placements.errors.language';
    const typed = input.commune.trim();
    let commune = typed ? ((await geo.commune(typed)) ?? (await uniqueCommune(typed))) : undefined;
    if (!typed) errors.commune = 'placements.errors.communeRequired';
    else if (!commune) errors.commune = 'placements.errors.communeUnknown';
    if (input.secretAddress && !input.address?.trim())
      errors.address = 'placements.errors.secretWithoutAddress';
    const organisationId = current?.organisation_id ?? input.organisationId ?? actor.organisation.id;
    const organisation = /^[0-9a-f-]{36}$/i.test(organisationId)
      ? await organisations.find(organisationId)
      : undefined;
    if (!organisation?.active) errors.organisationId = 'placements.errors.organisation';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    let latitude = commune!.latitude;
    let longitude = commune!.longitude;
    if (latitude === null || longitude === null) {
      const departement = await geo.departement(commune!.departementCode);
      latitude = departement?.latitude ?? null;
      longitude = departement?.longitude ?? null;
    }
    if (latitude === null || longitude === null)
      throw new ValidationError({ commune: 'placements.errors.noCoordinates' });
    commune = commune!;
    if (
      !placementPolicy.canManageOffer(actor, {
        organisation_id: organisationId,
        departement_code: commune.departementCode,
      })
    ) {
      throw new ValidationError({ organisationId: 'placements.errors.notYourStructure' });
    }
    return {
      organisation_id: organisationId,
      name,
      public: input.public as OfferRow['public'],
      capacity: capacity!,
      languages,
      specialisation: input.specialisation as OfferRow['specialisation'],
      foster_family_count: input.specialisation === 'foster_families' ? fosterFamilies! : null,
      min_age: minAge ?? null,
      max_age: maxAge ?? null,
      accompanied_children: input.accompaniedChildren ?? false,
      secret_address: input.secretAddress ?? false,
      commune_code: commune.code,
      departement_code: commune.departementCode,
      latitude,
      longitude,
      notes: input.notes?.trim() || null,
    };
  }

  async function manageable(actor: Actor, id: string): Promise<OfferRow> {
    const offer = /^[0-9a-f-]{36}$/i.test(id) ? await repository.getOffer(db, id) : undefined;
    if (!offer || !placementPolicy.canManageOffer(actor, offer)) throw new NotFoundError();
    return offer;
  }

  async function audited(
    trx: Parameters<typeof appendAudit>[0],
    audit: AuditContext,
    action: string,
    id: string,
    details: Record<string, unknown> = {},
  ) {
    await appendAudit(trx, audit, { action, targetType: 'host_offer', targetId: id, details }, clock.now());
  }

  return {
    /** A structure's own offers; a coordinator's territory (all of them when national). */
    async list(actor: Actor): Promise<OfferView[]> {
      if (hasRole(actor, 'coordinator')) {
        const t = territoryOf(actor, ['coordinator']);
        const rows = await repository.offersWithUse(
          t.national ? {} : { departements: [...t.departements] },
          clock.now(),
        );
        return rows.map((r) => view(actor, r));
      }
      if (hasRole(actor, 'host_staff'))
        return (await repository.offersWithUse({ organisationId: actor.organisation.id }, clock.now())).map(
          (r) => view(actor, r),
        );
      throw new ForbiddenError();
    },

    async get(actor: Actor, id: string): Promise<OfferView> {
      const offer = await manageable(actor, id);
      const [row] = await repository
        .offersWithUse({ organisationId: offer.organisation_id }, clock.now())
        .then((rows) => rows.filter((r) => r.id === id));
      return view(actor, row!);
    },

    async create(actor: Actor, audit: AuditContext, input: OfferInput): Promise<string> {
      if (!hasRole(actor, 'host_staff', 'coordinator')) throw new ForbiddenError();
      const values = await validate(actor, input);
      return db.transaction().execute(async (trx) => {
        const now = clock.now();
        const row = await repository.insertOffer(trx, {
          ...values,
          capacity_confirmed_at: now,
          created_at: now,
          updated_at: now,
        });
        if (input.address?.trim())
          await repository.updateOffer(trx, row.id, {
            address: cipher.encrypt(input.address.trim(), addressContext(row.id)),
          });
        await audited(trx, audit, 'host_offer.created', row.id, {
          public: values.public,
          capacity: values.capacity,
          departement: values.departement_code,
        });
        return row.id;
      });
    },

    async update(actor: Actor, audit: AuditContext, id: string, input: OfferInput): Promise<void> {
      const current = await manageable(actor, id);
      const values = await validate(actor, input, current);
      await db.transaction().execute(async (trx) => {
        // The offer's row lock, as a hold takes it: no hold can slip in between the count and the update.
        await repository.getOffer(trx, id, true);
        const now = clock.now();
        const used = await repository.used(trx, id, now);
        if (values.capacity < used.occupied + used.held) {
          throw new ValidationError(
            { capacity: 'placements.errors.capacityBelowUsed' },
            'errors.invalid',
            {},
            { capacity: { used: used.occupied + used.held } },
          );
        }
        const address = input.address?.trim()
          ? cipher.encrypt(input.address.trim(), addressContext(id))
          : null;
        await repository.updateOffer(trx, id, {
          ...values,
          address,
          capacity_confirmed_at: now,
          updated_at: now,
        });
        await audited(trx, audit, 'host_offer.updated', id, {
          capacity: values.capacity,
          secret: values.secret_address,
        });
      });
    },

    /** "Capacité à jour": one click, optionally with the new number of places. */
    async confirmCapacity(actor: Actor, audit: AuditContext, id: string, capacity?: number): Promise<void> {
      await manageable(actor, id);
      await db.transaction().execute(async (trx) => {
        const offer = (await repository.getOffer(trx, id, true))!;
        const now = clock.now();
        const next = capacity ?? offer.capacity;
        if (!Number.isInteger(next) || next < 0 || next > 500)
          throw new ValidationError({ capacity: 'placements.errors.capacity' });
        const used = await repository.used(trx, id, now);
        if (next < used.occupied + used.held) {
          throw new ValidationError(
            { capacity: 'placements.errors.capacityBelowUsed' },
            'errors.invalid',
            {},
            { capacity: { used: used.occupied + used.held } },
          );
        }
        await repository.updateOffer(trx, id, {
          capacity: next,
          capacity_confirmed_at: now,
          updated_at: now,
        });
        await audited(trx, audit, 'host_offer.capacity_confirmed', id, { capacity: next });
      });
    },

    async setStatus(actor: Actor, audit: AuditContext, id: string, status: 'open' | 'paused'): Promise<void> {
      const offer = await manageable(actor, id);
      if (offer.status === status)
        throw new ConflictError(
          status === 'open' ? 'placements.errors.alreadyOpen' : 'placements.errors.alreadyPaused',
        );
      await db.transaction().execute(async (trx) => {
        await repository.updateOffer(trx, id, { status, updated_at: clock.now() });
        await audited(trx, audit, status === 'open' ? 'host_offer.opened' : 'host_offer.paused', id);
      });
    },
  };
}

export type OfferService = ReturnType<typeof createOfferService>;
