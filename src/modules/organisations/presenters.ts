import type { OrganisationRow } from '../../platform/db/schema.js';
import type { OrganisationForm } from './schemas.js';

/** The form's values from a stored organisation (for the edit page). */
export function organisationToForm(o: OrganisationRow): OrganisationForm {
  return {
    name: o.name,
    shortName: o.short_name ?? '',
    type: o.type,
    departement: o.departement_code ?? '',
    siret: o.siret ?? '',
    rna: o.rna ?? '',
    description: o.description ?? '',
  };
}
