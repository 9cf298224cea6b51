import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { routeTable } from '../../src/server/access/install-access.js';
import { buildApp } from '../../src/server/app.js';
import { PERSONAS, seedAccessFixture, type AccessFixture, type Persona } from '../helpers/access-fixture.js';
import { forEachEngine } from '../helpers/database.js';
import { signInAs, type SignedIn } from '../helpers/sign-in.js';

/**
 * The access matrix: every API route × every role, generated from the app's own route table. A route
 * with no row here fails ("add its row"), so a new endpoint cannot ship without someone writing down who
 * may call it; a row whose route no longer exists fails too.
 *
 * Personas (see test/helpers/access-fixture.ts), all about one builder, Ana:
 *   L leadership · S Ana herself · O another builder · M Ana's mentor · P a panelist on Ana's case ·
 *   C a client stakeholder of Ana's client · A anonymous.
 * `allowed` lists who gets through; everyone else must get 401 (anonymous) or 403 (signed in). Allowed
 * callers get anything but 401/403 (bodies are deliberately incomplete, so writes answer 400 and change
 * nothing). Paths use Ana's records: `:email` → Ana, `:id` → the fixture's record of that resource.
 */
interface MatrixRow {
  route: string;
  allowed: string;
  /** Query string (without `?`), for routes whose answer depends on it. */
  query?: string;
  /** A concrete path other than the default (Ana's records). */
  path?: string;
  body?: Record<string, unknown>;
}

const SIGNED_IN = 'LSOMPC';
const BUILDERS = 'LSOMP';
const ANA = PERSONAS.self;

const MATRIX: MatrixRow[] = [
  // Accounts and sessions.
  { route: 'POST /api/auth/sign-in', allowed: `${SIGNED_IN}A` },
  { route: 'GET /api/auth/session', allowed: SIGNED_IN },
  { route: 'GET /api/instance', allowed: `${SIGNED_IN}A` },
  { route: 'POST /api/auth/password', allowed: SIGNED_IN },
  { route: 'GET /api/auth/tokens', allowed: SIGNED_IN },
  { route: 'POST /api/auth/tokens', allowed: SIGNED_IN },
  { route: 'DELETE /api/auth/tokens/:id', allowed: SIGNED_IN },
  { route: 'GET /api/accounts', allowed: 'L' },
  { route: 'POST /api/accounts', allowed: 'L' },
  // People and accounts (leadership); `:id` is no account, so an allowed caller gets 404 and nothing changes.
  { route: 'POST /api/accounts/:id/disable', allowed: 'L' },
  { route: 'POST /api/accounts/:id/enable', allowed: 'L' },
  { route: 'POST /api/accounts/:id/password-reset', allowed: 'L' },
  { route: 'POST /api/accounts/:id/role', allowed: 'L' },
  { route: 'DELETE /api/accounts/:id/tokens', allowed: 'L' },
  { route: 'GET /api/audit', allowed: 'L' },
  // Ladders: every builder reads them; a client stakeholder does not.
  { route: 'GET /api/ladders', allowed: BUILDERS },
  { route: 'GET /api/ladders/:id', allowed: BUILDERS },
  { route: 'GET /api/ladders/:id/versions', allowed: BUILDERS },
  { route: 'GET /api/ladders/:id/levels/:level', allowed: BUILDERS },
  { route: 'POST /api/ladders', allowed: 'L' },
  // Roster: lists mix people (leadership); one builder: themself, their mentor, their panel.
  { route: 'POST /api/people', allowed: 'L' },
  { route: 'GET /api/people', allowed: 'L' },
  { route: 'GET /api/people/:email', allowed: 'LSMP' },
  { route: 'POST /api/builders', allowed: 'L' },
  { route: 'GET /api/builders', allowed: 'L' },
  { route: 'GET /api/builders/:email', allowed: 'LSMP' },
  { route: 'POST /api/clients', allowed: 'L' },
  { route: 'GET /api/clients', allowed: 'L' },
  { route: 'GET /api/clients/:id', allowed: 'L' },
  // A client contact's own builders (the service answers the caller's client only; nobody else has one).
  { route: 'GET /api/client/builders', allowed: 'C' },
  // Placements carry rates: leadership and the builder themself only.
  { route: 'POST /api/placements', allowed: 'L' },
  { route: 'GET /api/placements', allowed: 'LS', query: `builder=${ANA}` },
  { route: 'GET /api/placements', allowed: 'L' },
  { route: 'GET /api/placements/:id', allowed: 'L' },
  // Mentorships: the mentee and the mentor.
  { route: 'POST /api/mentorships', allowed: 'L' },
  { route: 'GET /api/mentorships', allowed: 'LSM', query: `mentee=${ANA}` },
  { route: 'GET /api/mentorships/:id', allowed: 'LSM' },
  // Evidence: own records; vouching kinds by colleagues; client feedback by the client.
  { route: 'POST /api/evidence', allowed: 'LS', body: { builder: ANA, kind: 'decision' } },
  { route: 'POST /api/evidence', allowed: BUILDERS, body: { builder: ANA, kind: 'review_citation' } },
  { route: 'POST /api/evidence', allowed: 'LSC', body: { builder: ANA, kind: 'client_feedback' } },
  { route: 'POST /api/evidence', allowed: 'L', body: { kind: 'decision' } },
  { route: 'GET /api/evidence', allowed: 'LSMP', query: `builder=${ANA}` },
  { route: 'GET /api/evidence', allowed: 'L' },
  { route: 'GET /api/evidence/:id', allowed: 'LSMP' },
  // Mentorship overview and check-ins due: a mentor's own view (about Mo, Ana's mentor).
  { route: 'GET /api/mentorships/overview', allowed: 'LM', query: `mentor=${PERSONAS.mentor}` },
  { route: 'GET /api/mentorships/overview', allowed: 'L' },
  { route: 'GET /api/checkins/due', allowed: 'LM', query: `mentor=${PERSONAS.mentor}` },
  { route: 'GET /api/checkins/due', allowed: 'L' },
  // Payouts are money: leadership and the mentor themself, never the mentee or anyone else.
  { route: 'GET /api/payouts', allowed: 'L', query: 'month=2026-10' },
  { route: 'GET /api/payouts', allowed: 'L', query: `month=2026-10&mentor=${PERSONAS.mentor}` },
  { route: 'GET /api/payouts.csv', allowed: 'L', query: 'month=2026-10' },
  {
    route: 'GET /api/mentors/:email/payouts',
    allowed: 'LM',
    path: `/api/mentors/${PERSONAS.mentor}/payouts`,
  },
  { route: 'GET /api/mentors/:email/payouts', allowed: 'LS' },
  // Integrations: who is who on GitHub, which analytics project is whose, sync state (leadership).
  { route: 'GET /api/person-accounts', allowed: 'L' },
  { route: 'POST /api/person-accounts', allowed: 'L' },
  { route: 'DELETE /api/person-accounts/:provider/:account', allowed: 'L' },
  { route: 'GET /api/analytics-projects', allowed: 'L' },
  { route: 'POST /api/analytics-projects', allowed: 'L' },
  { route: 'DELETE /api/analytics-projects/:project', allowed: 'L' },
  { route: 'GET /api/sources', allowed: 'L' },
  // Evaluation.
  { route: 'GET /api/builders/:email/readiness', allowed: 'LSMP' },
  { route: 'GET /api/builders/:email/readiness/trend', allowed: 'LSMP' },
  { route: 'GET /api/builders/:email/points', allowed: 'LSMP' },
  { route: 'GET /api/levels/:level/ranking', allowed: 'L' },
  // Promotion cases: the panel works the case; the candidate sees the outcome; leadership decides.
  { route: 'GET /api/cases', allowed: BUILDERS },
  { route: 'POST /api/cases', allowed: 'L' },
  { route: 'GET /api/cases/:id', allowed: 'LP' },
  { route: 'GET /api/cases/:id/sheets', allowed: 'LP' },
  { route: 'GET /api/cases/:id/outcome', allowed: 'LSP' },
  { route: 'GET /api/cases/:id/portfolio', allowed: 'LSP' },
  { route: 'GET /api/cases/:id/panel-candidates', allowed: 'L' },
  { route: 'PUT /api/cases/:id/panel', allowed: 'L' },
  { route: 'PUT /api/cases/:id/sheet', allowed: 'LP' },
  { route: 'POST /api/cases/:id/sheet/submit', allowed: 'LP' },
  { route: 'POST /api/cases/:id/decision', allowed: 'L' },
  { route: 'POST /api/cases/:id/withdraw', allowed: 'L' },
  { route: 'POST /api/cases/:id/notes', allowed: 'LSP' },
  // Last: it ends the sessions the rows above use.
  { route: 'POST /api/auth/sign-out', allowed: SIGNED_IN },
];

const LETTERS: Record<string, Persona> = {
  L: 'leadership',
  S: 'self',
  O: 'other',
  M: 'mentor',
  P: 'panelist',
  C: 'client',
  A: 'anonymous',
};

function concretePath(pattern: string, fixture: AccessFixture): string {
  const ids: [RegExp, string][] = [
    [/^\/api\/ladders\/:id/, fixture.ladderId],
    [/^\/api\/clients\/:id/, fixture.clientId],
    [/^\/api\/placements\/:id/, fixture.placementId],
    [/^\/api\/mentorships\/:id/, fixture.mentorshipId],
    [/^\/api\/evidence\/:id/, fixture.evidenceId],
    [/^\/api\/cases\/:id/, String(fixture.caseId)],
    [/^\/api\/auth\/tokens\/:id/, 'no-such-token'],
  ];
  const id = ids.find(([prefix]) => prefix.test(pattern))?.[1] ?? 'unknown';
  return pattern
    .replace(':email', encodeURIComponent(ANA))
    .replace(':level', 'L4')
    .replace(':id', encodeURIComponent(id))
    .replace(/:[a-z_]+/gi, 'unknown');
}

forEachEngine('access matrix', (getDb) => {
  const clock = fixedClock('2026-11-26T12:00:00Z');
  let app: FastifyInstance;
  let fixture: AccessFixture;
  const sessions = new Map<Persona, SignedIn>();

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), clock });
    await app.ready();
    fixture = await seedAccessFixture(getDb().db, clock);
    for (const [persona, email] of Object.entries(PERSONAS) as [Persona, string][]) {
      sessions.set(persona, await signInAs(app, email));
    }
  });
  afterAll(async () => {
    await app.close();
  });

  it('has a row for every API route and no row for a route that does not exist', () => {
    const declared = routeTable(app).map((route) => `${route.method} ${route.url}`);
    const covered = new Set(MATRIX.map((row) => row.route));
    const missing = declared.filter((route) => !covered.has(route));
    expect(missing, 'routes without an access-matrix row: add one to test/api/access-matrix.test.ts').toEqual(
      [],
    );
    const stale = [...covered].filter((route) => !declared.includes(route));
    expect(stale, 'matrix rows for routes that no longer exist').toEqual([]);
  });

  for (const row of MATRIX) {
    const label = `${row.path ?? row.route}${row.query === undefined ? '' : `?${row.query}`}${row.body === undefined ? '' : ` ${JSON.stringify(row.body)}`}`;
    it(`${label}: only ${row.allowed
      .split('')
      .map((l) => LETTERS[l])
      .join(', ')}`, async () => {
      const [method, pattern] = row.route.split(' ') as [string, string];
      const url =
        (row.path ?? concretePath(pattern, fixture)) + (row.query === undefined ? '' : `?${row.query}`);
      const outcomes: string[] = [];
      for (const [letter, persona] of Object.entries(LETTERS)) {
        const session = sessions.get(persona);
        const headers =
          session === undefined ? {} : method === 'GET' ? session.readHeaders : session.writeHeaders;
        const response = await app.inject({
          method: method as 'GET',
          url,
          headers,
          ...(method === 'GET' || method === 'DELETE' ? {} : { payload: row.body ?? {} }),
        });
        const expectAllowed = row.allowed.includes(letter);
        const denied = response.statusCode === 401 || response.statusCode === 403;
        const expectedStatus = persona === 'anonymous' ? 401 : 403;
        const ok = expectAllowed ? !denied : response.statusCode === expectedStatus;
        if (!ok) outcomes.push(`${persona}: got ${response.statusCode} ${response.body.slice(0, 160)}`);
      }
      expect(outcomes).toEqual([]);
    });
  }
});
