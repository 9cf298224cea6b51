import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.js';
import { fixedClock } from '../../core/clock.js';
import { DomainError } from '../../core/errors.js';
import { listEvidence } from '../evidence.service.js';
import { createTeam, TEAM } from '../../../test/factories/integrations-world.js';
import { forEachEngine } from '../../../test/helpers/database.js';
import { linkPersonAccount } from './accounts.service.js';
import { importAdrs } from './adr-import.service.js';
import { listSources } from './sources.service.js';

const clock = fixedClock('2026-03-10T12:00:00Z');
const REPO = 'https://github.com/acme/shop/blob/main/docs/adr';

const NYGARD = `# 1. Record architecture decisions

Date: 2025-03-04

## Status

Accepted

## Context

We need to record the architectural decisions made on this project.

## Decision

We will use Architecture Decision Records, as described by Michael Nygard.

## Consequences

See Michael Nygard's article.
`;

const MADR = (status: string) => `---
status: ${status}
date: 2025-04-10
deciders: [rosa-gh, Somebody Else]
---
# Use PostgreSQL for the order store

## Context and Problem Statement

Orders need transactions.

## Decision Outcome

Chosen option: "PostgreSQL".
`;

const MADR2 = `# ADR-0003: Feature flags in the database

* Status: superseded by [ADR-0005](0005-flags-service.md)
* Deciders: Ana
* Date: 2025-05-01

## Context and Problem Statement

Flags change without a deploy.
`;

let root: string;
let adrDir: string;

function git(...args: string[]): void {
  execFileSync('git', ['-C', root, ...args], {
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Tom',
      GIT_AUTHOR_EMAIL: 'Tom@Example.test',
      GIT_COMMITTER_NAME: 'Tom',
      GIT_COMMITTER_EMAIL: 'tom@example.test',
      GIT_AUTHOR_DATE: '2025-03-05T10:00:00Z',
    },
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ladder-adr-'));
  adrDir = join(root, 'docs', 'adr');
  await mkdir(adrDir, { recursive: true });
  await writeFile(join(adrDir, '0001-record-architecture-decisions.md'), NYGARD);
  await writeFile(join(adrDir, '0002-use-postgresql.md'), MADR('accepted'));
  await writeFile(join(adrDir, '0003-feature-flags.md'), MADR2);
  await writeFile(join(adrDir, 'README.md'), '# Decisions\n\nAn index.\n');
  await writeFile(join(adrDir, 'template.md'), '# Title\n\n## Status\n\nWhat?\n');
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'ADRs');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

forEachEngine('ADR import', (getDb) => {
  const deps = () => ({ db: getDb().db, clock });
  const adrs = async () =>
    (await listEvidence(deps(), systemActor, { kind: 'adr' }, { limit: 100 })).items.map((r) =>
      r.kind === 'adr'
        ? {
            id: r.id,
            builder: r.builder,
            date: r.date,
            title: r.title,
            status: r.status,
            link: r.link,
            supersedes: r.supersedes,
          }
        : r,
    );

  beforeAll(async () => {
    // The folder is shared by the engines: each starts from the original text.
    await writeFile(join(adrDir, '0002-use-postgresql.md'), MADR('accepted'));
    await createTeam(deps());
    await linkPersonAccount(deps(), systemActor, {
      provider: 'github',
      account: 'Rosa-GH',
      person: TEAM.rosa,
    });
  });

  it('imports Nygard and MADR files with titles, statuses and authors from deciders or the first commit', async () => {
    const summary = await importAdrs(deps(), systemActor, adrDir, { repoUrl: `${REPO}/` });
    expect(summary).toMatchObject({ files: 3, created: 3, corrected: 0, unchanged: 0 });
    const records = await adrs();
    expect(records.map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        builder: TEAM.tom, // nobody decided in the file: the author of the commit that added it
        date: '2025-03-04',
        title: 'Record architecture decisions',
        status: 'accepted',
        link: `${REPO}/0001-record-architecture-decisions.md`,
        supersedes: null,
      },
      {
        builder: TEAM.rosa, // first decider, a GitHub login mapped to Rosa
        date: '2025-04-10',
        title: 'Use PostgreSQL for the order store',
        status: 'accepted',
        link: `${REPO}/0002-use-postgresql.md`,
        supersedes: null,
      },
      {
        builder: TEAM.ana, // MADR 2 bullet, by name
        date: '2025-05-01',
        title: 'Feature flags in the database',
        status: 'superseded',
        link: `${REPO}/0003-feature-flags.md`,
        supersedes: null,
      },
    ]);
  });

  it('adds nothing on a second import, and a correction when a status changed', async () => {
    expect(await importAdrs(deps(), systemActor, adrDir, { repoUrl: REPO })).toMatchObject({
      created: 0,
      corrected: 0,
      unchanged: 3,
    });
    expect(await adrs()).toHaveLength(3);
    await writeFile(join(adrDir, '0002-use-postgresql.md'), MADR('deprecated'));
    expect(await importAdrs(deps(), systemActor, adrDir, { repoUrl: REPO })).toMatchObject({
      created: 0,
      corrected: 1,
      unchanged: 2,
    });
    const after = await adrs();
    expect(after).toHaveLength(4);
    const original = after.find(
      (r) => 'link' in r && r.link.endsWith('0002-use-postgresql.md') && r.supersedes === null,
    );
    expect(after.find((r) => r.supersedes !== null)).toMatchObject({
      status: 'deprecated',
      builder: TEAM.rosa,
      supersedes: original?.id,
    });
    expect(await importAdrs(deps(), systemActor, adrDir, { repoUrl: REPO })).toMatchObject({ unchanged: 3 });
    const sources = await listSources(deps(), systemActor);
    expect(sources).toContainEqual(
      expect.objectContaining({
        source: `adr:${REPO}`,
        kind: 'adr',
        counts: { files: 3, created: 0, corrected: 0, unchanged: 3 },
        cursor: { commit: expect.stringMatching(/^[0-9a-f]{40}$/) },
      }),
    );
  });

  it('rejects a folder with an unknown status or no known author, naming file and field, writing nothing', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'ladder-adr-bad-'));
    try {
      await writeFile(join(bad, '0001-a.md'), NYGARD.replace('Accepted', 'Maybe later'));
      await writeFile(
        join(bad, '0002-b.md'),
        MADR('accepted').replace('rosa-gh, Somebody Else', 'Nobody Known'),
      );
      const error = await importAdrs(deps(), systemActor, bad, { repoUrl: 'https://example.test/x' }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).details).toEqual({
        errors: [
          `${join(bad, '0001-a.md')}: status: unknown status "Maybe later"; expected one of: proposed, accepted, rejected, deprecated, superseded (or draft)`,
          `${join(bad, '0002-b.md')}: author: no builder of the roster found (deciders: Nobody Known; no git history); map the login or name the decider`,
        ],
      });
      expect(await adrs()).toHaveLength(4);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });
});
