import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { webDistDir } from './web-build.js';

// Paths that belong to the API and the probes: an unknown one must stay a JSON 404, never the app.
const apiPrefixes = ['/api/', '/api', '/healthz', '/readyz'];

/**
 * A request the app shell should answer: a browser navigating to one of the app's pages. A missing file
 * (a script, an image) stays a real 404. The last segment's "extension" alone cannot tell them apart:
 * `/builders/bo.abbot%40demo.ladder.test` ends in `.test` and is a page. So a path under /assets/ is
 * always a file, and any other path with an extension is a page only when the browser asks for HTML
 * (a navigation sends `Accept: text/html…`; a script or image tag does not).
 */
function isAppNavigation(url: string, accept: string | undefined): boolean {
  if (url.startsWith('/assets/')) return false;
  if (path.extname(url) === '') return true;
  return (accept ?? '').split(',').some((type) => type.trim().toLowerCase().startsWith('text/html'));
}

/** Serves the built web app at `/` with a fallback to index.html for the app's own routes. */
export async function webApp(app: FastifyInstance): Promise<void> {
  const indexFile = path.join(webDistDir, 'index.html');
  if (!existsSync(indexFile)) {
    app.log.warn('dist/web is missing: run `npm start` (or `npx vite build`) to build the web app');
  } else {
    await app.register(fastifyStatic, {
      root: webDistDir,
      wildcard: false,
      index: false,
      serve: true,
      cacheControl: false,
      setHeaders: (res, filePath) => {
        // Hashed assets never change; index.html must be re-read so a new build is picked up.
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const isApi = apiPrefixes.some(
      (prefix) => url === prefix || url.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`),
    );
    if (isApi || !existsSync(indexFile) || !isAppNavigation(url, request.headers.accept))
      return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html', webDistDir);
  });
}
