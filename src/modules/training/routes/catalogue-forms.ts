import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../platform/auth/roles.js';
import type { ValidationError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';
import { TRAINERS } from '../reference.js';

/** What the catalogue, sessions and counts routes share: route options, access lists, forms as browsers post them. */
export const page = { hide: true };
export const AUTHORS: Role[] = [...TRAINERS];
/** Counts feed the plan's indicators: trainers and the plan's coordinators read them. */
export const COUNTERS: Role[] = ['trainer', 'coordinator', 'national_admin'];
export const slug = Type.String({ maxLength: 80 });
export const uuid = Type.String({ format: 'uuid' });
export const Slug = Type.Object({ slug });
export const f = (maxLength: number) => Type.String({ maxLength, default: '' });
/** A field a browser sends once per ticked box: absent, one value, or several. */
export const many = (maxItems: number) =>
  Type.Optional(
    Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems })]),
  );
export const form = <T extends Record<string, TSchema>>(fields: T) =>
  Type.Object({ _csrf: Type.Optional(Type.String()), ...fields });

export const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : [value].flat();

/** A service's field errors in the reader's language; an error about the whole form goes to `_form`. */
export const translate = (
  request: FastifyRequest,
  error: ValidationError,
  whole: string[] = [],
): FieldErrors =>
  Object.fromEntries(
    Object.entries(error.fields).map(([k, key]) => [whole.includes(k) ? '_form' : k, request.t(key)]),
  );
