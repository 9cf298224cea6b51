import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { validationFailed } from '../../core/errors.js';
import { ladderSchema, levelSchema } from '../../core/ladder/ladder.schema.js';
import { levelKey } from '../../core/ladder/ladder-lookup.js';
import { pageChoices } from '../../core/ladder/level-page.js';
import { renderLevel } from '../../core/ladder/render-level.js';
import {
  getLadderInForce,
  getLadderLevel,
  listLadders,
  listVersionsOfLadder,
  publishLadder,
  type PublishedLadder,
} from '../../services/ladder.service.js';
import { policy } from '../access/route-access.js';
import type { AppDeps } from '../app.js';
import { buildServices } from '../../services/composition-root.js';
import { isoDateSchema } from '../../core/input/safe-input.js';

const isoDay = isoDateSchema; // one date rule everywhere (src/core/input/safe-input.ts)

const versionMeta = z.object({
  version_id: z.number().int(),
  ladder: z.string(),
  version: z.string(),
  name: z.string(),
  content_hash: z.string(),
  published_at: z.string(),
  published_by: z.string(),
});

const errorBody = z.object({ error: z.string(), message: z.string(), details: z.unknown().optional() });

/** One problem of a refused ladder file (`invalid_ladder`): where it is and what is wrong, in our words. */
const ladderProblem = z.object({
  file: z.string(),
  line: z.number().int().describe('from 1'),
  column: z.number().int().describe('from 1'),
  path: z.string().describe('e.g. levels[3].promotion.target_level; empty for the file as a whole'),
  message: z.string(),
  text: z.string().describe('file:line:column: path: message'),
});

// A refused ladder lists every problem of the file, sorted by position; other 400s keep their details.
const publishRefusal = errorBody.extend({
  details: z
    .union([z.object({ problems: z.array(ladderProblem) }), z.unknown()])
    .optional()
    .describe('invalid_ladder: { problems: [...] }, every problem of the file in one pass'),
});

function meta(ladder: PublishedLadder): z.infer<typeof versionMeta> {
  return {
    version_id: ladder.versionId,
    ladder: ladder.ladderId,
    version: ladder.version,
    name: ladder.name,
    content_hash: ladder.contentHash,
    published_at: ladder.publishedAt,
    published_by: ladder.publishedBy,
  };
}

/** Ladders and their versions: read the version in force, list versions, read a level, publish a version. */
export function ladderRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const services = buildServices(deps);
  return async (app) => {
    // A ladder is published as its YAML file; JSON `{ "source": "…" }` is accepted too.
    for (const type of ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain']) {
      app.addContentTypeParser(type, { parseAs: 'string' }, (_request, body, done) =>
        done(null, { source: body }),
      );
    }

    app.get(
      '/api/ladders',
      {
        config: { access: policy('ladder.read') },
        schema: {
          tags: ['ladders'],
          summary: 'Every ladder with the version in force today',
          response: {
            200: z.object({
              ladders: z.array(
                z.object({
                  ladder: z.string(),
                  name: z.string(),
                  versions: z.number().int(),
                  active_version: z.string().nullable(),
                  latest_version: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async () => ({
        ladders: (await listLadders(services)).map((l) => ({
          ladder: l.ladderId,
          name: l.name,
          versions: l.versions,
          active_version: l.activeVersion,
          latest_version: l.latestVersion,
        })),
      }),
    );

    app.get(
      '/api/ladders/:id',
      {
        config: { access: policy('ladder.read') },
        schema: {
          tags: ['ladders'],
          summary: 'The version of a ladder in force on a day (default today)',
          params: z.object({ id: z.string() }),
          querystring: z.object({ at: isoDay.optional() }),
          response: { 200: versionMeta.extend({ document: ladderSchema }), 404: errorBody },
        },
      },
      async (request) => {
        const ladder = await getLadderInForce(services, request.params.id, request.query.at);
        return { ...meta(ladder), document: ladder.document };
      },
    );

    app.get(
      '/api/ladders/:id/versions',
      {
        config: { access: policy('ladder.read') },
        schema: {
          tags: ['ladders'],
          summary: 'Every published version of a ladder, oldest first',
          params: z.object({ id: z.string() }),
          response: { 200: z.object({ versions: z.array(versionMeta) }), 404: errorBody },
        },
      },
      async (request) => ({ versions: (await listVersionsOfLadder(services, request.params.id)).map(meta) }),
    );

    app.get(
      '/api/ladders/:id/levels/:level',
      {
        config: { access: policy('ladder.read') },
        schema: {
          tags: ['ladders'],
          summary:
            "One level of the version in force; format=html|md gives the rendered page (choices=true: with the organisation's own choices)",
          params: z.object({ id: z.string(), level: z.string() }),
          querystring: z.object({
            at: isoDay.optional(),
            format: z.enum(['json', 'html', 'md']).default('json'),
            // The rendered page lists the organisation's own choices on the level (the file's `choices`).
            choices: z.enum(['true', 'false']).optional(),
          }),
          response: {
            200: z.union([
              versionMeta.extend({
                level: levelSchema,
                // With choices=true: the organisation's own choices the level's page shows, as text.
                choices: z
                  .array(
                    z.object({
                      field: z.string(),
                      value: z.string(),
                      why: z.string(),
                      on_level: z.string().optional(),
                    }),
                  )
                  .optional(),
              }),
              z.string(),
            ]),
            404: errorBody,
          },
        },
      },
      async (request, reply) => {
        const { ladder, level } = await getLadderLevel(
          services,
          request.params.id,
          request.params.level,
          request.query.at,
        );
        const format = request.query.format;
        if (format === 'json')
          return request.query.choices === 'true'
            ? { ...meta(ladder), level, choices: pageChoices(ladder.document, level) }
            : { ...meta(ladder), level };
        // The level's unambiguous name: its id, or track/id where tracks share the id (ADR 0020).
        const page =
          renderLevel(ladder.document, levelKey(ladder.document, level), format, {
            choices: request.query.choices === 'true',
          }) ?? '';
        return reply
          .type(format === 'html' ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8')
          .send(page);
      },
    );

    app.post(
      '/api/ladders',
      {
        config: { access: policy('ladder.manage') },
        schema: {
          tags: ['ladders'],
          summary:
            'Publish a ladder version (YAML body, or JSON { source }); validated first, never stored when invalid',
          body: z.object({ source: z.string().min(1, 'expected the ladder file as text') }),
          response: { 200: versionMeta, 201: versionMeta, 400: publishRefusal, 409: errorBody },
        },
      },
      async (request, reply) => {
        if (request.body.source.length > 512_000)
          throw validationFailed('source: a ladder file is at most 500 KB');
        const result = await publishLadder(services, request.actor, {
          source: request.body.source,
          file: 'request body',
        });
        return reply.status(result.created ? 201 : 200).send(meta(result.ladder));
      },
    );
  };
}
