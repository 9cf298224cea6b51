import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type axeCore from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterEach } from 'vitest';
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
import { isWebLocale, textIn } from '../../src/web/i18n/i18n.js';

/** Debian's Chromium; never a downloaded browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Problems of screens that are known and owned by someone fixing them: tolerated (and printed once per
 * file) so the suite stays green meanwhile. Remove the line with the fix.
 */
const knownProblems: { pattern: RegExp; why: string }[] = [];

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/** The harnesses open in this test file, so the hook below can fail the test that saw a problem. */
const openHarnesses = new Set<{ pageErrors: string[] }>();

// Registered when a test file imports the harness: a test fails on a problem that appeared while it
// ran (or before it, in a beforeAll), naming each one; the list is emptied so the next test starts clean.
afterEach(() => {
  const problems = [...openHarnesses].flatMap((harness) => harness.pageErrors.splice(0));
  if (problems.length > 0) {
    throw new Error(`the browser saw ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  }
});

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
  /**
   * Problems seen by any page and not expected: uncaught errors, console errors, failed requests (a 4xx
   * or 5xx answer, or no answer) and serious or critical axe violations. A test fails when one appears
   * during it (checked after each test, and by close() for what happened outside a test).
   */
  pageErrors: string[];
  /** A fresh browser context (its own cookies) and page at the given viewport width. */
  newPage(options?: { width?: number; height?: number }): Promise<{ context: BrowserContext; page: Page }>;
  /**
   * Saves a full-page screenshot as test-results/screenshots/<name>.png, after checking the screen
   * with axe-core (a serious or critical violation becomes a problem; `{ axe: false }` skips it).
   */
  screenshot(page: Page, name: string, options?: { axe?: boolean }): Promise<string>;
  /** Runs axe-core on the page as it is; records and returns its serious and critical violations. */
  checkAccessibility(page: Page): Promise<string[]>;
  /**
   * Runs `action`, during which problems matching `patterns` are expected rather than failures (a
   * refused password's `POST /api/auth/sign-in → 401`); each pattern must match at least once.
   */
  expectProblems<T>(patterns: RegExp[], action: () => Promise<T>): Promise<T>;
  /** An API session of a test account (seeding, and the API's answer to compare the screen with). */
  api(email: string): Promise<ApiSession>;
  /** Signs in through the sign-in screen, as a person would. */
  signIn(page: Page, email: string, password?: string): Promise<void>;
  /**
   * A fresh context and page at `width` × `height` (default 1280 × 900), signed in as `email` through
   * the sign-in screen: the preamble of most tests in one call.
   */
  signedInPage(
    email: string,
    options?: { width?: number; height?: number; password?: string },
  ): Promise<{ context: BrowserContext; page: Page }>;
  /**
   * What does not fit the screen as it is: the page wider than the viewport (sideways scroll), and
   * elements whose text is cut off (clipped by `overflow: hidden`, or reaching past the viewport's
   * right edge) outside a scroll box (TableScroll, a chart). Empty when everything fits.
   */
  layoutProblems(page: Page): Promise<string[]>;
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
    /** Problems this file causes on purpose everywhere (prefer `expectProblems` around the one step). */
    allowProblems?: RegExp[];
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
  const fileAllowed = options.allowProblems ?? [];
  // Patterns of the expectProblems calls running now, each with how often it matched.
  const expected: { pattern: RegExp; seen: number }[] = [];
  const knownSeen = new Set<string>();
  const where = (page: Page): string => page.url().replace(baseUrl, '') || page.url();
  const report = (problem: string): void => {
    const hit = expected.find((entry) => entry.pattern.test(problem));
    if (hit !== undefined) {
      hit.seen += 1;
      return;
    }
    if (fileAllowed.some((pattern) => pattern.test(problem))) return;
    const known = knownProblems.find((entry) => entry.pattern.test(problem));
    if (known !== undefined) {
      if (!knownSeen.has(known.why)) console.warn(`known browser problem (${known.why}): ${problem}`);
      knownSeen.add(known.why);
      return;
    }
    pageErrors.push(problem);
  };
  const checkAccessibility = async (page: Page): Promise<string[]> => {
    const injected = await page.evaluate(() => 'axe' in window);
    if (!injected) await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: typeof axeCore }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => ({
          id: violation.id,
          impact: violation.impact,
          help: violation.help,
          targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
          count: violation.nodes.length,
          // The first element's own account (for contrast: both colours and the ratio).
          detail: (violation.nodes[0]?.failureSummary ?? '').split('\n').slice(1, 2).join('').trim(),
        }));
    });
    const problems = violations.map(
      (violation) =>
        `axe ${violation.impact} ${violation.id} on ${where(page)}: ${violation.help} — ` +
        `${violation.count} element(s): ${violation.targets.join(', ')}` +
        (violation.detail === '' ? '' : ` — ${violation.detail}`),
    );
    problems.forEach(report);
    return problems;
  };

  const harness: BrowserHarness = {
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
      page.on('pageerror', (error) => report(`uncaught error on ${where(page)}: ${error.message}`));
      page.on('console', (message) => {
        // The browser's own "Failed to load resource" line repeats a failed request, which is
        // reported below with its method and URL (and may be expected there).
        if (message.type() !== 'error' || message.text().startsWith('Failed to load resource')) return;
        report(`console error on ${where(page)}: ${message.text()}`);
      });
      page.on('response', (response) => {
        if (response.status() < 400) return;
        const request = response.request();
        report(
          `${request.method()} ${request.url().replace(baseUrl, '')} → ${response.status()} (on ${where(page)})`,
        );
      });
      page.on('requestfailed', (request) => {
        const reason = request.failure()?.errorText ?? 'no answer';
        // Leaving a page or closing the context cancels what is still loading; that is not a failure.
        if (reason === 'net::ERR_ABORTED') return;
        report(
          `${request.method()} ${request.url().replace(baseUrl, '')} failed: ${reason} (on ${where(page)})`,
        );
      });
      return { context, page };
    },
    async screenshot(page, name, { axe = true } = {}) {
      if (axe) await checkAccessibility(page);
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    checkAccessibility,
    async expectProblems(patterns, action) {
      const entries = patterns.map((pattern) => ({ pattern, seen: 0 }));
      expected.push(...entries);
      try {
        const result = await action();
        const missing = entries.filter((entry) => entry.seen === 0).map((entry) => String(entry.pattern));
        if (missing.length > 0) throw new Error(`expected problem(s) did not happen: ${missing.join(', ')}`);
        return result;
      } finally {
        for (const entry of entries) expected.splice(expected.indexOf(entry), 1);
      }
    },
    api: (email) => apiSession(baseUrl, email),
    async signIn(page, email, password = testPassword) {
      await page.goto('/sign-in');
      // The form shows once the app knows the organisation's language, and <html lang> says which: the
      // labels are then looked for in that language (the app's own catalogues), English or French.
      const form = page.locator('form.sign-in');
      await form.waitFor();
      const lang = await page.locator('html').getAttribute('lang');
      const say = (english: string): string => textIn(isWebLocale(lang) ? lang : 'en', english);
      await form.getByLabel(say('Email'), { exact: true }).fill(email);
      await form.getByLabel(say('Password'), { exact: true }).fill(password);
      await form.getByRole('button', { name: say('Sign in'), exact: true }).click();
      await page.getByTestId('signed-in-as').filter({ hasText: email }).waitFor();
    },
    async signedInPage(email, { width, height, password } = {}) {
      const opened = await harness.newPage({
        ...(width === undefined ? {} : { width }),
        ...(height === undefined ? {} : { height }),
      });
      await harness.signIn(opened.page, email, password);
      return opened;
    },
    layoutProblems: (page) => page.evaluate(findLayoutProblems),
    async close() {
      openHarnesses.delete(harness);
      await browser.close();
      await app.close();
      await database.close();
      const left = pageErrors.splice(0);
      if (left.length > 0) {
        throw new Error(
          `the browser saw ${left.length} problem(s) after the last test:\n  ${left.join('\n  ')}`,
        );
      }
    },
  };
  openHarnesses.add(harness);
  return harness;
}

/**
 * Runs in the page: what does not fit the viewport. A scroll box (an element that scrolls sideways by
 * design, e.g. TableScroll) and a chart's SVG are left alone: what is inside them is reachable.
 */
function findLayoutProblems(): string[] {
  const problems: string[] = [];
  const viewport = window.innerWidth;
  const width = document.documentElement.scrollWidth;
  if (width > viewport) problems.push(`the page is ${width} px wide in a ${viewport} px viewport`);
  const describe = (element: Element): string => {
    const id = element.id === '' ? '' : `#${element.id}`;
    const testId = element.getAttribute('data-testid');
    const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `<${element.tagName.toLowerCase()}${id}${testId === null ? '' : ` data-testid=${testId}`}> "${text}"`;
  };
  const insideScrollBox = (element: Element): boolean => {
    for (let parent = element.parentElement; parent !== null; parent = parent.parentElement) {
      const style = getComputedStyle(parent);
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') return true;
    }
    return false;
  };
  for (const element of document.body.querySelectorAll('*')) {
    if (element.closest('svg') !== null || insideScrollBox(element)) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden' || style.position === 'fixed') continue;
    const ownText = [...element.childNodes].some(
      (node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '',
    );
    if (ownText && box.right > viewport + 1) {
      problems.push(
        `${describe(element)} reaches ${Math.round(box.right)} px, past the ${viewport} px screen`,
      );
    }
    const clips = style.overflowX === 'hidden' || style.overflowX === 'clip';
    // The visually hidden text for screen readers (sr-only) is clipped on purpose.
    if (clips && element.scrollWidth > element.clientWidth + 1 && box.width > 1) {
      problems.push(
        `${describe(element)} cuts off its text (${element.scrollWidth} px in ${element.clientWidth} px)`,
      );
    }
  }
  return problems;
}
