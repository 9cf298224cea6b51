import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { TrustProxy } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { DatabaseHandle } from '../db/connection.js';
import { installAccessControl, type Authenticator } from './access/install-access.js';
import { installErrorHandler } from './error-handler.js';
import { healthRoutes } from './routes/health.routes.js';
import { ladderRoutes } from './routes/ladders.routes.js';

export interface AppDeps {
  database: DatabaseHandle;
  clock: Clock;
}

export interface BuildAppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Tests of other areas may inject who calls (e.g. `asActor(leadership)`); the default reads cookies/tokens. */
  authenticate?: Authenticator;
  /** Which proxies' X-Forwarded-* headers to believe (TRUST_PROXY): sets request.ip and request.protocol. */
  trustProxy?: TrustProxy;
}

const packageVersion = process.env.npm_package_version ?? '0.1.0';

// Fastify runs hop counts but its typings omit them: a count becomes the function proxy-addr would use.
function trustProxyOption(
  value: TrustProxy | undefined,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return value ?? false;
}

/** Builds the HTTP application without listening, so tests drive it with `app.inject`. */
export async function buildApp(deps: AppDeps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1_048_576,
    // Behind a proxy the client's address (sign-in limit) and https (Secure cookie) come from its headers.
    trustProxy: trustProxyOption(options.trustProxy),
    // Never log credentials: cookies, tokens and passwords are redacted from request logs.
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await installAccessControl(app, deps, options.authenticate); // before any route: every route must declare config.access

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ladder API',
        version: packageVersion,
        description: 'Career ladder as code: ladders, roster, evidence, readiness, mentorship, promotions.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Route plugins: one line per resource.
  await app.register(healthRoutes(deps));
  await app.register((await import('./routes/auth.routes.js')).authRoutes(deps));
  await app.register((await import('./routes/audit.routes.js')).auditRoutes(deps));
  await app.register(ladderRoutes(deps));
  await app.register((await import('./routes/people.routes.js')).peopleRoutes(deps));
  await app.register((await import('./routes/builders.routes.js')).builderRoutes(deps));
  await app.register((await import('./routes/clients.routes.js')).clientRoutes(deps));
  await app.register((await import('./routes/placements.routes.js')).placementRoutes(deps));
  await app.register((await import('./routes/mentorships.routes.js')).mentorshipRoutes(deps));
  await app.register((await import('./routes/evidence.routes.js')).evidenceRoutes(deps));
  await app.register((await import('./routes/evaluation.routes.js')).evaluationRoutes(deps));
  await app.register((await import('./routes/readiness-trend.routes.js')).readinessTrendRoutes(deps));
  await app.register((await import('./routes/points.routes.js')).pointsRoutes(deps));
  await app.register((await import('./routes/promotion-cases.routes.js')).promotionCaseRoutes(deps));
  await app.register((await import('./routes/payouts.routes.js')).payoutRoutes(deps));
  await app.register((await import('./routes/mentorship-overview.routes.js')).mentorshipOverviewRoutes(deps));
  await app.register((await import('./routes/integrations.routes.js')).integrationRoutes(deps));
  await app.register((await import('./routes/instance.routes.js')).instanceRoutes(deps));
  await app.register((await import('./routes/client-home.routes.js')).clientHomeRoutes(deps));

  await app.register((await import('./web.js')).webApp); // the web app at `/`; unknown /api paths stay JSON 404s

  return app;
}
