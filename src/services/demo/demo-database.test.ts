import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../../../test/helpers/database.js';
import { operatorActor, systemActor } from '../../core/actor.js';
import { fixedClock } from '../../core/clock.js';
import { countEvidence } from '../../db/repositories/evidence.repository.js';
import { listAllPeople } from '../../db/repositories/roster.repository.js';
import { listAccounts } from '../access/accounts.service.js';
import { ensureDemoAccounts } from '../access/demo-accounts.service.js';
import { DEMO_DATABASE_REFUSAL, importOrganisation } from '../interchange/import.service.js';
import { demoStatus } from './demo-database.service.js';
import { loadDemoIfEmpty } from './demo-loader.service.js';
import { DEMO_DOMAIN } from './demo-organisation.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../../test/fixtures/example-org');
const clock = fixedClock('2026-11-26T08:00:00Z');
const operator = operatorActor('rosa');
const accountsOptions = { today: '2026-11-26', domain: DEMO_DOMAIN };

for (const engine of testEngines()) {
  describe(`demo data never mixes with an organisation's [${engine}]`, () => {
    let demo: TestDatabase;
    let real: TestDatabase;
    beforeAll(async () => {
      [demo, real] = await Promise.all([createTestDatabase(engine), createTestDatabase(engine)]);
    });
    afterAll(async () => {
      await Promise.all([demo.destroy(), real.destroy()]);
    });

    it('marks the database as the demo’s when the demo loads, and only then', async () => {
      expect(await demoStatus({ db: demo.db })).toEqual({ demo: false, loadedAt: null });
      await loadDemoIfEmpty({ db: demo.db, clock }, systemActor, { builders: 6, recordsPerBuilder: 5 });
      expect(await demoStatus({ db: demo.db })).toEqual({ demo: true, loadedAt: '2026-11-26T08:00:00.000Z' });
      expect(await ensureDemoAccounts({ db: demo.db, clock }, systemActor, accountsOptions)).not.toEqual([]);
    });

    it('refuses to import a real organisation into the demo, saying how to start a real one, writing nothing', async () => {
      const people = (await listAllPeople(demo.db)).length;
      const evidence = await countEvidence(demo.db);
      const refusal = importOrganisation({ db: demo.db, clock }, operator, EXAMPLE);
      await expect(refusal).rejects.toMatchObject({ code: 'invalid_state', message: DEMO_DATABASE_REFUSAL });
      await expect(refusal).rejects.toThrow(/DATABASE_URL.*--no-demo/);
      expect((await listAllPeople(demo.db)).length).toBe(people);
      expect(await countEvidence(demo.db)).toBe(evidence);
    });

    it('keeps a real organisation’s database unmarked: no demo load, no demo accounts, no demo on top', async () => {
      await importOrganisation({ db: real.db, clock }, operator, EXAMPLE);
      expect(await demoStatus({ db: real.db })).toEqual({ demo: false, loadedAt: null });
      expect(await loadDemoIfEmpty({ db: real.db, clock }, systemActor)).toBeNull();
      expect(await ensureDemoAccounts({ db: real.db, clock }, systemActor, accountsOptions)).toEqual([]);
      expect(await listAccounts({ db: real.db, clock }, operator)).toEqual([]);
      // Re-importing the real organisation still works: the refusal is about the demo only.
      await expect(importOrganisation({ db: real.db, clock }, operator, EXAMPLE)).resolves.toBeDefined();
    });
  });
}
