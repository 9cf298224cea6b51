import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTierEnabled, startBrowserHarness, type ApiSession, type BrowserHarness } from './harness.js';
import { org, seedOrganisation } from './seed.js';

interface PointsBody {
  points: {
    total: number;
    summary: string[];
    competencies: {
      area: string;
      name: string;
      milestone: number;
      milestones: number;
      points: number;
      next: { milestone: number; gain: number } | null;
      assessment: { id: string } | null;
    }[];
  } | null;
}

const enabled = browserTierEnabled();
const dana = 'dana@example.test';
const example = path.resolve(import.meta.dirname, '../../ladders/examples/data-engineer-points.yaml');

describe.skipIf(!enabled)('the points card of a builder on the points-and-bands ladder, in Chromium', () => {
  let h: BrowserHarness;
  let lead: ApiSession;

  beforeAll(async () => {
    h = await startBrowserHarness({
      accounts: [
        { email: org.lead, role: 'leadership' },
        { email: dana, role: 'builder' },
      ],
    });
    lead = await h.api(org.lead);
    await lead.send('POST', '/api/ladders', { source: await readFile(example, 'utf8') });
    await seedOrganisation(lead, []);
    await lead.send('POST', '/api/builders', {
      email: dana,
      name: 'Dana Data',
      track: 'data-engineer',
      levels: [{ level: 'D2', since: '2025-06-01' }],
      rates: [{ since: '2025-06-01', rate_minor: 650_000, currency: 'EUR' }],
    });
    // Leadership assesses (ADR 0025: never the builder herself).
    for (const [id, competency, milestone] of [
      ['ma-1', 'pipelines', 3],
      ['ma-2', 'data-quality', 2],
      ['ma-3', 'data-modelling', 1],
    ] as const)
      await lead.send('POST', '/api/evidence', {
        id,
        kind: 'milestone_assessment',
        builder: dana,
        date: '2026-01-15',
        competency,
        milestone,
        note: 'Seen over the quarter',
      });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('shows the builder her points, band and each assessed competency as the API answers them', async () => {
    const answer = (await lead.get<PointsBody>(`/api/builders/${dana}/points`)).points;
    expect(answer).not.toBeNull();
    if (answer === null) return;
    // 6 (pipelines at 3) + 3 (data quality at 2) + 1 (data modelling at 1).
    expect(answer.total).toBe(10);
    const { page, context } = await h.newPage();
    await h.signIn(page, dana);
    await page.goto('/path');
    const card = page.locator('#points');
    await card.getByRole('table').waitFor();
    for (const line of answer.summary) await card.getByText(line, { exact: true }).waitFor();
    const rows = await card
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
    expect(rows.map((cells) => [cells[0], cells[2]])).toEqual(
      answer.competencies.map((c) => [c.name, String(c.points)]),
    );
    const pipelines = answer.competencies.find((c) => c.area === 'pipelines');
    const shown = rows.find((cells) => cells[0] === pipelines?.name);
    expect(shown?.[1]).toMatch(new RegExp(`^${pipelines?.milestone} of ${pipelines?.milestones}`));
    expect(shown?.[3]).toBe(
      pipelines?.next === null ? 'the last' : `${pipelines?.next?.milestone}: +${pipelines?.next?.gain}`,
    );
    await h.screenshot(page, 'points-card-builder');
    await context.close();
  });
});
