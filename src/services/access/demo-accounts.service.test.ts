import { expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/database.js';
import { operatorActor } from '../../core/actor.js';
import { fixedClock } from '../../core/clock.js';
import { markDemoDatabase } from '../../db/repositories/demo.repository.js';
import { builders, clients, mentorships, people, placements } from '../../db/schema/roster.schema.js';
import { listAccounts, signIn } from './accounts.service.js';
import { DEMO_PASSWORD, describeDemoAccounts, ensureDemoAccounts } from './demo-accounts.service.js';

const domain = 'demo.ladder.test';

forEachEngine('demo accounts', (getDb) => {
  const clock = fixedClock('2026-11-26T12:00:00Z');
  const operator = operatorActor('demo');
  const options = { today: '2026-11-26', domain };

  it('creates nothing for an empty roster', async () => {
    expect(await ensureDemoAccounts({ db: getDb().db, clock }, operator, options)).toEqual([]);
    expect(describeDemoAccounts([])).toEqual([]);
  });

  it('gives leadership, a mentee, their builder mentor and a client contact accounts that sign in, once', async () => {
    const { db } = getDb();
    const services = { db, clock };
    const at = clock.now();
    const d = (name: string) => `${name}@${domain}`;
    await db.insert(people).values(
      [
        { email: d('zed'), name: 'Zed', role: 'leadership' },
        { email: d('amy'), name: 'Amy', role: 'leadership' },
        // A real person outside the demo domain: never given the public password.
        { email: 'boss@real.example', name: 'Boss', role: 'leadership' },
        { email: d('mia'), name: 'Mia', role: 'builder' },
        { email: d('kai'), name: 'Kai', role: 'builder' },
        { email: d('old'), name: 'Old', role: 'builder' },
        { email: `pm@gone.${domain}`, name: 'Gone PM', role: 'client_stakeholder' },
        { email: `pm@acme.${domain}`, name: 'Acme PM', role: 'client_stakeholder' },
      ].map((p) => ({ ...p, createdAt: at })),
    );
    await db.insert(builders).values([d('mia'), d('kai'), d('old')].map((email) => ({ email, track: 't' })));
    await db.insert(clients).values([
      { id: 'acme', name: 'Acme' },
      { id: 'gone', name: 'Gone' },
    ]);
    const placement = { rateMinor: 1, currency: 'EUR', extended: false, requestedBack: false };
    await db.insert(placements).values([
      {
        id: 'p1',
        builderEmail: d('kai'),
        clientId: 'gone',
        start: '2025-01-01',
        end: '2025-12-31',
        ...placement,
      },
      { id: 'p2', builderEmail: d('kai'), clientId: 'acme', start: '2026-01-01', end: null, ...placement },
    ]);
    await db.insert(mentorships).values([
      // Ended: not the demo pair. Led by leadership: not a builder mentor.
      { id: 'm0', mentorEmail: d('old'), menteeEmail: d('kai'), start: '2025-01-01', end: '2025-06-30' },
      { id: 'm1', mentorEmail: d('amy'), menteeEmail: d('mia'), start: '2025-02-01', end: null },
      { id: 'm2', mentorEmail: d('mia'), menteeEmail: d('kai'), start: '2026-03-01', end: null },
    ]);
    // Demo-domain people in a database not marked as the demo's (a real import that uses the domain):
    // nobody gets the published password.
    expect(await ensureDemoAccounts(services, operator, options)).toEqual([]);
    expect(await listAccounts(services, operator)).toEqual([]);
    await markDemoDatabase(db, at);
    const first = await ensureDemoAccounts(services, operator, options);
    expect(first).toEqual([
      { as: 'leadership', email: d('amy'), name: 'Amy', created: true },
      { as: 'builder', email: d('kai'), name: 'Kai', created: true },
      { as: 'mentor', email: d('mia'), name: 'Mia', created: true },
      { as: 'client', email: `pm@acme.${domain}`, name: 'Acme PM', created: true },
    ]);
    const lines = describeDemoAccounts(first).join('\n');
    expect(lines).toMatch(/as leadership +amy@demo\.ladder\.test +password: ladder-demo-2026/);
    expect(lines).toMatch(/as mentor +mia@demo\.ladder\.test/);
    const session = await signIn(services, { email: d('mia'), password: DEMO_PASSWORD, ip: '127.0.0.1' });
    expect(session.account.role).toBe('builder');
    const accounts = await listAccounts(services, operator);
    expect(accounts.find((a) => a.email === `pm@acme.${domain}`)).toMatchObject({ clientId: 'acme' });
    expect(accounts.map((a) => a.email)).not.toContain('boss@real.example');
    const again = await ensureDemoAccounts(services, operator, options);
    expect(again.map((a) => a.created)).toEqual([false, false, false, false]);
    expect(await listAccounts(services, operator)).toHaveLength(4);
  });
});
