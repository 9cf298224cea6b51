import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { captureCli } from '../helpers/capture-cli.js';
import { fixedClock } from '../../src/core/clock.js';
import { openDatabase } from '../../src/db/connection.js';
import { runMigrations } from '../../src/db/migrate.js';
import { createTeam } from '../factories/integrations-world.js';
import { ACME_SHOP } from '../fixtures/github/acme-shop.js';
import { startReplayServer, type ReplayServer } from '../helpers/github-replay-server.js';

describe(
  'ladder accounts / import analytics|adr|github / sync github / sources',
  { timeout: 180_000 },
  () => {
    let dir: string;
    let env: NodeJS.ProcessEnv;
    let server: ReplayServer;
    const run = async (...argv: string[]) => {
      const cli = captureCli(env);
      const code = await runCli(argv, cli.ctx);
      return { code, out: cli.out(), err: cli.err() };
    };

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'ladder-integrations-cli-'));
      env = { DATABASE_URL: `file:${path.join(dir, 'db')}`, LADDER_OPERATOR: 'test' };
      const handle = await openDatabase({ engine: 'pglite', dataDir: path.join(dir, 'db') });
      await runMigrations(handle);
      await createTeam({ db: handle.db, clock: fixedClock('2026-02-01T00:00:00Z') });
      await handle.close();
      server = await startReplayServer({ 'acme/shop': ACME_SHOP });
    });
    afterAll(async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('imports accounts.csv all or nothing, naming file:line: column', async () => {
      const bad = path.join(dir, 'bad-accounts.csv');
      await writeFile(
        bad,
        'provider,account,owner\ngithub,rosa-dev,rosa@example.test\ngitlab,x,y\ngithub,tomh,nobody@example.test\n',
      );
      const refused = await run('import', 'accounts', bad);
      expect(refused.code).toBe(2);
      expect(refused.err).toContain(`${bad}:3: provider: expected one of: github, posthog, mixpanel`);
      expect(refused.err).toContain(`${bad}:4: owner: unknown person nobody@example.test`);
      expect((await run('accounts')).out).toBe('');

      const good = path.join(dir, 'accounts.csv');
      await writeFile(
        good,
        'provider,account,owner\ngithub,rosa-dev,rosa@example.test\ngithub,TomH,tom@example.test\nposthog,ph-42,northwind\n',
      );
      expect((await run('import', 'accounts', good)).out).toMatch(/linked 3, unchanged 0/);
      expect((await run('import', 'accounts', good)).out).toMatch(/linked 0, unchanged 3/);
      expect((await run('accounts', 'link-github', 'ana-b', 'ana@example.test')).code).toBe(0);
      expect((await run('accounts')).out).toBe(
        'github\tana-b\tana@example.test\ngithub\trosa-dev\trosa@example.test\ngithub\ttomh\ttom@example.test\nposthog\tph-42\tnorthwind\n',
      );
    });

    it('syncs GitHub through GITHUB_API_URL, then imports the same data from saved JSON without duplicates', async () => {
      process.env.GITHUB_API_URL = server.url;
      try {
        const first = await run('sync', 'github', '--repo', 'acme/shop', '--since', '2025-12-01');
        expect(first.err).toBe('');
        expect(first.out).toMatch(
          /acme\/shop: 3 pull requests, 6 reviews seen \(1 by unmapped logins\); recorded 4 code reviews, 4 citations/,
        );
        const again = await run('sync', 'github', '--repo', 'acme/shop');
        expect(again.out).toMatch(/recorded 0 code reviews, 0 citations; cursor 2026-01-20T10:00:00Z/);
      } finally {
        delete process.env.GITHUB_API_URL;
      }
      const saved = path.join(dir, 'github', 'acme', 'shop');
      await mkdir(path.join(saved, 'pulls', '11'), { recursive: true });
      await writeFile(path.join(saved, 'pulls.json'), JSON.stringify(ACME_SHOP.pulls));
      await writeFile(path.join(saved, 'pulls', '11', 'reviews.json'), JSON.stringify(ACME_SHOP.reviews[11]));
      const imported = await run('import', 'github', path.join(dir, 'github'));
      expect(imported.out).toMatch(/recorded 0 code reviews, 0 citations/);
      expect((await run('sync', 'github', '--repo', 'not a repo')).err).toMatch(
        /--repo: expected owner\/name/,
      );
    });

    it('imports an analytics export and an ADR folder, and lists every source', async () => {
      const file = path.join(dir, 'events.ndjson');
      await writeFile(
        file,
        `${JSON.stringify({ event: 'checkout_started', timestamp: '2026-01-21T10:00:00Z', properties: {} })}\n` +
          `${JSON.stringify({ event: 'checkout_started', properties: { time: 1769000000 } })}\n`,
      );
      const analytics = await run('import', 'analytics', file, '--project', 'ph-42');
      expect(analytics.out).toContain(
        '2 events (1 PostHog, 1 Mixpanel), 1 distinct, 1 event-days from 2026-01-21 to 2026-01-21 into project ph-42',
      );
      const adrs = path.join(dir, 'adr');
      await mkdir(adrs);
      await writeFile(
        path.join(adrs, '0001-use-flags.md'),
        '---\nstatus: accepted\ndate: 2026-01-19\ndeciders: rosa-dev\n---\n# Use feature flags\n\n## Context and Problem Statement\n\nx\n',
      );
      const adr = await run(
        'import',
        'adr',
        adrs,
        '--repo-url',
        'https://github.com/acme/shop/blob/main/docs/adr',
      );
      expect(adr.out).toContain('created\taccepted\trosa@example.test\tUse feature flags');
      const sources = await run('sources');
      expect(
        sources.out
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split('\t').slice(0, 2)),
      ).toEqual([
        ['adr:https://github.com/acme/shop/blob/main/docs/adr', 'ok'],
        ['analytics:ph-42', 'ok'],
        ['github:acme/shop', 'ok'],
      ]);
      const json = JSON.parse((await run('sources', '--json')).out) as {
        source: string;
        counts: Record<string, number>;
      }[];
      expect(json.find((s) => s.source === 'analytics:ph-42')?.counts).toEqual({
        events: 2,
        distinct_events: 1,
        event_days: 1,
      });
    });
  },
);
