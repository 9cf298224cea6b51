import { expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/database.js';
import { operatorActor } from '../../core/actor.js';
import { fixedClock } from '../../core/clock.js';
import { listAudit } from '../audit.service.js';
import {
  SESSION_HOURS,
  authenticateApiToken,
  authenticateSession,
  createAccount,
  createApiToken,
  disableAccount,
  signIn,
} from './accounts.service.js';

const PASSWORD = 'twelve chars plus';
const T0 = Date.parse('2026-11-26T12:00:00Z');
const at = (minutes: number) => fixedClock(new Date(T0 + minutes * 60_000).toISOString());

forEachEngine('accounts service over time', (getDb) => {
  const services = (minutes = 0) => ({ db: getDb().db, clock: at(minutes) });

  it('ends a session after its lifetime', async () => {
    await createAccount(services(), operatorActor('t'), {
      email: 'sam@x.test',
      role: 'builder',
      password: PASSWORD,
    });
    const session = await signIn(services(), { email: 'sam@x.test', password: PASSWORD, ip: '10.0.0.1' });
    expect(await authenticateSession(services(SESSION_HOURS * 60 - 1), session.sessionToken)).not.toBeNull();
    expect(await authenticateSession(services(SESSION_HOURS * 60 + 1), session.sessionToken)).toBeNull();
  });

  it('stops an API token at its expiry, and refuses an expiry in the past', async () => {
    const session = await authenticateSession(
      services(),
      (await signIn(services(), { email: 'sam@x.test', password: PASSWORD, ip: '10.0.0.1' })).sessionToken,
    );
    const actor = session!.actor;
    const { token } = await createApiToken(services(), actor, {
      name: 'cron',
      expiresAt: new Date(T0 + 60 * 60_000),
    });
    expect(await authenticateApiToken(services(59), token)).toMatchObject({
      email: 'sam@x.test',
      role: 'builder',
    });
    expect(await authenticateApiToken(services(61), token)).toBeNull();
    await expect(
      createApiToken(services(), actor, { name: 'late', expiresAt: new Date(T0 - 1) }),
    ).rejects.toThrow(/expires_at/);
    expect(await authenticateApiToken(services(), 'ldr_not-a-real-token')).toBeNull();
    expect(await authenticateApiToken(services(), 'not even the prefix')).toBeNull();
  });

  it('acts with the token’s role when leadership makes a builder-scoped token', async () => {
    await createAccount(services(), operatorActor('t'), {
      email: 'lea@x.test',
      role: 'leadership',
      password: PASSWORD,
    });
    const lea = await signIn(services(), { email: 'lea@x.test', password: PASSWORD, ip: '10.0.0.2' });
    const actor = (await authenticateSession(services(), lea.sessionToken))!.actor;
    const { token } = await createApiToken(services(), actor, { name: 'read-only', role: 'builder' });
    expect(await authenticateApiToken(services(), token)).toMatchObject({
      role: 'builder',
      email: 'lea@x.test',
    });
  });

  it('disables an account: its session and token stop at once, sign-in is refused, the log says who did it', async () => {
    await createAccount(services(), operatorActor('t'), {
      email: 'gone@x.test',
      role: 'builder',
      password: PASSWORD,
    });
    const session = await signIn(services(), { email: 'gone@x.test', password: PASSWORD, ip: '10.3.3.3' });
    const actor = (await authenticateSession(services(), session.sessionToken))!.actor;
    const { token } = await createApiToken(services(), actor, { name: 'bot' });
    await disableAccount(services(1), operatorActor('rosa'), 'Gone@x.test');
    expect(await authenticateSession(services(2), session.sessionToken)).toBeNull();
    expect(await authenticateApiToken(services(2), token)).toBeNull();
    // The right password learns the account is disabled (and whom to ask); a wrong one learns nothing.
    await expect(
      signIn(services(2), { email: 'gone@x.test', password: PASSWORD, ip: '10.3.3.4' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/disabled/),
    });
    await expect(
      signIn(services(2), { email: 'gone@x.test', password: 'another passphrase', ip: '10.3.3.4' }),
    ).rejects.toMatchObject({
      code: 'unauthenticated',
      message: 'Wrong email or password',
    });
    await expect(disableAccount(services(3), operatorActor('rosa'), 'gone@x.test')).rejects.toMatchObject({
      code: 'invalid_state',
    });
    await expect(disableAccount(services(3), actor, 'sam@x.test')).rejects.toMatchObject({
      code: 'forbidden',
    });
    const [entry] = await listAudit(getDb().db, operatorActor('t'), { action: 'account.disable' });
    expect(entry).toMatchObject({ actor: 'operator:rosa', entity: 'account' });
  });
});
