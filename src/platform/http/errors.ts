/**
 * Typed domain errors. Services throw them with an i18n key; one handler (platform/http/error-handler) turns
 * them into problem+json for the API and into a DSFR page for people.
 */
export type Params = Record<string, string | number>;

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  constructor(
    readonly messageKey: string,
    readonly params: Params = {},
  ) {
    super(messageKey);
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly code = 'not-found';
  constructor(messageKey = 'errors.notFound', params?: Params) {
    super(messageKey, params);
  }
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly code = 'unauthenticated';
  constructor(messageKey = 'errors.unauthenticated', params?: Params) {
    super(messageKey, params);
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly code = 'forbidden';
  constructor(messageKey = 'errors.forbidden', params?: Params) {
    super(messageKey, params);
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly code = 'conflict';
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly code = 'too-many-requests';
}

/** One message per field (i18n keys), plus an optional message for the whole form. */
export class ValidationError extends DomainError {
  readonly status = 422;
  readonly code = 'invalid';
  constructor(
    readonly fields: Record<string, string>,
    messageKey = 'errors.invalid',
    params?: Params,
    readonly fieldParams: Record<string, Params> = {},
  ) {
    super(messageKey, params);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** The request is fine but Relais cannot serve it now (missing configuration, dependency down). */
export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
  readonly code = 'unavailable';
}
