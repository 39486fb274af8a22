import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../platform/auth/roles.js';
import type { ValidationError } from '../../../platform/http/errors.js';
import type { FieldErrors } from '../../../platform/views/components.js';

/** What the collective's routes share: route options, access lists, and the forms' errors. */
export const page = { hide: true };
export const READERS: Role[] = ['collective_member', 'coordinator', 'national_admin'];
export const ORGANISERS: Role[] = ['coordinator', 'national_admin'];
export const Id = Type.Object({ id: Type.String({ maxLength: 40 }) });
export const f = (maxLength: number) => Type.String({ maxLength, default: '' });

export const translate = (request: FastifyRequest, error: ValidationError): FieldErrors =>
  Object.fromEntries(Object.entries(error.fields).map(([k, key]) => [k, request.t(key)]));
