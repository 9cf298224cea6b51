/**
 * Names for the generated contract (openapi.d.ts, ADR 0023): the web's API types are these aliases of the
 * server's route schemas, never hand-copied shapes.
 */
import type { paths } from './openapi';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** An API path of the server. */
export type ApiPath = keyof paths;

type Operation<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;
type JsonBody<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type SuccessOf<R> = R extends { 200: infer Ok } ? Ok : R extends { 201: infer Created } ? Created : never;

/** The JSON body a route answers on success (200, else 201). */
export type ApiResponse<P extends ApiPath, M extends Method = 'get'> =
  Operation<P, M> extends { responses: infer R } ? JsonBody<SuccessOf<R>> : never;

/** The JSON body a route accepts. */
export type ApiRequestBody<P extends ApiPath, M extends Method = 'post'> =
  Operation<P, M> extends { requestBody?: infer B } ? JsonBody<NonNullable<B>> : never;

/** The query parameters a route accepts. */
export type ApiQuery<P extends ApiPath, M extends Method = 'get'> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
