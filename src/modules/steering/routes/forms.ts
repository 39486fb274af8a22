import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../../platform/auth/roles.js';
import { ValidationError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';

/** What the steering routes share: route options, access lists, and the forms as browsers post them. */
export const page = { hide: true };
export const STEER: Role[] = ['coordinator', 'national_admin'];
export const PLAN_READERS: Role[] = ['coordinator', 'national_admin', 'collective_member'];
export const id = Type.String({ maxLength: 40 });
export const Plan = Type.Object({ id });
export const Measure = Type.Object({ id, mid: id });
export const f = (maxLength: number) => Type.String({ maxLength, default: '' });
export const form = <T extends Record<string, TSchema>>(fields: T) =>
  Type.Object({ _csrf: Type.Optional(Type.String()), ...fields });

export const translate = (request: FastifyRequest, error: ValidationError): FieldErrors =>
  Object.fromEntries(Object.entries(error.fields).map(([k, key]) => [k, request.t(key)]));
export const strip = <T extends { _csrf?: string | undefined }>(body: T): Omit<T, '_csrf'> => {
  const { _csrf, ...rest } = body;
  return rest;
};

/** Runs a form's action; on bad input, renders the page again with the errors and the values typed (422). */
export async function attempt(
  request: FastifyRequest,
  reply: FastifyReply,
  action: () => Promise<string>,
  again: (errors: FieldErrors) => Promise<unknown>,
) {
  try {
    const to = await action();
    return reply.flashNext('success', 'steering.saved').redirect(to, 303);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return reply.page((await again(translate(request, error))) as never, 422);
  }
}
