import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { listAudit } from '../../src/services/audit.service.js';
import { routeTable } from '../../src/server/access/install-access.js';
import { buildApp } from '../../src/server/app.js';
import { PERSONAS, seedAccessFixture, type AccessFixture } from '../helpers/access-fixture.js';
import { forEachEngine } from '../helpers/database.js';
import { operatorActor } from '../../src/core/actor.js';
import { signInAs, TEST_PASSWORD, type SignedIn } from '../helpers/sign-in.js';

/**
 * Every kind of write leaves an audit entry. Each write route of the API is listed once: either with a
 * valid request (made here, which must add an entry naming the entity and the caller), or with the test
 * file that covers its audit entry because a valid request needs a whole promotion flow. A new write
 * route without a row fails, like the access matrix.
 */
interface WriteRow {
  route: string;
  as: keyof typeof PERSONAS;
  path?: (fixture: AccessFixture, state: Record<string, string>) => string;
  body?: (fixture: AccessFixture, state: Record<string, string>) => Record<string, unknown>;
  /** The entity the entry must name; `remember` keeps a field of the answer for later rows. */
  entity: string;
  remember?: string;
}

const COVERED_ELSEWHERE: Record<string, string> = {
  'POST /api/auth/sign-in': 'this file: session.create after every sign-in (checked below)',
};

const SHEET = {
  components: [
    'product-decision-portfolio',
    'team-building-simulation',
    'mentee-outcome',
    'live-scope-exercise',
  ].map((id) => ({ id, result: 'pass' })),
  criteria: [
    'multiplication-instinct',
    'product-judgment',
    'teaching-ability',
    'scope-discipline',
    'leadership-without-authority',
  ].map((id) => ({ id, score: 4 })),
  summary: 'Ready',
};

const sheetRows = (['panelist', 'mentor', 'leadership'] as const).flatMap((as): WriteRow[] => [
  {
    route: 'PUT /api/cases/:id/sheet',
    as,
    path: (_f, state) => `/api/cases/${state.id}/sheet`,
    body: () => SHEET,
    entity: 'promotion_case',
  },
  {
    route: 'POST /api/cases/:id/sheet/submit',
    as,
    path: (_f, state) => `/api/cases/${state.id}/sheet/submit`,
    body: () => SHEET,
    entity: 'promotion_case',
  },
]);

const ROWS: WriteRow[] = [
  {
    route: 'POST /api/accounts',
    as: 'leadership',
    body: () => ({ email: 'new@org.test', role: 'builder', password: TEST_PASSWORD }),
    entity: 'account',
    remember: 'id',
  },
  // On the account just created (its id, before the token row below takes `id` over).
  ...(['password-reset', 'disable', 'enable'] as const).map((verb): WriteRow => ({
    route: `POST /api/accounts/:id/${verb}`,
    as: 'leadership',
    path: (_f, state) => `/api/accounts/${state.id}/${verb}`,
    entity: 'account',
  })),
  {
    route: 'POST /api/accounts/:id/role',
    as: 'leadership',
    path: (_f, state) => `/api/accounts/${state.id}/role`,
    body: () => ({ role: 'leadership' }),
    entity: 'account',
  },
  {
    route: 'DELETE /api/accounts/:id/tokens',
    as: 'leadership',
    path: (_f, state) => `/api/accounts/${state.id}/tokens`,
    entity: 'account',
  },
  {
    route: 'POST /api/auth/tokens',
    as: 'self',
    body: () => ({ name: 'script' }),
    entity: 'api_token',
    remember: 'id',
  },
  {
    route: 'DELETE /api/auth/tokens/:id',
    as: 'self',
    path: (_f, state) => `/api/auth/tokens/${state.id}`,
    entity: 'api_token',
  },
  {
    route: 'POST /api/auth/password',
    as: 'other',
    body: () => ({ current_password: TEST_PASSWORD, new_password: 'a brand new passphrase' }),
    entity: 'account',
  },
  {
    route: 'POST /api/people',
    as: 'leadership',
    body: () => ({ email: 'kim@org.test', name: 'Kim', role: 'leadership' }),
    entity: 'person',
  },
  {
    route: 'POST /api/builders',
    as: 'leadership',
    body: () => ({
      email: 'zoe@org.test',
      name: 'Zoe',
      track: 'ai-first-business-manager',
      levels: [{ level: 'L2', since: '2026-01-01' }],
      rates: [{ since: '2026-01-01', rate_minor: 500_000, currency: 'EUR' }],
    }),
    entity: 'builder',
  },
  {
    route: 'POST /api/clients',
    as: 'leadership',
    body: () => ({ id: 'globex', name: 'Globex' }),
    entity: 'client',
  },
  {
    route: 'POST /api/placements',
    as: 'leadership',
    body: () => ({
      id: 'pl-zoe-globex',
      builder: 'zoe@org.test',
      client: 'globex',
      start: '2026-02-01',
      end: null,
      rate_minor: 700_000,
      currency: 'EUR',
      extended: false,
      requested_back: false,
    }),
    entity: 'placement',
  },
  {
    route: 'POST /api/mentorships',
    as: 'leadership',
    body: () => ({ mentor: PERSONAS.mentor, mentee: 'zoe@org.test', start: '2026-02-01', end: null }),
    entity: 'mentorship',
  },
  {
    route: 'POST /api/evidence',
    as: 'self',
    body: () => ({
      kind: 'adr',
      builder: PERSONAS.self,
      date: '2026-11-20',
      title: 'Sessions on the server',
      status: 'accepted',
      link: 'docs/adr/0002.md',
    }),
    entity: 'evidence',
  },
  {
    route: 'POST /api/ladders',
    as: 'leadership',
    body: () => ({ source: LADDER_PLACEHOLDER }),
    entity: 'ladder_version',
  },
  {
    route: 'POST /api/cases',
    as: 'leadership',
    body: () => ({ candidate: PERSONAS.other, override_reason: 'audit test' }),
    entity: 'promotion_case',
    remember: 'id',
  },
  {
    route: 'PUT /api/cases/:id/panel',
    as: 'leadership',
    path: (_f, state) => `/api/cases/${state.id}/panel`,
    body: () => ({ panelists: [PERSONAS.panelist, PERSONAS.mentor, PERSONAS.leadership] }),
    entity: 'promotion_case',
  },
  ...sheetRows,
  {
    route: 'POST /api/cases/:id/decision',
    as: 'leadership',
    path: (_f, state) => `/api/cases/${state.id}/decision`,
    body: () => ({ note: 'The panel agrees', effective_date: '2026-12-01' }),
    entity: 'promotion_case',
  },
  {
    route: 'POST /api/cases/:id/notes',
    as: 'panelist',
    path: (f) => `/api/cases/${f.caseId}/notes`,
    body: () => ({ text: 'Strong portfolio' }),
    entity: 'promotion_case',
  },
  {
    route: 'POST /api/cases/:id/withdraw',
    as: 'leadership',
    path: (f) => `/api/cases/${f.caseId}/withdraw`,
    body: () => ({ reason: 'opened for the audit test' }),
    entity: 'promotion_case',
  },
  {
    route: 'POST /api/person-accounts',
    as: 'leadership',
    body: () => ({ provider: 'github', account: 'ana-gh', person: PERSONAS.self }),
    entity: 'person_account',
  },
  {
    route: 'DELETE /api/person-accounts/:provider/:account',
    as: 'leadership',
    path: () => '/api/person-accounts/github/ana-gh',
    entity: 'person_account',
  },
  {
    route: 'POST /api/analytics-projects',
    as: 'leadership',
    body: () => ({ provider: 'posthog', project: 'acme-web', client: 'acme' }),
    entity: 'analytics_project',
  },
  {
    route: 'DELETE /api/analytics-projects/:project',
    as: 'leadership',
    path: () => '/api/analytics-projects/acme-web',
    entity: 'analytics_project',
  },
  { route: 'POST /api/auth/sign-out', as: 'mentor', entity: 'account' },
];

// The shipped ladder with a later version date: publishing it is a new version.
let LADDER_PLACEHOLDER = '';

forEachEngine('audit of every write', (getDb) => {
  const clock = fixedClock('2026-11-26T12:00:00Z');
  let app: FastifyInstance;
  let fixture: AccessFixture;
  const sessions = new Map<string, SignedIn>();
  const state: Record<string, string> = {};

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), clock });
    await app.ready();
    fixture = await seedAccessFixture(getDb().db, clock);
    for (const [persona, email] of Object.entries(PERSONAS))
      sessions.set(persona, await signInAs(app, email));
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(
      new URL('../../ladders/ai-first-business-manager.yaml', import.meta.url),
      'utf8',
    );
    LADDER_PLACEHOLDER = source.replace(/^version: .*$/m, 'version: 2026-12-01');
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists every write route, made here or covered by a named test', () => {
    const writes = routeTable(app)
      .filter((route) => route.method !== 'GET')
      .map((route) => `${route.method} ${route.url}`);
    const listed = new Set([...ROWS.map((row) => row.route), ...Object.keys(COVERED_ELSEWHERE)]);
    expect(
      writes.filter((route) => !listed.has(route)),
      'write routes without an audit row',
    ).toEqual([]);
  });

  it('records every sign-in as session.create by the person', async () => {
    const entries = await listAudit(getDb().db, operatorActor('test'), {
      action: 'session.create',
      actor: PERSONAS.client,
    });
    expect(entries.length).toBeGreaterThan(0);
  });

  for (const row of ROWS) {
    it(`${row.route} as ${row.as} records an audit entry for ${row.entity}`, async () => {
      const [method, pattern] = row.route.split(' ') as [string, string];
      const session = sessions.get(row.as);
      if (session === undefined) throw new Error(`no session for ${row.as}`);
      const before = await listAudit(getDb().db, operatorActor('test'), { limit: 1 });
      const response = await app.inject({
        method: method as 'POST',
        url: row.path?.(fixture, state) ?? pattern,
        headers: session.writeHeaders,
        ...(row.body === undefined ? {} : { payload: row.body(fixture, state) }),
      });
      expect(response.statusCode, response.body).toBeLessThan(300);
      if (row.remember !== undefined)
        state[row.remember] = String(response.json<Record<string, unknown>>()[row.remember]);
      const after = await listAudit(getDb().db, operatorActor('test'), { limit: 50 });
      const fresh = after.filter((entry) => entry.id > (before[0]?.id ?? 0));
      expect(fresh.map((e) => `${e.actor} ${e.action} ${e.entity}`)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`^${PERSONAS[row.as]} \\S+ ${row.entity}$`)),
        ]),
      );
    });
  }
});
