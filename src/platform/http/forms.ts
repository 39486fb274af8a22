import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../views/components.js';
import type { Page } from '../views/render.js';
import { ConflictError, ValidationError } from './errors.js';

/** Field errors of a schema failure on a form (attachValidation), in the request's language. */
export function schemaErrors(request: FastifyRequest): FieldErrors | undefined {
  const failure = request.validationError;
  if (!failure) return undefined;
  const errors: Record<string, string> = {};
  for (const v of (failure as unknown as { validation?: Array<{ instancePath?: string; params?: Record<string, unknown> }> })
    .validation ?? []) {
    const field =
      (typeof v.params?.missingProperty === 'string' ? v.params.missingProperty : undefined) ??
      (v.instancePath ?? '').replace(/^\//, '').split('/')[0] ??
      '_form';
    errors[field || '_form'] = request.t('forms.invalidValue');
  }
  return errors;
}

/**
 * Runs a form's action; a ValidationError (or a conflict) re-renders the same form with DSFR errors and the
 * values typed so far, with status 422. Returns undefined when the page has been re-rendered.
 */
export async function runForm<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  action: () => Promise<T>,
  rerender: (errors: FieldErrors) => Page | Promise<Page>,
): Promise<T | undefined> {
  const invalid = schemaErrors(request);
  if (invalid) {
    reply.page(await rerender(invalid), 422);
    return undefined;
  }
  try {
    return await action();
  } catch (error) {
    if (error instanceof ValidationError) {
      const errors: Record<string, string> = {};
      for (const [field, key] of Object.entries(error.fields)) {
        errors[field] = request.t(key, error.fieldParams[field] ?? {});
      }
      if (Object.keys(errors).length === 0) errors._form = request.t(error.messageKey, error.params);
      reply.page(await rerender(errors), 422);
      return undefined;
    }
    if (error instanceof ConflictError) {
      reply.page(await rerender({ _form: request.t(error.messageKey, error.params) }), 409);
      return undefined;
    }
    throw error;
  }
}
