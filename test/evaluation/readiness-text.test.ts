import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import { buildServices, type Services } from '../../src/services/composition-root.js';
import { importOrganisation } from '../../src/services/interchange/import.service.js';
import { publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { getReadiness, getReadinessText, referenceReadiness } from '../../src/services/readiness.service.js';
import { leadership } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

/**
 * `getReadinessText` (what the readiness route sends as is): the cold read's text is the stringified
 * reference answer, the warm read returns the stored text byte for byte, and `getReadiness` is its parse.
 */

const AT = '2026-02-15';
const clock = fixedClock(`${AT}T12:00:00Z`);
const EXAMPLE = path.resolve(import.meta.dirname, '../fixtures/example-org');
const ROSA = 'rosa@example.test';

forEachEngine('readiness as its JSON text', (getDb) => {
  let services: Services;

  beforeAll(async () => {
    services = buildServices({ database: getDb(), clock });
    await publishShippedLaddersIfEmpty(services, systemActor);
    await importOrganisation(services, systemActor, EXAMPLE);
  });

  it('cold: the reference answer stringified; warm: the same bytes; getReadiness parses them', async () => {
    const reference = JSON.stringify(await referenceReadiness(services, ROSA, AT));
    const cold = await getReadinessText(services, leadership, ROSA, AT);
    expect(cold).toBe(reference);
    const warm = await getReadinessText(services, leadership, ROSA, AT);
    expect(warm).toBe(cold);
    expect(await getReadiness(services, leadership, ROSA, AT)).toEqual(JSON.parse(cold));
    // Another day is its own answer (a line feed between stored texts would split them wrongly).
    const other = await getReadinessText(services, leadership, ROSA, '2025-08-01');
    expect(other).toBe(JSON.stringify(await referenceReadiness(services, ROSA, '2025-08-01')));
    expect(await getReadinessText(services, leadership, ROSA, AT)).toBe(cold);
  });
});
