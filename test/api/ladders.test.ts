import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import type { LadderDocument, LevelDefinition } from '../../src/core/ladder/ladder.schema.js';
import type { LadderProblem } from '../../src/core/ladder/validate-ladder.js';
import { selectAuditRows } from '../../src/db/repositories/audit.repository.js';
import { buildApp } from '../../src/server/app.js';
import { publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { builderActor, leadership, switchableActor } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

const shipped = readFileSync(path.resolve('ladders/ai-first-business-manager.yaml'), 'utf8');
const LADDER = 'ai-first-business-manager';

interface Meta {
  version_id: number;
  ladder: string;
  version: string;
  published_by: string;
}
type Active = Meta & { document: LadderDocument };
type LevelBody = Meta & { level: LevelDefinition };
type Versions = { versions: Meta[] };
type List = {
  ladders: { ladder: string; versions: number; active_version: string | null; latest_version: string }[];
};
interface ErrorBody {
  error: string;
  message: string;
  details: { problems: (LadderProblem & { text: string })[] };
}
const clock = fixedClock('2026-11-26T12:00:00Z');

const yaml = (payload: string) => ({
  method: 'POST' as const,
  url: '/api/ladders',
  headers: { 'content-type': 'application/yaml' },
  payload,
});

forEachEngine('ladders API', (getDb) => {
  let app: FastifyInstance;
  const who = switchableActor(leadership);

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), clock }, { authenticate: who.authenticate });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 404 for a ladder before anything is published', async () => {
    const response = await app.inject(`/api/ladders/${LADDER}`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: 'not_found' });
    expect((await app.inject('/api/ladders')).json()).toEqual({ ladders: [] });
  });

  it('publishes the shipped ladder from YAML (201), then treats the same file as already published (200)', async () => {
    const first = await app.inject(yaml(shipped));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      ladder: LADDER,
      version: '2026-02-01',
      published_by: 'lead@example.test',
    });
    const again = await app.inject(yaml(shipped));
    expect(again.statusCode).toBe(200);
    expect(again.json<Meta>().version_id).toBe(first.json<Meta>().version_id);
  });

  it('serves the version in force, its versions and one level', async () => {
    const list = await app.inject('/api/ladders');
    expect(list.json()).toEqual({
      ladders: [
        {
          ladder: LADDER,
          name: 'AI-First Business Manager',
          versions: 1,
          active_version: '2026-02-01',
          latest_version: '2026-02-01',
        },
      ],
    });
    const active = await app.inject(`/api/ladders/${LADDER}`);
    expect(active.statusCode).toBe(200);
    expect(active.json<Active>().document.levels).toHaveLength(5);
    const level = await app.inject(`/api/ladders/${LADDER}/levels/L4`);
    expect(level.json<LevelBody>().level.promotion?.min_months_at_level).toBe(18);
    expect(level.json<LevelBody>().version).toBe('2026-02-01');
    const page = await app.inject(`/api/ladders/${LADDER}/levels/L4?format=md`);
    expect(page.headers['content-type']).toMatch(/^text\/markdown/);
    expect(page.body).toContain('## What the Panel Looks For');
    expect((await app.inject(`/api/ladders/${LADDER}/levels/L9`)).statusCode).toBe(404);
  });

  it("renders a level with the organisation's own choices on request (choices=true), and without them by default", async () => {
    const plain = await app.inject(`/api/ladders/${LADDER}/levels/L4?format=md`);
    expect(plain.body).not.toContain('Own Choices');
    const page = await app.inject(`/api/ladders/${LADDER}/levels/L4?format=html&choices=true`);
    expect(page.statusCode).toBe(200);
    expect(page.body.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page.body).toContain('<section id="choices"><h2>The Organisation’s Own Choices</h2>');
    expect(page.body).toContain(
      '<li><strong>promotion.panel.size: 3</strong> — The seed is silent on panel size;',
    );
    expect((await app.inject(`/api/ladders/${LADDER}/levels/L4?format=md&choices=yes`)).statusCode).toBe(400);
  });

  it('gives the same choices in the JSON answer with choices=true (what the web page lists), none by default', async () => {
    const plain = (await app.inject(`/api/ladders/${LADDER}/levels/L4`)).json<Record<string, unknown>>();
    expect(plain).not.toHaveProperty('choices');
    const answer = await app.inject(`/api/ladders/${LADDER}/levels/L4?choices=true`);
    expect(answer.statusCode).toBe(200);
    const { choices } = answer.json<{
      choices: { field: string; value: string; why: string; on_level?: string }[];
    }>();
    expect(choices).toContainEqual({
      field: 'promotion.panel.size',
      value: '3',
      why: expect.stringMatching(/^The seed is silent on panel size;/) as unknown,
    });
    // The rendered page lists the same ones, one line each, in the same order.
    const page = (await app.inject(`/api/ladders/${LADDER}/levels/L4?format=md&choices=true`)).body;
    const listed = choices.map((c) => `${c.field}: ${c.value}`);
    const positions = listed.map((line) => page.indexOf(line));
    expect(positions.every((at) => at >= 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    // L5's cadence is a choice on L5: on L4's page it is not listed (L4 shows L5's unlocks, not its cadence).
    expect(choices.some((c) => c.on_level !== undefined && c.field.includes('checkin_cadence'))).toBe(false);
  });

  it('refuses an invalid version with 400 and every problem, and leaves the active version unchanged', async () => {
    const before = (await app.inject(`/api/ladders/${LADDER}`)).json<Active>();
    const broken = shipped
      .replace('version: 2026-02-01', 'version: 2026-09-01')
      .replace('reveal_panelists: false', 'reveal_panelists: maybe')
      .replace('mentee_levels: [L1, L2]', 'mentee_levels: [L0, L2]');
    const response = await app.inject(yaml(broken));
    expect(response.statusCode).toBe(400);
    const body = response.json<ErrorBody>();
    expect(body.error).toBe('invalid_ladder');
    // One pass: the schema's problem and the cross-check's, sorted by position, each with line and column.
    const lineOf = (needle: string): number => broken.slice(0, broken.indexOf(needle)).split('\n').length;
    expect(body.details.problems.map((p) => p.text)).toEqual([
      `request body:${lineOf('reveal_panelists: maybe')}:27: levels[3].promotion.panel.reveal_panelists: expected true or false`,
      `request body:${lineOf('mentee_levels: [L0')}:25: levels[3].mentorship.gives.mentee_levels[0]: unknown level "L0" (levels: L1, L2, L3, L4, L5)`,
    ]);
    expect(body.details.problems[1]).toMatchObject({
      file: 'request body',
      line: lineOf('mentee_levels: [L0'),
      column: 25,
      path: 'levels[3].mentorship.gives.mentee_levels[0]',
      message: 'unknown level "L0" (levels: L1, L2, L3, L4, L5)',
    });
    const after = (await app.inject(`/api/ladders/${LADDER}`)).json<Active>();
    expect(after).toEqual(before);
    expect((await app.inject(`/api/ladders/${LADDER}/versions`)).json<Versions>().versions).toHaveLength(1);
  });

  it('documents the refusal in the OpenAPI document: every problem with its line and column', async () => {
    const doc = (await app.inject('/api/openapi.json')).json<{
      paths: Record<string, { post?: { responses?: Record<string, unknown> } }>;
    }>();
    const refusal = JSON.stringify(doc.paths['/api/ladders']?.post?.responses?.['400']);
    for (const field of ['"problems"', '"line"', '"column"', '"path"', '"message"', '"text"'])
      expect(refusal).toContain(field);
  });

  it('accepts JSON { source } and refuses a body that is not a ladder at all', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/ladders',
      payload: { source: 'just: [text' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error).toBe('invalid_ladder');
    const empty = await app.inject({ method: 'POST', url: '/api/ladders', payload: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<ErrorBody>().error).toBe('validation_failed');
  });

  it('publishes a later version; the one in force depends on the day asked', async () => {
    const later = shipped
      .replace('version: 2026-02-01', 'version: 2027-01-01')
      .replace('min_months_at_level: 18', 'min_months_at_level: 24')
      .replace('name: Minimum 18 months at L4', 'name: Minimum 24 months at L4');
    const response = await app.inject({ method: 'POST', url: '/api/ladders', payload: { source: later } });
    expect(response.statusCode).toBe(201);
    const versions = (await app.inject(`/api/ladders/${LADDER}/versions`)).json<Versions>().versions;
    expect(versions.map((v) => v.version)).toEqual(['2026-02-01', '2027-01-01']);
    // Today (2026-11-26) the February version is in force; from 2027-01-01 the new one.
    expect((await app.inject(`/api/ladders/${LADDER}`)).json<Meta>().version).toBe('2026-02-01');
    expect((await app.inject(`/api/ladders/${LADDER}?at=2026-12-31`)).json<Meta>().version).toBe(
      '2026-02-01',
    );
    const next = (await app.inject(`/api/ladders/${LADDER}?at=2027-01-01`)).json<Active>();
    expect(next.version).toBe('2027-01-01');
    expect(next.document.levels[3]?.promotion?.min_months_at_level).toBe(24);
    expect((await app.inject(`/api/ladders/${LADDER}?at=2026-01-31`)).statusCode).toBe(404);
    const list = (await app.inject('/api/ladders')).json<List>().ladders[0];
    expect(list).toMatchObject({ versions: 2, active_version: '2026-02-01', latest_version: '2027-01-01' });
  });

  it('refuses to rewrite history: same date with other content, or an older date (409)', async () => {
    const sameDate = shipped.replace('version: 2026-02-01', 'version: 2027-01-01');
    const conflict = await app.inject(yaml(sameDate));
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json<ErrorBody>().message).toContain('already published with other content');
    const older = await app.inject(yaml(shipped.replace('version: 2026-02-01', 'version: 2026-06-01')));
    expect(older.statusCode).toBe(409);
    expect(older.json<ErrorBody>().message).toContain('older than the latest published version 2027-01-01');
  });

  it('lets a builder read the ladder but not publish one (403), and audits each publication', async () => {
    who.current.actor = builderActor('rosa@example.test');
    try {
      expect((await app.inject(`/api/ladders/${LADDER}/levels/L4`)).statusCode).toBe(200);
      const refused = await app.inject(yaml(shipped.replace('version: 2026-02-01', 'version: 2028-01-01')));
      expect(refused.statusCode).toBe(403);
    } finally {
      who.current.actor = leadership;
    }
    expect((await app.inject(`/api/ladders/${LADDER}/versions`)).json<Versions>().versions).toHaveLength(2);
    const audit = await selectAuditRows(getDb().db, { action: 'ladder.publish', limit: 10 });
    expect(audit.map((row) => [row.actor, (row.after as { version: string }).version]).sort()).toEqual([
      ['lead@example.test', '2026-02-01'],
      ['lead@example.test', '2027-01-01'],
    ]);
  });

  it('lets exactly one of two simultaneous publications of a new version win; the other gets 409', async () => {
    const next = shipped.replace('version: 2026-02-01', 'version: 2027-06-01');
    const other = next.replace('billing_tier: Premium+', 'billing_tier: Premium++');
    const responses = await Promise.all([app.inject(yaml(next)), app.inject(yaml(other))]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const versions = (await app.inject(`/api/ladders/${LADDER}/versions`)).json<Versions>().versions;
    expect(versions.filter((v) => v.version === '2027-06-01')).toHaveLength(1);
  });

  it('publishes the shipped files only into a database without ladders', async () => {
    expect(await publishShippedLaddersIfEmpty({ db: getDb().db, clock }, systemActor)).toEqual([]);
  });

  it('lists the ladder routes in the OpenAPI document', async () => {
    const paths = Object.keys(
      (await app.inject('/api/openapi.json')).json<{ paths: Record<string, unknown> }>().paths,
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/ladders',
        '/api/ladders/{id}',
        '/api/ladders/{id}/versions',
        '/api/ladders/{id}/levels/{level}',
      ]),
    );
  });
});
