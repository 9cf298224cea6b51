import type { FastifyInstance } from 'fastify';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { buildApp } from './app.js';
import { ensureWebBuild, isWebBuildStale, webDistDir } from './web-build.js';

describe('web app served at /', () => {
  let app: FastifyInstance;
  let database: TestDatabase;

  beforeAll(async () => {
    await ensureWebBuild({ quiet: true });
    database = await createTestDatabase();
    app = await buildApp({ database, clock: fixedClock('2026-11-26T12:00:00Z') });
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('is fresh after ensureWebBuild', async () => {
    expect(await isWebBuildStale()).toBe(false);
  });

  it('serves the app shell at / and at any app route (SPA fallback)', async () => {
    for (const url of ['/', '/ladder', '/builders/ana%40example.com/path?at=2026-01-01']) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.body).toContain('<div id="root"></div>');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves the app shell on a refresh of a page whose address ends like a file (an email)', async () => {
    // A browser's navigation asks for HTML; `.test` is the email's domain, not a file extension.
    const navigation = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    for (const url of ['/builders/bo.abbot%40demo.ladder.test', '/builders/ana%40example.com/path']) {
      const response = await app.inject({ url, headers: { accept: navigation } });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('<div id="root"></div>');
    }
    // The same address fetched as a file (no HTML asked for) and a missing asset stay 404s.
    const asFile = await app.inject({
      url: '/builders/bo.abbot%40demo.ladder.test',
      headers: { accept: '*/*' },
    });
    expect(asFile.statusCode).toBe(404);
    const asset = await app.inject({ url: '/assets/missing.js', headers: { accept: navigation } });
    expect(asset.statusCode).toBe(404);
  });

  it('serves hashed assets with a long cache lifetime', async () => {
    const assets = await readdir(path.join(webDistDir, 'assets'));
    const script = assets.find((name) => name.endsWith('.js'));
    expect(script).toBeDefined();
    const response = await app.inject(`/assets/${script!}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('links a favicon the server serves, so browsers do not log a 404 for /favicon.ico', async () => {
    const shell = await app.inject('/');
    const href = /<link rel="icon" type="image\/svg\+xml" href="([^"]+)"/.exec(shell.body)?.[1];
    expect(href).toMatch(/^\/assets\/favicon-.+\.svg$/);
    const icon = await app.inject(href!);
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toMatch(/image\/svg\+xml/);
  });

  it('keeps unknown API paths and missing files as JSON 404s', async () => {
    for (const url of ['/api/nope', '/api', '/api/ladders/x/y/z/w', '/assets/missing.js', '/healthz/x']) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json()).toMatchObject({ error: 'not_found' });
    }
  });

  it('leaves the API itself alone', async () => {
    const response = await app.inject('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json<{ paths: object }>().paths)).not.toContain('/*');
  });
});
