import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../platform/auth/roles.js';
import type { ValidationError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';

/** What the case routes share: API route options, and the pages' forms as browsers post them. */
export const page = { hide: true };
export const tags = ['cases'];
export const security = [{ bearer: [] }];
export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const read = (access: readonly Role[]) => ({ access: [...access], scope: 'cases:read' as const });
export const write = (access: readonly Role[]) => ({ access: [...access], scope: 'cases:write' as const });
export const NoContent = { 204: Type.Null() };

export const Form = Type.Record(
  Type.String({ maxLength: 40 }),
  Type.Union([
    Type.String({ maxLength: 2000 }),
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 }),
  ]),
);
export type Form = Record<string, string | string[] | undefined>;

export const text = (body: Form, name: string) =>
  typeof body[name] === 'string' ? (body[name] as string).trim() || undefined : undefined;
export const list = (body: Form, name: string) => [body[name] ?? []].flat().filter((v) => v !== '');

/** A service's field errors in the form's names, in the request's language. */
export function translate(
  request: FastifyRequest,
  error: ValidationError,
  rename: Record<string, string> = {},
): FieldErrors {
  const errors: Record<string, string> = {};
  for (const [field, key] of Object.entries(error.fields)) {
    const name = rename[field] ?? (field.startsWith('exploitation.') ? 'forms' : field);
    errors[name] = request.t(key, error.fieldParams[field] ?? {});
  }
  if (Object.keys(errors).length === 0) errors._form = request.t(error.messageKey, error.params);
  return errors;
}
