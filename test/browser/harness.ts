import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { systemClock, type Clock } from '../../src/core/clock.js';
import { operatorActor, systemActor, type Role } from '../../src/core/actor.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { runMigrations } from '../../src/db/migrate.js';
import type { Authenticator } from '../../src/server/access/install-access.js';
import { buildApp } from '../../src/server/app.js';
import { ensureWebBuild } from '../../src/server/web-build.js';
import { createAccount } from '../../src/services/access/accounts.service.js';
import { ensureDemoAccounts, type DemoAccount } from '../../src/services/access/demo-accounts.service.js';
import { loadDemoIfEmpty } from '../../src/services/demo/demo-loader.service.js';
import { DEMO_DOMAIN } from '../../src/services/demo/demo-organisation.js';
import { publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';

/** Debian's Chromium; never a downloaded browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags that work here as root (machine-recipes.md). */
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const screenshotDir = path.resolve('test-results/screenshots');

/**
 * Whether the browser tier can run. Locally a missing Chromium skips it (install with
 * `apt-get install -y chromium`); in CI it must run, so a missing browser fails loudly.
 */
export function browserTierEnabled(): boolean {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI === 'true') {
    throw new Error(
      `CI=true but ${chromiumPath} is missing: the browser tests must run in CI (.ci/run installs chromium)`,
    );
  }
  console.warn(`browser tests skipped: ${chromiumPath} not found (apt-get install -y chromium)`);
  return false;
}

export interface BrowserHarness {
  baseUrl: string;
  app: FastifyInstance;
  database: DatabaseHandle;
  browser: Browser;
  /** Whom to sign in as in the demo organisation (with `demo: true`), password `testPassword`. */
  demoAccounts: DemoAccount[];
  /** Uncaught errors and failed API calls seen by any page; tests assert this stays empty. */
  pageErrors: string[];
  /** A fresh browser context (its own cookies) and page at the given viewport width. */
  newPage(options?: { width?: number; height?: number }): Promise<{ context: BrowserContext; page: Page }>;
  /** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
  screenshot(page: Page, name: string): Promise<string>;
  /** An API session of a test account (seeding, and the API's answer to compare the screen with). */
  api(email: string): Promise<ApiSession>;
  /** Signs in through the sign-in screen, as a person would. */
  signIn(page: Page, email: string, password?: string): Promise<void>;
  close(): Promise<void>;
}

/** A signed-in API session (cookie + CSRF token), used to seed data and to read the API's own answers. */
export interface ApiSession {
  get<T>(path: string): Promise<T>;
  /** A GET whose answer is text (CSV, HTML), returned as is. */
  text(path: string): Promise<string>;
  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

/** Signs in over HTTP and returns a session that throws on any non-2xx answer, naming it. */
export async function apiSession(
  baseUrl: string,
  email: string,
  password = testPassword,
): Promise<ApiSession> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in as ${email}: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const { csrf_token: csrf } = (await response.json()) as { csrf_token: string };
  const raw = async (method: string, path: string, body?: unknown): Promise<string> => {
    const headers: Record<string, string> = { cookie, origin: baseUrl, 'x-csrf-token': csrf };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const answer = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path} as ${email}: ${answer.status} ${text}`);
    return text;
  };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const text = await raw(method, path, body);
    return (text === '' ? null : JSON.parse(text)) as T;
  };
  return {
    get: (path) => call('GET', path),
    text: (path) => raw('GET', path),
    send: (method, path, body) => call(method, path, body),
  };
}

/** A person who signs in during a test (password long enough for the password policy). */
export interface TestAccount {
  email: string;
  role: Role;
  password?: string;
  clientId?: string;
}

export const testPassword = 'correct horse battery staple';

/**
 * Starts the real server (buildApp + listen on port 0) on an in-memory database holding what
 * `npm start` loads into an empty one, adds the accounts the test signs in with, and launches Chromium
 * with a fresh profile. The clock is the real one, as with `npm start`: session cookies expire by it,
 * and every number a test checks on screen is compared with the same server's API answer.
 */
export async function startBrowserHarness(
  options: {
    clock?: Clock;
    authenticate?: Authenticator;
    accounts?: TestAccount[];
    /** Load the demo organisation and its demo accounts, as `npm start` does on an empty database. */
    demo?: boolean;
  } = {},
): Promise<BrowserHarness> {
  await ensureWebBuild({ quiet: true });
  const database = await openDatabase({ engine: 'pglite', dataDir: null });
  await runMigrations(database);
  const clock = options.clock ?? systemClock;
  const services = { db: database.db, clock };
  await publishShippedLaddersIfEmpty(services, systemActor);
  let demoAccounts: DemoAccount[] = [];
  if (options.demo === true) {
    await loadDemoIfEmpty(services, systemActor);
    demoAccounts = await ensureDemoAccounts(services, operatorActor('browser-tests'), {
      today: clock.now().toISOString().slice(0, 10),
      domain: DEMO_DOMAIN,
      password: testPassword,
    });
  }
  for (const account of options.accounts ?? []) {
    await createAccount(services, operatorActor('browser-tests'), {
      email: account.email,
      role: account.role,
      password: account.password ?? testPassword,
      clientId: account.clientId ?? null,
    });
  }
  const app = await buildApp(
    { database, clock },
    options.authenticate === undefined ? {} : { authenticate: options.authenticate },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('server did not listen on a TCP port');
  const baseUrl = `http://127.0.0.1:${address.port}`;

  // playwright-core gives every launch a fresh, temporary --user-data-dir of its own (and refuses one
  // passed in args), so each test file starts from an empty profile.
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
  await mkdir(screenshotDir, { recursive: true });
  const pageErrors: string[] = [];

  return {
    baseUrl,
    app,
    database,
    browser,
    pageErrors,
    demoAccounts,
    async newPage({ width = 1280, height = 900 } = {}) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width, height } });
      const page = await context.newPage();
      // A failing page must fail the test, not pass silently with a blank screen.
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      page.on('response', (response) => {
        if (response.status() >= 500)
          pageErrors.push(`${response.request().method()} ${response.url()}: ${response.status()}`);
      });
      return { context, page };
    },
    async screenshot(page, name) {
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    api: (email) => apiSession(baseUrl, email),
    async signIn(page, email, password = testPassword) {
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('signed-in-as').filter({ hasText: email }).waitFor();
    },
    async close() {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}
