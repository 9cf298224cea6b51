import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, httpStatusOf, type ErrorCode } from '../core/errors.js';
import { findUnsafeText } from '../core/input/safe-input.js';
import { databaseFailureMessage, describeDatabaseFailure, loggableError } from '../db/database-error.js';

export interface ErrorBody {
  error: ErrorCode;
  message: string;
  details?: unknown;
}

/**
 * The one error handler: domain errors keep their code and message, request validation becomes
 * `validation_failed` naming each field, and anything unexpected is logged and answered with a generic
 * 500 that leaks nothing (no stack, no SQL). Also refuses, for every route at once, text that cannot be
 * stored (NUL, lone surrogates) anywhere in a body, query or path — after access and the route's schema.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.addHook('preHandler', async (request, reply) => {
    for (const [context, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const unsafe = findUnsafeText(value);
      if (unsafe === null) continue;
      const field = unsafe.path === '' ? context : `${context}.${unsafe.path}`;
      return reply.status(400).send({
        error: 'validation_failed',
        message: `${field}: ${unsafe.message}`,
        details: [{ field, message: unsafe.message }],
      } satisfies ErrorBody);
    }
  });

  app.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
    if (error instanceof DomainError) {
      const body: ErrorBody = { error: error.code, message: error.message };
      if (error.details !== undefined) body.details = error.details;
      return reply.status(httpStatusOf(error.code)).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((issue) => ({
        field: `${error.validationContext ?? 'body'}${issue.instancePath.replaceAll('/', '.')}`,
        message: issue.message,
      }));
      const first = details[0];
      return reply.status(400).send({
        error: 'validation_failed',
        message: first ? `${first.field}: ${first.message}` : 'The request is not valid',
        details,
      } satisfies ErrorBody);
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .status(413)
        .send({ error: 'payload_too_large', message: 'The request body is too large' } satisfies ErrorBody);
    }
    if (
      typeof fastifyError.statusCode === 'number' &&
      fastifyError.statusCode >= 400 &&
      fastifyError.statusCode < 500
    ) {
      // Fastify's own client errors (malformed JSON, wrong content type): safe to describe.
      return reply
        .status(fastifyError.statusCode)
        .send({ error: 'validation_failed', message: fastifyError.message } satisfies ErrorBody);
    }
    const failure = describeDatabaseFailure(error);
    if (failure !== null && (failure.badInput || failure.duplicate)) {
      // Last line of defence: input the schemas let through but the database refused is still bad input.
      request.log.warn({ err: loggableError(error) }, 'database refused a value');
      const code = failure.badInput ? 'validation_failed' : 'conflict';
      return reply
        .status(httpStatusOf(code))
        .send({ error: code, message: databaseFailureMessage(failure) } satisfies ErrorBody);
    }
    // Never the raw error: drizzle's message carries the SQL and its parameters.
    request.log.error({ err: loggableError(error) }, 'unhandled error');
    return reply
      .status(500)
      .send({ error: 'internal', message: 'Something went wrong on our side' } satisfies ErrorBody);
  });

  app.setNotFoundHandler((request, reply) => {
    return reply
      .status(404)
      .send({ error: 'not_found', message: `No route ${request.method} ${request.url}` } satisfies ErrorBody);
  });
}
