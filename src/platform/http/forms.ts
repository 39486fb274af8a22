import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../views/components.js';
import type { Page } from '../views/render.js';
import { ConflictError, ValidationError } from './errors.js';

/** Field errors of a schema failure on a form (attachValidation), in the request's language. */
export function schemaErrors(request: FastifyRequest): FieldErrors | undefined {
  const failure = request.validationError;
  if (!failure) return undefined;
  const errors: Record<string, string> = {};
  for (const v of (
    failure as unknown as { validation?: Array<{ instancePath?: string; params?: Record<string, unknown> }> }
  ).validation ?? []) {
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

/**
 * A page form's action: done, a flash and a redirect to `next`; refused (invalid input, a conflict), the page
 * again with the errors and what was typed (422 or 409). Other errors go to the error handler.
 */
export async function actOnForm(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    action: () => Promise<unknown>;
    flash: string;
    next: string;
    rerender: (errors: FieldErrors, status: number) => unknown;
    /** The service's field errors in the form's names (the message keys translated). */
    translate: (error: ValidationError) => FieldErrors;
  },
) {
  try {
    await options.action();
  } catch (error) {
    if (error instanceof ValidationError) return options.rerender(options.translate(error), 422);
    if (error instanceof ConflictError)
      return options.rerender({ _form: request.t(error.messageKey, error.params) }, 409);
    throw error;
  }
  return reply.flashNext('success', options.flash).redirect(options.next, 303);
}
