import path from 'node:path';
import { beforeAll, it } from 'vitest';
import { systemActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import { buildServices, type Services } from '../../src/services/composition-root.js';
import { readFile } from 'node:fs/promises';
import { importOrganisation } from '../../src/services/interchange/import.service.js';
import {
  decodeOrganisationFile,
  ORGANISATION_FILES,
  parseOrganisationFiles,
  type OrganisationFiles,
} from '../../src/services/interchange/org-files.js';
import { publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { forEachEngine } from '../helpers/database.js';
import {
  datesOfInterest,
  expectNoDifferences,
  LEVELS,
  rankingDifferences,
  readinessDifferences,
} from './exactness.js';

/**
 * Issue 15: over the example organisation (test/fixtures/example-org, the copy of ../shared/examples/org;
 * demo-organisation.test.ts: the demo one), every builder's maintained readiness and every level's maintained ranking
 * equal the full evaluation, at the dates where answers change (level starts, mentorships, placements,
 * evidence and correction dates and the days before them), today and a year on. The organisation is
 * written the way users write it (`ladder import`), so the triggers maintain what
 * the answers read exactly as in real use.
 */

const TODAY = '2026-02-15';
const clock = fixedClock(`${TODAY}T12:00:00Z`);
const EXAMPLE = path.resolve(import.meta.dirname, '../fixtures/example-org');

forEachEngine('maintained answers equal the reference: example organisation', (getDb) => {
  let services: Services;
  let emails: string[];
  let dates: string[];

  beforeAll(async () => {
    services = buildServices({ database: getDb(), clock });
    await publishShippedLaddersIfEmpty(services, systemActor);
    await importOrganisation(services, systemActor, EXAMPLE);
    // The same files parsed again, for the dates (the import itself streams them).
    const files: OrganisationFiles = {};
    for (const name of ORGANISATION_FILES) {
      const bytes = await readFile(path.join(EXAMPLE, name)).catch(() => undefined);
      if (bytes !== undefined) files[name] = decodeOrganisationFile(name, bytes);
    }
    const data = parseOrganisationFiles(files).data;
    emails = data.builders.map((b) => b.email).sort();
    // Small enough to ask at every interesting date.
    dates = datesOfInterest(data, TODAY);
  });

  // Three maintained reads and the reference per builder and date (exactness.ts): above vitest's 60 s
  // default on the shared 2-core machine.
  it(
    'readiness of every builder at every date where an answer can change',
    { timeout: 240_000 },
    async () => {
      expectNoDifferences(await readinessDifferences(services, emails, dates));
    },
  );

  it('ranking of every level at every such date', async () => {
    expectNoDifferences(await rankingDifferences(services, LEVELS, dates));
  });
});
