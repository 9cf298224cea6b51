import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';
import type { Actor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import { DomainError } from '../../src/core/errors.js';
import { validateLadderText } from '../../src/core/ladder/validate-ladder.js';
import { buildApp } from '../../src/server/app.js';
import { exportOrganisation } from '../../src/services/interchange/export.service.js';
import { importOrganisation } from '../../src/services/interchange/import.service.js';
import { asActor, leadership } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

/**
 * The bad-input corpus (issue 14): every case in test/fixtures/bad-input/ — API bodies and query
 * strings, CSV and NDJSON import files, YAML ladder files — is refused with a 400 (or an import problem
 * `file:line: column:`) naming its field, nothing is written (the organisation's export and the audit
 * log are the same before and after), nothing answers 500, and no SQL or parameter reaches the logs.
 */

const CORPUS = path.resolve(import.meta.dirname, '../fixtures/bad-input');
const EXAMPLE = path.resolve(import.meta.dirname, '../fixtures/example-org');
const operator: Actor = { kind: 'operator', name: 'bad-input corpus' };
const clock = fixedClock('2026-12-01T12:00:00Z');

interface ApiCase {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  body?: unknown;
  status: number;
  code: string;
  field: string;
}
interface ImportCase {
  name: string;
  files: Record<string, string>;
  files_base64?: Record<string, string>;
  expect: string[];
}
interface YamlCase {
  file?: string;
  name?: string;
  generate?: { text: string; times: number };
  line: number | null;
  message: string;
}

async function corpus<T>(name: string): Promise<T[]> {
  return JSON.parse(await readFile(path.join(CORPUS, name), 'utf8')) as T[];
}
const apiCases = await corpus<ApiCase>('api.json');
const importCases = await corpus<ImportCase>('import.json');
const yamlCases = await corpus<YamlCase>('yaml.json');

async function yamlSource(entry: YamlCase): Promise<string> {
  if (entry.generate !== undefined) return entry.generate.text.repeat(entry.generate.times);
  return readFile(path.join(CORPUS, 'yaml', entry.file ?? ''), 'utf8');
}
const yamlName = (entry: YamlCase): string => entry.file ?? entry.name ?? 'generated';

/** The SQL and the parameter dumps that must never reach a log line or an answer. */
const LEAK = /Failed query|params:|insert into|select .{0,200} from|update .{0,80} set|\\u0000/i;

it('has a corpus of about ninety cases covering every route family', () => {
  expect(apiCases.length + importCases.length + yamlCases.length).toBeGreaterThanOrEqual(90);
  const families = new Set(apiCases.map((c) => c.url.split(/[/?]/)[2]));
  for (const family of [
    'people',
    'builders',
    'clients',
    'placements',
    'mentorships',
    'evidence',
    'levels',
    'ladders',
    'cases',
    'payouts',
    'payouts.csv',
    'mentors',
    'checkins',
    'audit',
    'person-accounts',
    'analytics-projects',
    'auth',
    'accounts',
  ])
    expect(families, family).toContain(family);
});

forEachEngine('bad-input corpus', (getDb) => {
  let app: FastifyInstance;
  let work: string;
  const logs: string[] = [];
  let before: Record<string, string>;

  /** The organisation as its export files, plus the number of audit entries. */
  async function snapshot(): Promise<Record<string, string>> {
    const dir = await mkdtemp(path.join(work, 'export-'));
    await exportOrganisation({ db: getDb().db, clock }, operator, dir);
    const files: Record<string, string> = {};
    for (const name of await readdir(dir)) files[name] = await readFile(path.join(dir, name), 'utf8');
    await rm(dir, { recursive: true, force: true });
    const audit = await app.inject('/api/audit?limit=500');
    const entries = audit.json<{ entries: { id: number }[] }>().entries;
    files['(audit log)'] = `${entries.length} entries, newest ${entries[0]?.id ?? 'none'}`;
    return files;
  }

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'ladder-bad-input-'));
    await importOrganisation({ db: getDb().db, clock }, operator, EXAMPLE);
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    app = await buildApp(
      { database: getDb(), clock },
      { authenticate: asActor(leadership), logger: { level: 'trace', stream } },
    );
    await app.ready();
    before = await snapshot();
  });
  afterAll(async () => {
    await app.close();
    await rm(work, { recursive: true, force: true });
  });

  describe('API bodies and query strings', () => {
    it.each(apiCases.map((c) => [c.name, c] as const))('%s', async (_name, entry) => {
      const response = await app.inject({
        method: entry.method,
        url: entry.url,
        ...(entry.body === undefined ? {} : { payload: entry.body as object }),
      });
      const body = response.json<{ error: string; message: string; details?: unknown }>();
      expect({ status: response.statusCode, error: body.error }).toEqual({
        status: entry.status,
        error: entry.code,
      });
      const fields = Array.isArray(body.details)
        ? (body.details as { field?: string; path?: string }[]).map((d) => d.field ?? d.path)
        : [];
      expect(
        body.message.includes(entry.field) || fields.includes(entry.field),
        `${body.message} names ${entry.field}`,
      ).toBe(true);
      expect(response.body).not.toMatch(LEAK);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('import files', () => {
    it.each(importCases.map((c) => [c.name, c] as const))('%s', async (_name, entry) => {
      const dir = await mkdtemp(path.join(work, 'import-'));
      for (const [name, text] of Object.entries(entry.files)) await writeFile(path.join(dir, name), text);
      for (const [name, data] of Object.entries(entry.files_base64 ?? {}))
        await writeFile(path.join(dir, name), Buffer.from(data, 'base64'));
      const failure = await importOrganisation({ db: getDb().db, clock }, operator, dir).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(DomainError);
      const error = failure as DomainError;
      expect(error.code).toBe('import_failed');
      const lines = (error.details as { errors: string[] }).errors;
      for (const prefix of entry.expect)
        expect(
          lines.some((line) => line.startsWith(prefix)),
          `${lines.join('\n')} has ${prefix}`,
        ).toBe(true);
      expect(lines.join('\n')).not.toMatch(LEAK);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('ladder files (POST /api/ladders)', () => {
    it.each(yamlCases.map((c) => [yamlName(c), c] as const))('%s', async (_name, entry) => {
      const source = await yamlSource(entry);
      const response = await app.inject({
        method: 'POST',
        url: '/api/ladders',
        // A file over 1 MiB is over the body limit too: 413, never a 500.
        payload: { source },
      });
      const body = response.json<{ error: string; message: string; details?: { errors?: string[] } }>();
      if (source.length > 1_000_000) {
        expect(response.statusCode).toBe(413);
      } else {
        expect({ status: response.statusCode, error: body.error }).toEqual({
          status: 400,
          error: 'invalid_ladder',
        });
        expect(JSON.stringify(body)).toContain(entry.message);
        if (entry.line !== null) expect(JSON.stringify(body)).toContain(`"line":${entry.line},`);
      }
      expect(await snapshot()).toEqual(before);
    });
  });

  it('logged every refusal without SQL, parameters or a 500', () => {
    const text = logs.join('');
    expect(text).toContain('"statusCode":400');
    expect(text).not.toMatch(LEAK);
    expect(text).not.toContain('"statusCode":500');
    expect(text).not.toContain('unhandled error');
  });
});

describe('ladder files (validateLadderText and ladder ladder validate)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ladder-bad-yaml-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(yamlCases.map((c) => [yamlName(c), c] as const))('%s', async (_name, entry) => {
    const source = await yamlSource(entry);
    const result = validateLadderText(source, 'bad.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.message).toContain(entry.message);
    if (entry.line !== null) expect(result.problems[0]?.line).toBe(entry.line);

    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, source);
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await runCli(['ladder', 'validate', file], {
      ...createCliContext({ LADDER_OPERATOR: 'ops' }),
      stdout: new PassThrough(),
      stderr,
      clock,
    });
    expect(code).toBe(2);
    expect(err).toContain(entry.message);
    expect(err).toContain(`${file}:${entry.line ?? ''}`);
    expect(err).not.toContain('internal error');
  });

  it('refuses a ladder file that is not UTF-8 with its line and column', async () => {
    const file = path.join(dir, 'latin1.yaml');
    await writeFile(file, Buffer.concat([Buffer.from('ladder: x\nname: Jos'), Buffer.from([0xe9, 0x0a])]));
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await runCli(['ladder', 'validate', file], {
      ...createCliContext({ LADDER_OPERATOR: 'ops' }),
      stdout: new PassThrough(),
      stderr,
      clock,
    });
    expect(code).toBe(2);
    expect(err).toContain(`invalid_ladder: ${file}:2:10: not valid UTF-8 (byte 0xe9)`);
  });
});
