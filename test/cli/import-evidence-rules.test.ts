import { appendFile, cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { operatorActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import { DomainError } from '../../src/core/errors.js';
import { createCliContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';
import { countEvidence } from '../../src/db/repositories/evidence.repository.js';
import { createAccount } from '../../src/services/access/accounts.service.js';
import { importOrganisation } from '../../src/services/interchange/import.service.js';
import { forEachEngine } from '../helpers/database.js';

/**
 * The evidence rules of issue 14 in `ladder import`: an import is run by an operator, so the rules read
 * the names on each record — a correction's own `recorded_by` must be the original's recorder or a
 * leadership person — and every refusal is `file:line: column: problem (rule: …)`, nothing written.
 */

const EXAMPLE = path.resolve(import.meta.dirname, '../fixtures/example-org');
const operator = operatorActor('test');
const clock = fixedClock('2026-01-01T00:00:00Z');
const line = (record: Record<string, unknown>) => `${JSON.stringify(record)}\n`;

/** A copy of the example organisation with `extra` lines appended to evidence.ndjson (first extra = line 14). */
async function orgWith(extra: Record<string, unknown>[], clients?: string): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'ladder-rules-')), 'org');
  await cp(EXAMPLE, dir, { recursive: true });
  await appendFile(path.join(dir, 'evidence.ndjson'), extra.map(line).join(''));
  if (clients !== undefined) await writeFile(path.join(dir, 'clients.csv'), clients);
  return dir;
}

async function importErrors(deps: Parameters<typeof importOrganisation>[0], dir: string): Promise<string[]> {
  try {
    await importOrganisation(deps, operator, dir);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'import_failed')
      return (error.details as { errors: string[] }).errors;
    throw error;
  }
  throw new Error('the import was accepted');
}

const escalationFix = {
  id: 'ev-10-fix',
  kind: 'escalation',
  builder: 'rosa@example.test',
  date: '2020-01-01',
  recorded_by: 'rosa@example.test',
  client: 'northwind',
  summary: 'none',
  supersedes: 'ev-10',
};

forEachEngine('import: evidence rules', (getDb) => {
  const deps = () => ({ db: getDb().db, clock });

  it('refuses, in the same batch, the builder’s back-dated correction of leadership’s escalation', async () => {
    const errors = await importErrors(deps(), await orgWith([escalationFix]));
    expect(errors).toEqual([
      'evidence.ndjson:14: supersedes: ev-10-fix would correct ev-10, which head@example.test recorded; ' +
        'rosa@example.test may not (rule: a correction is made by whoever recorded the original, or by leadership)',
      'evidence.ndjson:14: date: ev-10-fix is dated 2020-01-01, before ev-10 (2025-09-02) which it corrects ' +
        '(rule: a correction is dated on or after the record it corrects)',
    ]);
    expect(await countEvidence(getDb().db)).toBe(0);
  });

  it('refuses a builder’s correction carrying the client’s confirmation of the original', async () => {
    const errors = await importErrors(
      deps(),
      await orgWith([
        {
          id: 'ev-1-fix',
          kind: 'decision',
          builder: 'rosa@example.test',
          date: '2025-04-03',
          recorded_by: 'rosa@example.test',
          confirmed_by: 'pm@northwind.example.test',
          type: 'scope_change',
          title: 'Ship route planner for two depots first',
          recommendation: '',
          data: '',
          client: 'northwind',
          client_response: 'adopted',
          outcome: '',
          significant: true,
          supersedes: 'ev-1',
        },
      ]),
    );
    expect(errors).toEqual([
      expect.stringMatching(
        /^evidence\.ndjson:14: confirmed_by: ev-1-fix is rosa@example\.test's own correction of ev-1; .*\(rule: a vouch does not carry over/,
      ),
    ]);
  });

  it('refuses client feedback dated before the builder was placed with the client', async () => {
    const errors = await importErrors(
      deps(),
      await orgWith([
        {
          id: 'fb-tom-early',
          kind: 'client_feedback',
          builder: 'tom@example.test',
          date: '2025-09-14',
          recorded_by: 'pm@northwind.example.test',
          client: 'northwind',
          rating: 2,
          text: '',
        },
      ]),
    );
    expect(errors).toEqual([
      "evidence.ndjson:14: date: fb-tom-early: tom@example.test was not placed with northwind on 2025-09-14 (rule: a client contact's record is about a builder placed with their client on its date)",
    ]);
  });

  it('accepts leadership’s correction dated on the original’s day, and a stored record’s rules hold on re-import', async () => {
    const fine = { ...escalationFix, recorded_by: 'head@example.test', date: '2025-09-02' };
    const summary = await importOrganisation(deps(), operator, await orgWith([fine]));
    expect(summary.created.evidence).toBe(14);
    // Against the stored ledger (the fix is no longer in the files): the builder may not correct it.
    const errors = await importErrors(
      deps(),
      await orgWith([{ ...escalationFix, id: 'ev-10-fix-2', date: '2025-09-05', supersedes: 'ev-10-fix' }]),
    );
    expect(errors).toEqual([
      expect.stringMatching(
        /^evidence\.ndjson:14: supersedes: ev-10-fix-2 would correct ev-10-fix, which head@example\.test recorded/,
      ),
    ]);
    expect(await countEvidence(getDb().db)).toBe(14);
  });

  it('reads the client a contact speaks for from their account', async () => {
    await createAccount(deps(), operator, {
      email: 'pm@northwind.example.test',
      role: 'client_stakeholder',
      clientId: 'northwind',
      password: 'correct horse battery staple 2026',
    });
    const errors = await importErrors(
      deps(),
      await orgWith(
        [
          {
            id: 'fb-acme',
            kind: 'client_feedback',
            builder: 'rosa@example.test',
            date: '2025-08-01',
            recorded_by: 'pm@northwind.example.test',
            client: 'acme',
            rating: 1,
            text: '',
          },
        ],
        'id,name\nnorthwind,Northwind Logistics\nacme,Acme\n',
      ),
    );
    expect(errors).toEqual([
      "evidence.ndjson:14: client: fb-acme names acme, but pm@northwind.example.test speaks for northwind (rule: a client contact's feedback and escalations name the client they speak for)",
    ]);
  });
});

// The CLI prints the same lines and exits 2 (one engine: the command opens a database of its own).
it('ladder import prints the rule refusals as file:line: column: problem', { timeout: 180_000 }, async () => {
  const dir = await orgWith([escalationFix]);
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const db = path.join(path.dirname(dir), 'db');
  const ctx = { ...createCliContext({ DATABASE_URL: `file:${db}` }), stdout: new PassThrough(), stderr };
  expect(await runCli(['import', dir], ctx)).toBe(2);
  expect(err).toMatch(/^evidence\.ndjson:14: supersedes: ev-10-fix would correct ev-10/m);
  expect(err).toMatch(/^evidence\.ndjson:14: date: ev-10-fix is dated 2020-01-01/m);
  expect(await readFile(path.join(dir, 'evidence.ndjson'), 'utf8')).toContain('ev-10-fix');
});
