import { beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../../test/helpers/database.js';
import { builderActor, clientStakeholder, leadership } from '../../test/helpers/actors.js';
import type { Actor } from '../core/actor.js';
import { fixedClock } from '../core/clock.js';
import { DomainError } from '../core/errors.js';
import { listClientBuilders } from './client-home.service.js';
import { createBuilder, createClient, createPlacement } from './roster.service.js';

const operator: Actor = { kind: 'operator', name: 'test' };
const clock = fixedClock('2026-03-01T10:00:00Z');
const rate = [{ since: '2024-01-01', rate_minor: 840_000, currency: 'USD' }];

forEachEngine('client home: the builders placed at the contact’s own client', (getDb) => {
  const deps = () => ({ db: getDb().db, clock });

  beforeAll(async () => {
    for (const [email, name] of [
      ['ana@example.test', 'Ana'],
      ['bo@example.test', 'Bo'],
      ['cy@example.test', 'Cy'],
    ] as const) {
      await createBuilder(deps(), operator, {
        email,
        name,
        track: 'ai-first-business-manager',
        levels: [{ level: 'L2', since: '2024-01-01' }],
        rates: rate,
      });
    }
    await createClient(deps(), operator, { id: 'northwind', name: 'Northwind' });
    await createClient(deps(), operator, { id: 'globex', name: 'Globex' });
    const placement = (id: string, builder: string, client: string, start: string, end: string | null) =>
      createPlacement(deps(), operator, {
        id,
        builder,
        client,
        start,
        end,
        rate_minor: 700_000,
        currency: 'USD',
        extended: false,
        requested_back: false,
      });
    // Bo's placement ended the day before "today"; Ana's ends today (its last working day: still placed).
    await placement('pl-ana', 'ana@example.test', 'northwind', '2025-06-01', '2026-03-01');
    await placement('pl-bo', 'bo@example.test', 'northwind', '2025-09-01', '2026-02-28');
    await placement('pl-cy', 'cy@example.test', 'globex', '2025-10-01', null);
  });

  it('lists only their client’s builders, current first, by name and without any rate', async () => {
    const builders = await listClientBuilders(deps(), clientStakeholder('northwind'));
    expect(builders).toEqual([
      {
        builder: 'ana@example.test',
        name: 'Ana',
        placement: 'pl-ana',
        start: '2025-06-01',
        end: '2026-03-01',
        active: true,
      },
      {
        builder: 'bo@example.test',
        name: 'Bo',
        placement: 'pl-bo',
        start: '2025-09-01',
        end: '2026-02-28',
        active: false,
      },
    ]);
    expect(JSON.stringify(builders)).not.toContain('rate');
    const other = await listClientBuilders(deps(), clientStakeholder('globex'));
    expect(other.map((b) => b.builder)).toEqual(['cy@example.test']);
  });

  it('a client contact without a client sees nobody', async () => {
    expect(await listClientBuilders(deps(), clientStakeholder('nowhere'))).toEqual([]);
    const noClient: Actor = {
      kind: 'person',
      email: 'x@example.test',
      role: 'client_stakeholder',
      clientId: null,
    };
    expect(await listClientBuilders(deps(), noClient)).toEqual([]);
  });

  it('refuses anyone who is not a client contact (the list is never someone else’s)', async () => {
    for (const actor of [leadership, builderActor('ana@example.test'), { kind: 'anonymous' } as Actor]) {
      const error = await listClientBuilders(deps(), actor).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('forbidden');
    }
  });
});
