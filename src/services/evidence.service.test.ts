import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../../test/helpers/database.js';
import type { Actor } from '../core/actor.js';
import { fixedClock } from '../core/clock.js';
import { DomainError } from '../core/errors.js';
import { getEvidence, listEvidence, recordEvidence } from './evidence.service.js';
import { createBuilder, createClient, createPerson, getBuilder } from './roster.service.js';

const operator: Actor = { kind: 'operator', name: 'test' };
const clock = fixedClock('2026-03-01T10:00:00Z');
const rosa = 'rosa@example.test';
const tom = 'tom@example.test';
const pm = 'pm@northwind.example.test';

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

forEachEngine('evidence service', (getDb) => {
  const deps = () => ({ db: getDb().db, clock });

  beforeAll(async () => {
    const rate = [{ since: '2024-01-01', rate_minor: 840000, currency: 'USD' }];
    await createBuilder(deps(), operator, {
      email: rosa,
      name: 'Rosa',
      track: 'ai-first-business-manager',
      levels: [
        { level: 'L3', since: '2023-05-01' },
        { level: 'L4', since: '2025-02-03' },
      ],
      rates: rate,
    });
    await createBuilder(deps(), operator, {
      email: tom,
      name: 'Tom',
      track: 'ai-first-business-manager',
      levels: [{ level: 'L1', since: '2025-06-16' }],
      rates: rate,
    });
    await createPerson(deps(), operator, { email: pm, name: 'Ola', role: 'client_stakeholder' });
    await createClient(deps(), operator, { id: 'northwind', name: 'Northwind' });
  });

  it('stores a builder with both histories and reads dates back as calendar dates', async () => {
    const builder = await getBuilder(deps(), operator, 'ROSA@example.test');
    expect(builder).toMatchObject({ email: rosa, level: 'L4', level_since: '2025-02-03' });
    // Each step read back in its track (given without one: the builder's, ADR 0030).
    expect(builder.levels).toEqual([
      { level: 'L3', since: '2023-05-01', track: 'ai-first-business-manager' },
      { level: 'L4', since: '2025-02-03', track: 'ai-first-business-manager' },
    ]);
    expect(builder.rates).toEqual([{ since: '2024-01-01', rate_minor: 840000, currency: 'USD' }]);
  });

  it('records a decision with recorded_at from the clock and reads it back unchanged', async () => {
    const record = await recordEvidence(deps(), operator, {
      id: 'ev-1',
      kind: 'decision',
      builder: rosa,
      date: '2025-04-02',
      recorded_by: rosa,
      type: 'scope_change',
      title: 'Pilot',
      recommendation: 'r',
      data: 'd',
      client: 'northwind',
      client_response: 'adopted',
      confirmed_by: pm,
      outcome: '',
      significant: true,
    });
    expect(record.recorded_at).toBe('2026-03-01T10:00:00.000Z');
    expect(await getEvidence(deps(), operator, 'ev-1')).toEqual(record);
  });

  it('refuses an existing id: corrections are new records', async () => {
    const error = await failure(
      recordEvidence(deps(), operator, {
        id: 'ev-1',
        kind: 'checkin',
        builder: rosa,
        date: '2025-04-03',
        recorded_by: rosa,
        mentee: tom,
      }),
    );
    expect(error.code).toBe('conflict');
  });

  it('accepts one correction and refuses a second correction of the same record', async () => {
    const base = {
      kind: 'decision',
      builder: rosa,
      date: '2025-05-01',
      recorded_by: rosa,
      type: 'scope_change',
      title: 'Pilot',
      recommendation: 'r',
      data: 'd',
      client: 'northwind',
      client_response: 'rejected',
      outcome: '',
      significant: false,
    };
    await recordEvidence(deps(), operator, { ...base, id: 'ev-1b', supersedes: 'ev-1' });
    const error = await failure(
      recordEvidence(deps(), operator, { ...base, id: 'ev-1c', supersedes: 'ev-1' }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(/supersedes: ev-1 is already corrected by ev-1b/);
  });

  it('names the unknown reference and writes nothing', async () => {
    const error = await failure(
      recordEvidence(deps(), operator, {
        id: 'ev-x',
        kind: 'client_feedback',
        builder: rosa,
        date: '2025-04-03',
        recorded_by: pm,
        client: 'acme',
        rating: 4,
        text: '',
      }),
    );
    expect(error.message).toBe('evidence: client: unknown client acme');
    expect(
      (await listEvidence(deps(), operator, { builder: rosa }, {})).items.map((r) => r.id),
    ).not.toContain('ev-x');
  });

  it("does not let a builder record in someone else's name", async () => {
    const asRosa: Actor = { kind: 'person', email: rosa, role: 'builder' };
    const error = await failure(
      recordEvidence(deps(), asRosa, {
        kind: 'client_feedback',
        builder: rosa,
        date: '2025-04-03',
        recorded_by: pm,
        client: 'northwind',
        rating: 5,
        text: '',
      }),
    );
    expect(error.code).toBe('forbidden');
    const own = await recordEvidence(deps(), asRosa, {
      kind: 'code_review',
      builder: rosa,
      date: '2025-04-04',
      link: 'https://x.test/1',
      lesson: '',
    });
    expect(own.recorded_by).toBe(rosa);
    expect(own.id).toMatch(/^ev-/);
  });

  it('lists with filters and paging', async () => {
    const page = await listEvidence(deps(), operator, { builder: rosa, kind: 'decision' }, { limit: 1 });
    expect(page.total).toBe(2);
    expect(page.items.map((r) => r.id)).toEqual(['ev-1']);
    const next = await listEvidence(
      deps(),
      operator,
      { builder: rosa, kind: 'decision' },
      { limit: 1, offset: 1 },
    );
    expect(next.items.map((r) => r.id)).toEqual(['ev-1b']);
    expect(
      (await listEvidence(deps(), operator, { from: '2025-05-01', to: '2025-05-01' }, {})).items.map(
        (r) => r.id,
      ),
    ).toEqual(['ev-1b']);
  });

  it('is append-only in the database itself: updates, deletes and truncation are refused', async () => {
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => 'allowed',
        (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
      );
    const db = getDb().db;
    expect(await refusal(db.execute(sql`update evidence set date = '2020-01-01'`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`delete from evidence`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`truncate evidence`))).toMatch(/append-only/);
    expect((await getEvidence(deps(), operator, 'ev-1')).date).toBe('2025-04-02');
  });

  it('lets only one of two simultaneous corrections of a record through, with a domain error for the other', async () => {
    const original = {
      kind: 'adr',
      builder: rosa,
      date: '2025-06-01',
      recorded_by: rosa,
      title: 'Queue',
      status: 'proposed',
      link: '',
    };
    await recordEvidence(deps(), operator, { ...original, id: 'race-0' });
    const results = await Promise.allSettled([
      recordEvidence(deps(), operator, {
        ...original,
        id: 'race-1',
        status: 'accepted',
        supersedes: 'race-0',
      }),
      recordEvidence(deps(), operator, {
        ...original,
        id: 'race-2',
        status: 'rejected',
        supersedes: 'race-0',
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(DomainError);
    expect(['conflict', 'validation_failed']).toContain(
      refused?.status === 'rejected' && (refused.reason as DomainError).code,
    );
  });
});
