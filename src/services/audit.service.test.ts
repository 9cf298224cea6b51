import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { builderActor, leadership } from '../../test/helpers/actors.js';
import { forEachEngine } from '../../test/helpers/database.js';
import { operatorActor } from '../core/actor.js';
import { listAudit, recordAudit, redactSecrets } from './audit.service.js';

forEachEngine('audit service', (getDb) => {
  it('records a write inside the caller’s transaction and lists it with filters, newest first', async () => {
    const { db } = getDb();
    await db.transaction(async (tx) => {
      await recordAudit(tx, leadership, {
        action: 'builder.create',
        entity: 'builder',
        entityId: 'b1',
        after: { id: 'b1', name: 'Ana' },
        at: new Date('2026-11-01T10:00:00Z'),
      });
      await recordAudit(tx, operatorActor('ops'), {
        action: 'builder.update',
        entity: 'builder',
        entityId: 'b1',
        before: { id: 'b1', name: 'Ana' },
        after: { id: 'b1', name: 'Ana B.' },
        at: new Date('2026-11-02T10:00:00Z'),
      });
    });
    const all = await listAudit(db, leadership, { entity: 'builder', entityId: 'b1' });
    expect(all.map((row) => row.action)).toEqual(['builder.update', 'builder.create']);
    expect(all[0]).toMatchObject({
      actor: 'operator:ops',
      before: { name: 'Ana' },
      after: { name: 'Ana B.' },
    });
    expect(await listAudit(db, leadership, { actor: 'lead@example.test' })).toHaveLength(1);
    expect(await listAudit(db, leadership, { from: '2026-11-02', entity: 'builder' })).toHaveLength(1);
    expect(await listAudit(db, leadership, { to: '2026-11-01', entity: 'builder' })).toHaveLength(1);
    expect(await listAudit(db, leadership, { to: '2026-10-31', entity: 'builder' })).toHaveLength(0);
  });

  it('writes nothing when the caller’s transaction rolls back', async () => {
    const { db } = getDb();
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, leadership, { action: 'x.create', entity: 'rolled_back', entityId: 1 });
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await listAudit(db, leadership, { entity: 'rolled_back' })).toEqual([]);
  });

  it('never stores credentials in before/after', async () => {
    const { db } = getDb();
    await recordAudit(db, leadership, {
      action: 'account.create',
      entity: 'account',
      entityId: 'a1',
      after: { email: 'a@x', passwordHash: '$argon2id$…', nested: { token: 'ldr_secret' } },
    });
    const [row] = await listAudit(db, leadership, { entity: 'account', entityId: 'a1' });
    expect(JSON.stringify(row?.after)).not.toMatch(/argon2id|ldr_secret/);
    expect(redactSecrets({ password: 'p' })).toEqual({ password: '[redacted]' });
  });

  it('refuses the log to anyone but leadership and the operator, and rejects bad filters by field', async () => {
    const { db } = getDb();
    await expect(listAudit(db, builderActor('b1'))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listAudit(db, operatorActor('ops'), { limit: 1 })).resolves.toHaveLength(1);
    await expect(listAudit(db, leadership, { from: 'yesterday' })).rejects.toThrow(/from/);
    await expect(listAudit(db, leadership, { limit: 0 })).rejects.toThrow(/limit/);
  });

  it('is append-only: the database refuses to change or delete an entry', async () => {
    const { db } = getDb();
    // drizzle wraps the database's error: the trigger's message is in `cause`.
    const refusal = async (statement: Promise<unknown>): Promise<string> =>
      statement.then(
        () => 'allowed',
        (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
      );
    expect(await refusal(db.execute(sql`update audit_log set actor = 'someone else'`))).toMatch(
      /append-only/,
    );
    expect(await refusal(db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`truncate audit_log`))).toMatch(/append-only/);
    expect((await listAudit(db, leadership, { limit: 500 })).length).toBeGreaterThan(0);
  });
});
