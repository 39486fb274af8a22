import { Type } from '@sinclair/typebox';
import type { OfferInput } from '../offers.js';
import type { OfferFormValues } from '../views/offers.js';

const Csrf = Type.Optional(Type.String());
const short = (maxLength = 40) => Type.Optional(Type.String({ maxLength }));

/** The offer form's fields, as a browser posts them (strings; checkboxes as "oui"). */
export const OfferForm = Type.Object(
  {
    _csrf: Csrf,
    organisationId: short(36),
    name: short(160),
    public: short(),
    capacity: short(6),
    languages: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 2 }),
        Type.Array(Type.String({ maxLength: 2 }), { maxItems: 60 }),
      ]),
    ),
    specialisation: short(),
    fosterFamilyCount: short(6),
    minAge: short(4),
    maxAge: short(4),
    accompaniedChildren: short(3),
    secretAddress: short(3),
    address: short(300),
    commune: short(120),
    notes: short(2000),
  },
  { additionalProperties: false },
);
export type OfferForm = typeof OfferForm.static;

export function offerValues(body: OfferForm): OfferFormValues {
  return {
    organisationId: body.organisationId,
    name: body.name,
    public: body.public,
    capacity: body.capacity,
    languages: [body.languages ?? []].flat(),
    specialisation: body.specialisation,
    fosterFamilyCount: body.fosterFamilyCount,
    minAge: body.minAge,
    maxAge: body.maxAge,
    accompaniedChildren: body.accompaniedChildren === 'oui',
    secretAddress: body.secretAddress === 'oui',
    address: body.address,
    commune: body.commune,
    notes: body.notes,
  };
}

export function offerInput(values: OfferFormValues): OfferInput {
  return {
    ...values,
    name: values.name ?? '',
    public: values.public ?? '',
    capacity: values.capacity ?? '',
    specialisation: values.specialisation ?? '',
    commune: values.commune ?? '',
  };
}
