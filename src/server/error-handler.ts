import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, httpStatusOf, type ErrorCode } from '../core/errors.js';

export interface ErrorBody {
  error: ErrorCode;
  message: string;
  details?: unknown;
}

/**
 * The one error handler: domain errors keep their code and message, request validation becomes
 * `validation_failed` naming each field, and anything unexpected is logged and answered with a generic
 * 500 that leaks nothing (no stack, no SQL).
 */
export function installErrorHandler(app: FastifyInstance): void {
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
    request.log.error({ err: error }, 'unhandled error');
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
