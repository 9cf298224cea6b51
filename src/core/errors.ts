/**
 * Domain errors carry a stable code. One table maps each code to its HTTP status and CLI exit code,
 * so the server and the CLI always agree on what a failure means.
 */
export const ERROR_CODES = {
  validation_failed: { http: 400, exit: 2 },
  invalid_ladder: { http: 400, exit: 2 },
  import_failed: { http: 400, exit: 2 },
  unauthenticated: { http: 401, exit: 4 },
  forbidden: { http: 403, exit: 4 },
  csrf_failed: { http: 403, exit: 4 },
  password_change_required: { http: 403, exit: 4 },
  not_found: { http: 404, exit: 3 },
  conflict: { http: 409, exit: 5 },
  mentor_slots_full: { http: 409, exit: 5 },
  mentee_level_not_eligible: { http: 409, exit: 5 },
  mentor_not_eligible: { http: 409, exit: 5 },
  panelist_not_eligible: { http: 409, exit: 5 },
  panelist_conflict: { http: 409, exit: 5 },
  case_not_eligible: { http: 409, exit: 5 },
  invalid_state: { http: 409, exit: 5 },
  payload_too_large: { http: 413, exit: 2 },
  rate_limited: { http: 429, exit: 6 },
  database_unavailable: { http: 503, exit: 7 },
  database_in_use: { http: 503, exit: 7 },
  schema_mismatch: { http: 503, exit: 7 },
  internal: { http: 500, exit: 1 },
} as const satisfies Record<string, { http: number; exit: number }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An expected failure with a stable code, a message for people and optional structured details. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/** Builds a `not_found` error naming what was looked for. */
export function notFound(what: string, key: string): DomainError {
  return new DomainError('not_found', `${what} ${key} not found`);
}

/** Builds a `validation_failed` error; `details` lists every problem with its field. */
export function validationFailed(message: string, details?: unknown): DomainError {
  return new DomainError('validation_failed', message, details);
}

/** Builds a `conflict` error. */
export function conflict(message: string, details?: unknown): DomainError {
  return new DomainError('conflict', message, details);
}

/** Builds a `forbidden` error. */
export function forbidden(message = 'You may not do this'): DomainError {
  return new DomainError('forbidden', message);
}

/** HTTP status for a code. */
export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CODES[code].http;
}

/** CLI exit code for a code. */
export function exitCodeOf(code: ErrorCode): number {
  return ERROR_CODES[code].exit;
}

/** True when `value` is a known error code. */
export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CODES, value);
}
