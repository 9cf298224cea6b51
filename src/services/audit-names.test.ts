import { expect, it } from 'vitest';
import { leadership } from '../../test/helpers/actors.js';
import { forEachEngine } from '../../test/helpers/database.js';
import { fixedClock } from '../core/clock.js';
import { operatorActor, systemActor } from '../core/actor.js';
import { insertAccount } from '../db/repositories/accounts.repository.js';
import { listAuditNamed, recordAudit } from './audit.service.js';
import { createPerson } from './roster.service.js';

forEachEngine('audit entries name their people', (getDb) => {
  it('names the actor, an account by its person, and a person entity; operators and ids stay as written', async () => {
    const { db } = getDb();
    const deps = { db, clock: fixedClock('2026-11-01T09:00:00Z') };
    await createPerson(deps, systemActor, {
      email: 'lead@example.test',
      name: 'Lena Lead',
      role: 'leadership',
    });
    await createPerson(deps, systemActor, {
      email: 'ana.b@example.test',
      name: 'Ana Berg',
      role: 'leadership',
    });
    const at = new Date('2026-11-01T10:00:00Z');
    await insertAccount(db, {
      id: 'acc-9a22d5f6',
      email: 'ana.b@example.test',
      role: 'leadership',
      clientId: null,
      passwordHash: 'not a hash: this test never signs in',
      createdAt: at,
      passwordChangedAt: at,
      disabledAt: null,
      lastSignInAt: null,
      mustChangePassword: false,
    });
    await recordAudit(db, leadership, {
      action: 'account.disable',
      entity: 'account',
      entityId: 'acc-9a22d5f6',
      at,
    });
    await recordAudit(db, leadership, {
      action: 'builder.create',
      entity: 'builder',
      entityId: 'ana.b@example.test',
      at,
    });
    await recordAudit(db, operatorActor('ops'), {
      action: 'placement.end',
      entity: 'placement',
      entityId: 'p-1',
      at,
    });
    await recordAudit(db, leadership, {
      action: 'account.create',
      entity: 'account',
      entityId: 'acc-gone',
      at,
    });

    const rows = await listAuditNamed(db, leadership, { limit: 10 });
    const byAction = new Map(rows.map((row) => [row.action, row]));
    expect(byAction.get('account.disable')).toMatchObject({
      actor: 'lead@example.test',
      actorName: 'Lena Lead',
      entityPerson: { email: 'ana.b@example.test', name: 'Ana Berg' },
    });
    expect(byAction.get('builder.create')?.entityPerson).toEqual({
      email: 'ana.b@example.test',
      name: 'Ana Berg',
    });
    expect(byAction.get('placement.end')).toMatchObject({
      actor: 'operator:ops',
      actorName: null,
      entityPerson: null,
    });
    // An account id that matches no account names nobody (rather than a wrong person).
    expect(byAction.get('account.create')?.entityPerson).toBeNull();
  });
});
