import { beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/database.js';
import type { EvidenceRecord } from '../../core/evidence/evidence.schema.js';
import { insertEvidence, streamAllEvidence } from './evidence.repository.js';
import { insertBuilders } from './roster.repository.js';

const builder = 'ana@example.test';
const adr = (id: string, date: string): EvidenceRecord => ({
  id,
  kind: 'adr',
  builder,
  date,
  recorded_by: builder,
  recorded_at: '2026-01-01T00:00:00.000Z',
  confirmed_by: null,
  supersedes: null,
  title: id,
  status: 'accepted',
  link: '',
});

forEachEngine('evidence repository', (getDb) => {
  beforeAll(async () => {
    await insertBuilders(
      getDb().db,
      [
        {
          email: builder,
          name: 'Ana',
          track: 'ai-first-business-manager',
          level: 'L1',
          level_since: '2025-01-01',
          levels: [{ level: 'L1', since: '2025-01-01' }],
          rates: [{ since: '2025-01-01', rate_minor: 1, currency: 'USD' }],
        },
      ],
      new Date('2026-01-01T00:00:00Z'),
    );
    // Inserted out of order; ids that sort differently by locale and by code point ("B" < "a" in "C").
    await insertEvidence(getDb().db, [
      adr('e-2', '2025-02-01'),
      adr('a', '2025-02-01'),
      adr('B', '2025-02-01'),
      adr('e-10', '2025-02-01'),
      adr('z', '2025-01-15'),
      adr('c', '2025-03-01'),
      adr('e-1', '2025-02-01'),
    ]);
  });

  it.each([1, 2, 3, 7, 100])(
    'streams the whole ledger by date then id in code-point order, %i at a time',
    async (size) => {
      const seen: string[] = [];
      for await (const batch of streamAllEvidence(getDb().db, size)) {
        expect(batch.length).toBeLessThanOrEqual(size);
        seen.push(...batch.map((r) => r.id));
      }
      expect(seen).toEqual(['z', 'B', 'a', 'e-1', 'e-10', 'e-2', 'c']);
    },
  );

  it('reads a record back exactly as it was written', async () => {
    const all: EvidenceRecord[] = [];
    for await (const batch of streamAllEvidence(getDb().db)) all.push(...batch);
    expect(all.find((r) => r.id === 'c')).toEqual(adr('c', '2025-03-01'));
  });
});
