import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, httpStatusOf, type ErrorCode } from '../core/errors.js';
import { findUnsafeText } from '../core/input/safe-input.js';
import { databaseFailureMessage, describeDatabaseFailure, loggableError } from '../db/database-error.js';

export interface ErrorBody {
  error: ErrorCode;
  message: string;
  details?: unknown;
}

/** Answers 400 naming the unstorable field; the request ends here. */
function refuseUnstorable(reply: FastifyReply, problem: { field: string; message: string }): void {
  void reply.status(400).send({
    error: 'validation_failed',
    message: `${problem.field}: ${problem.message}`,
    details: [problem],
  } satisfies ErrorBody);
}

/** The first field of the path or query that cannot be stored as text, named like schema errors. */
function unstorablePathOrQuery(request: FastifyRequest): { field: string; message: string } | null {
  // Percent-encoding that is not UTF-8 (`%ED%A0%80`, a lone surrogate) is decoded leniently by the
  // query parser; refuse it by the raw parameter instead of matching against U+FFFD or the raw text.
  // Without a `%` nothing can fail to decode (the usual request: no loop, no allocation).
  const mark = request.url.indexOf('?');
  const query = mark === -1 ? '' : request.url.slice(mark + 1);
  if (query.includes('%')) {
    for (const pair of query.split('&')) {
      const [name = '', value = ''] = pair.split('=');
      try {
        decodeURIComponent(value.replaceAll('+', ' '));
      } catch {
        return {
          field: `querystring.${safeName(name)}`,
          message: 'not valid percent-encoding of UTF-8 text',
        };
      }
    }
  }
  return unstorableIn('params', request.params) ?? unstorableIn('querystring', request.query);
}

function unstorableIn(context: string, value: unknown): { field: string; message: string } | null {
  const unsafe = findUnsafeText(value);
  if (unsafe === null) return null;
  return { field: [context, ...unsafe.segments].join('.'), message: unsafe.message };
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
  // Callback-style hooks, not async ones: every request passes here, and most have nothing to refuse.
  app.addHook('onRequest', (request, reply, done) => {
    const problem = unstorablePathOrQuery(request);
    if (problem === null) done();
    else refuseUnstorable(reply, problem); // sending ends the request: done is not called
  });
  // The body in a route-level preValidation hook: it runs after the app-level ones (access control)
  // and before the route's schema, so a refusal names the unstorable field, not what the schema saw first.
  // Path and query were checked on the request's arrival and have not changed since.
  app.addHook('onRoute', (route) => {
    const existing = route.preValidation;
    const hooks = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
    route.preValidation = [
      ...hooks,
      (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
        const problem = request.body === undefined ? null : unstorableIn('body', request.body);
        if (problem === null) done();
        else refuseUnstorable(reply, problem);
      },
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
