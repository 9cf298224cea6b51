import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, httpStatusOf, type ErrorCode } from '../core/errors.js';
import { findUnsafeText } from '../core/input/safe-input.js';
import { databaseFailureMessage, describeDatabaseFailure, loggableError } from '../db/database-error.js';

export interface ErrorBody {
  error: ErrorCode;
  message: string;
  details?: unknown;
}

async function refuseUnstorableText(
  request: FastifyRequest,
  reply: FastifyReply,
  withBody: boolean,
): Promise<FastifyReply | undefined> {
  const problem = unstorableInput(request, withBody);
  if (problem === null) return undefined;
  // Returning the reply is how an async hook ends the request early.
  return reply.status(400).send({
    error: 'validation_failed',
    message: `${problem.field}: ${problem.message}`,
    details: [problem],
  } satisfies ErrorBody);
}

/** The first field of params, query or body that cannot be stored as text, named like schema errors. */
function unstorableInput(
  request: FastifyRequest,
  withBody: boolean,
): { field: string; message: string } | null {
  // Percent-encoding that is not UTF-8 (`%ED%A0%80`, a lone surrogate) is decoded leniently by the
  // query parser; refuse it by the raw parameter instead of matching against U+FFFD or the raw text.
  const query = request.url.split('?')[1] ?? '';
  for (const pair of query.split('&')) {
    const [name = '', value = ''] = pair.split('=');
    try {
      decodeURIComponent(value.replaceAll('+', ' '));
    } catch {
      return { field: `querystring.${safeName(name)}`, message: 'not valid percent-encoding of UTF-8 text' };
    }
  }
  for (const [context, value] of [
    ['params', request.params],
    ['querystring', request.query],
    ['body', withBody ? request.body : undefined],
  ] as const) {
    const unsafe = findUnsafeText(value);
    if (unsafe === null) continue;
    const field = [context, ...unsafe.segments].join('.');
    return { field, message: unsafe.message };
  }
  return null;
}

function safeName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * The one error handler: domain errors keep their code and message, request validation becomes
 * `validation_failed` naming each field, and anything unexpected is logged and answered with a generic
 * 500 that leaks nothing (no stack, no SQL). Also refuses, for every route at once, text that cannot be
 * stored (NUL, lone surrogates) anywhere in a body, query or path — after access and the route's schema.
 */
export function installErrorHandler(app: FastifyInstance): void {
  // Path and query first thing: access locators read the database with them (a record's builder).
  app.addHook('onRequest', async (request, reply) => refuseUnstorableText(request, reply, false));
  // The body in a route-level preValidation hook: it runs after the app-level ones (access control)
  // and before the route's schema, so a refusal names the unstorable field, not what the schema saw first.
  app.addHook('onRoute', (route) => {
    const existing = route.preValidation;
    const hooks = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
    route.preValidation = [
      ...hooks,
      async (request: FastifyRequest, reply: FastifyReply) => refuseUnstorableText(request, reply, true),
    ];
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
