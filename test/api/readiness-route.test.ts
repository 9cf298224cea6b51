import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { systemActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Builder } from '../../src/core/roster/roster.types.js';
import { disableAccountRow, findAccountByEmail } from '../../src/db/repositories/accounts.repository.js';
import { insertEvidence } from '../../src/db/repositories/evidence.repository.js';
import {
  insertBuilders,
  insertMentorships,
  insertPeople,
  insertPlacements,
  upsertClient,
} from '../../src/db/repositories/roster.repository.js';
import { buildApp } from '../../src/server/app.js';
import { readinessResponse } from '../../src/server/routes/evaluation.routes.js';
import { buildServices } from '../../src/services/composition-root.js';
import { publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { referenceReadiness } from '../../src/services/readiness.service.js';
import { ANA, BEN, make, PM, ROSA, TOM } from '../factories/evaluation-records.js';
import { forEachEngine } from '../helpers/database.js';
import { createTestAccount, signInAs, type SignedIn } from '../helpers/sign-in.js';

/**
 * The readiness route over a real socket, signed in with a real session: what the HTTP path of issue 15
 * changed (security headers computed once, the stored answer sent as text) must not change one byte of
 * what a client receives, and a session that ends must fail the very next request.
 */

const AT = '2026-02-15';
const clock = fixedClock(`${AT}T12:00:00Z`);
const LEAD = 'lead@example.test';

// Byte for byte what @fastify/helmet sent with our options before issue 15, in its order and spelling.
const SECURITY_HEADERS = [
  "Content-Security-Policy: default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
  'Cross-Origin-Opener-Policy: same-origin',
  'Cross-Origin-Resource-Policy: same-origin',
  'Origin-Agent-Cluster: ?1',
  'Referrer-Policy: no-referrer',
  'Strict-Transport-Security: max-age=15552000; includeSubDomains',
  'X-Content-Type-Options: nosniff',
  'X-DNS-Prefetch-Control: off',
  'X-Download-Options: noopen',
  'X-Frame-Options: SAMEORIGIN',
  'X-Permitted-Cross-Domain-Policies: none',
  'X-XSS-Protection: 0',
];

const builder = (email: string, levels: Builder['levels']): Builder => {
  const last = levels[levels.length - 1]!;
  return {
    email,
    name: email,
    track: 'ai-first-business-manager',
    level: last.level,
    level_since: last.since,
    levels,
    rates: [{ since: levels[0]!.since, rate_minor: 500_000, currency: 'USD' }],
  };
};

interface RawResponse {
  /** Status line and header lines as sent, the Date header's value replaced by `<date>`. */
  head: string[];
  body: string;
}

forEachEngine('readiness route over HTTP', (getDb) => {
  let app: FastifyInstance;
  let port = 0;
  let lead: SignedIn;

  /** One request on its own connection, read as the bytes the server wrote. */
  const raw = (method: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const lines = [`${method} ${path} HTTP/1.1`, 'Host: localhost', 'Connection: close'];
      for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
      const chunks: Buffer[] = [];
      const socket = net.connect(port, '127.0.0.1', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const split = text.indexOf('\r\n\r\n');
        const head = text
          .slice(0, split)
          .split('\r\n')
          .map((line) => (/^date: /i.test(line) ? 'date: <date>' : line));
        resolve({ head, body: text.slice(split + 4) });
      });
    });

  const headOf = (status: string, extra: string[], body: string): string[] => [
    `HTTP/1.1 ${status}`,
    ...SECURITY_HEADERS,
    ...extra,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'date: <date>',
    'Connection: close',
  ];

  beforeAll(async () => {
    const { db } = getDb();
    await publishShippedLaddersIfEmpty({ db, clock }, systemActor);
    await insertPeople(
      db,
      [
        { email: PM, name: 'Ola Berg', role: 'client_stakeholder' },
        { email: ANA, name: 'Ana', role: 'leadership' },
      ],
      clock.now(),
    );
    await insertBuilders(
      db,
      [
        builder(ROSA, [
          { level: 'L3', since: '2023-05-01' },
          { level: 'L4', since: '2024-08-15' },
        ]),
        builder(TOM, [
          { level: 'L1', since: '2024-06-01' },
          { level: 'L2', since: '2025-11-01' },
        ]),
        builder(BEN, [{ level: 'L5', since: '2025-01-01' }]),
      ],
      clock.now(),
    );
    await upsertClient(db, { id: 'northwind', name: 'Northwind Logistics' });
    await insertPlacements(db, [
      {
        id: 'pl1',
        builder: ROSA,
        client: 'northwind',
        start: '2024-09-01',
        end: null,
        rate_minor: 840_000,
        currency: 'USD',
        extended: true,
        requested_back: false,
      },
    ]);
    await insertMentorships(db, [{ id: 'ms1', mentor: ROSA, mentee: TOM, start: '2025-07-01', end: null }]);
    // Every part of the answer has something in it: metrics with records, a correction, citations,
    // mentee reviews, curriculum, self-evaluation with and without evidence.
    await insertEvidence(db, [
      make.decision({ id: 'd1', date: '2025-01-10' }),
      make.decision({ id: 'd2-pending', date: '2025-05-10', client_response: 'pending' }),
      make.decision({ id: 'd2-adopted', date: '2025-09-01', supersedes: 'd2-pending' }),
      make.decision({ id: 'k1', type: 'kill', data: 'no usage in 60 days' }),
      make.feature({ id: 'f1' }),
      make.codeReview({ id: 'cr1' }),
      make.citation({ id: 'c1', review_id: 'cr1' }),
      make.citation({ id: 'c2', review_id: 'cr1', recorded_by: ANA }),
      make.menteeReview({ id: 'mr1', date: '2025-08-01', score: 2 }),
      make.checkin({ id: 'ci1', date: '2026-02-10' }),
      make.feedback({ id: 'fb1' }),
      make.curriculum({ id: 'cu1', module_id: 'product-analytics', status: 'done', date: '2024-10-01' }),
      make.selfEvaluation({
        id: 'se1',
        item_id: 'instrument-features',
        evidence_ids: ['f1'],
        date: '2025-07-01',
      }),
      make.selfEvaluation({ id: 'se2', item_id: 'reviews-teach', evidence_ids: [], date: '2025-07-01' }),
    ]);
    await createTestAccount(db, { email: LEAD, role: 'leadership' });
    app = await buildApp({ database: getDb(), clock });
    await app.ready();
    lead = await signInAs(app, LEAD);
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers cold and stored with the same bytes: the schema’s JSON, equal to the reference', async () => {
    const services = buildServices({ database: getDb(), clock });
    for (const [email, at] of [
      [ROSA, AT],
      [ROSA, '2025-06-30'],
      [ROSA, '2024-01-01'],
      [TOM, AT],
      [TOM, '2025-08-01'],
      [BEN, AT],
    ] as const) {
      const path = `/api/builders/${encodeURIComponent(email)}/readiness?at=${at}`;
      const cold = await raw('GET', path, lead.readHeaders);
      const stored = await raw('GET', path, lead.readHeaders);
      expect(cold.head).toEqual(headOf('200 OK', ['cache-control: no-store'], cold.body));
      expect(stored.head).toEqual(cold.head);
      expect(stored.body).toBe(cold.body);
      // Exactly the text the response serialiser made before: the schema's keys in its order, no other.
      const strict = readinessResponse.strict().parse(JSON.parse(cold.body));
      expect(JSON.stringify(z.encode(readinessResponse, strict))).toBe(cold.body);
      expect(strict).toEqual(await referenceReadiness(services, email, at));
    }
  });

  it('still documents the answer’s shape in the OpenAPI document', async () => {
    const doc = JSON.parse((await raw('GET', '/api/openapi.json')).body) as {
      paths: Record<string, { get: { responses: Record<string, { content: unknown }> } }>;
    };
    const ok = doc.paths['/api/builders/{email}/readiness']?.get.responses['200'];
    expect(ok?.content).toMatchObject({
      'application/json': {
        schema: {
          type: 'object',
          required: expect.arrayContaining(['builder', 'level', 'metrics', 'gaps', 'curriculum']),
        },
      },
    });
  });

  it('keeps the error answers and the probe as they were', async () => {
    const unknown = await raw('GET', '/api/builders/nobody%40example.test/readiness', lead.readHeaders);
    expect(unknown.body).toBe('{"error":"not_found","message":"Builder nobody@example.test not found"}');
    expect(unknown.head).toEqual(headOf('404 Not Found', ['cache-control: no-store'], unknown.body));
    const anonymous = await raw('GET', `/api/builders/${encodeURIComponent(ROSA)}/readiness`);
    expect(anonymous.body).toBe('{"error":"unauthenticated","message":"Sign in first"}');
    expect(anonymous.head).toEqual(headOf('401 Unauthorized', [], anonymous.body));
    const badDate = await raw(
      'GET',
      `/api/builders/${encodeURIComponent(ROSA)}/readiness?at=2026-02-30`,
      lead.readHeaders,
    );
    expect(badDate.head[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(badDate.head).toEqual(headOf('400 Bad Request', ['cache-control: no-store'], badDate.body));
    expect(JSON.parse(badDate.body)).toMatchObject({ error: 'validation_failed' });
    const probe = await raw('GET', '/healthz');
    expect(probe.body).toBe('{"status":"ok"}');
    expect(probe.head).toEqual(headOf('200 OK', [], probe.body));
  });

  it('a session that ends fails the very next request', async () => {
    const other = await signInAs(app, LEAD);
    const path = `/api/builders/${encodeURIComponent(ROSA)}/readiness?at=${AT}`;
    expect((await raw('GET', path, other.readHeaders)).head[0]).toBe('HTTP/1.1 200 OK');
    const out = await raw('POST', '/api/auth/sign-out', { ...other.writeHeaders, 'content-length': '0' });
    expect(out.head[0]).toMatch(/^HTTP\/1\.1 20\d /);
    const after = await raw('GET', path, other.readHeaders);
    expect(after.head[0]).toBe('HTTP/1.1 401 Unauthorized');
    // The other session of the same account is untouched.
    expect((await raw('GET', path, lead.readHeaders)).head[0]).toBe('HTTP/1.1 200 OK');
  });

  it('a disabled account fails the very next request, even while its session row remains', async () => {
    await createTestAccount(getDb().db, { email: TOM, role: 'builder' });
    const tom = await signInAs(app, TOM);
    const path = `/api/builders/${encodeURIComponent(TOM)}/readiness?at=${AT}`;
    expect((await raw('GET', path, tom.readHeaders)).head[0]).toBe('HTTP/1.1 200 OK');
    const account = await findAccountByEmail(getDb().db, TOM);
    await disableAccountRow(getDb().db, account!.id, clock.now());
    const after = await raw('GET', path, tom.readHeaders);
    expect(after.head[0]).toBe('HTTP/1.1 401 Unauthorized');
    expect(after.body).toBe('{"error":"unauthenticated","message":"Sign in first"}');
  });
});
