import { expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/database.js';
import { operatorActor } from '../../core/actor.js';
import { fixedClock } from '../../core/clock.js';
import { builders, mentorships, people } from '../../db/schema/roster.schema.js';
import { listAccounts, signIn } from './accounts.service.js';
import { DEMO_PASSWORD, describeDemoAccounts, ensureDemoAccounts } from './demo-accounts.service.js';

forEachEngine('demo accounts', (getDb) => {
  const clock = fixedClock('2026-11-26T12:00:00Z');
  const operator = operatorActor('demo');

  it('creates nothing for an empty roster', async () => {
    const services = { db: getDb().db, clock };
    expect(await ensureDemoAccounts(services, operator, { today: '2026-11-26' })).toEqual([]);
    expect(describeDemoAccounts([])).toEqual([]);
  });

  it('gives leadership, a mentee and their builder mentor accounts that sign in, once', async () => {
    const { db } = getDb();
    const services = { db, clock };
    const at = clock.now();
    await db.insert(people).values(
      [
        { email: 'zed@org.test', name: 'Zed', role: 'leadership' },
        { email: 'amy@org.test', name: 'Amy', role: 'leadership' },
        { email: 'mia@org.test', name: 'Mia', role: 'builder' },
        { email: 'kai@org.test', name: 'Kai', role: 'builder' },
        { email: 'old@org.test', name: 'Old', role: 'builder' },
      ].map((p) => ({ ...p, createdAt: at })),
    );
    await db
      .insert(builders)
      .values(['mia@org.test', 'kai@org.test', 'old@org.test'].map((email) => ({ email, track: 't' })));
    await db.insert(mentorships).values([
      // Ended: not the demo pair. Led by leadership: not a builder mentor.
      {
        id: 'm0',
        mentorEmail: 'old@org.test',
        menteeEmail: 'kai@org.test',
        start: '2025-01-01',
        end: '2025-06-30',
      },
      { id: 'm1', mentorEmail: 'amy@org.test', menteeEmail: 'mia@org.test', start: '2025-02-01', end: null },
      { id: 'm2', mentorEmail: 'mia@org.test', menteeEmail: 'kai@org.test', start: '2026-03-01', end: null },
    ]);
    const first = await ensureDemoAccounts(services, operator, { today: '2026-11-26' });
    expect(first).toEqual([
      { as: 'leadership', email: 'amy@org.test', name: 'Amy', created: true },
      { as: 'builder', email: 'kai@org.test', name: 'Kai', created: true },
      { as: 'mentor', email: 'mia@org.test', name: 'Mia', created: true },
    ]);
    const lines = describeDemoAccounts(first).join('\n');
    expect(lines).toMatch(/as leadership +amy@org\.test +password: ladder-demo-2026/);
    expect(lines).toMatch(/as mentor +mia@org\.test/);
    const session = await signIn(services, {
      email: 'mia@org.test',
      password: DEMO_PASSWORD,
      ip: '127.0.0.1',
    });
    expect(session.account.role).toBe('builder');
    const again = await ensureDemoAccounts(services, operator, { today: '2026-11-26' });
    expect(again.map((a) => a.created)).toEqual([false, false, false]);
    expect(describeDemoAccounts(again).join('\n')).not.toContain(DEMO_PASSWORD);
    expect(await listAccounts(services, operator)).toHaveLength(3);
  });
});
