import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/database.js';
import { operatorActor } from '../../core/actor.js';
import { fixedClock } from '../../core/clock.js';
import { openDatabase, type DatabaseHandle } from '../../db/connection.js';
import {
  SIGN_IN_BACKOFF_BASE_SECONDS,
  SIGN_IN_FORGET_HOURS,
  SIGN_IN_FREE_ATTEMPTS,
  createAccount,
  signIn,
  signInBackoffSeconds,
  type AccessServices,
} from './accounts.service.js';

const PASSWORD = 'twelve chars plus';
const T0 = Date.parse('2026-11-26T12:00:00Z');
const at = (seconds: number) => fixedClock(new Date(T0 + seconds * 1000).toISOString());

type Outcome = 'signed_in' | 'checked' | 'refused';

/** What became of one attempt: signed in, checked and wrong, or refused before the password was checked. */
async function outcome(attempt: Promise<unknown>): Promise<Outcome> {
  try {
    await attempt;
    return 'signed_in';
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'unauthenticated') return 'checked';
    if (code === 'rate_limited') return 'refused';
    throw error;
  }
}

const tally = (outcomes: Outcome[]) => ({
  signed_in: outcomes.filter((o) => o === 'signed_in').length,
  checked: outcomes.filter((o) => o === 'checked').length,
  refused: outcomes.filter((o) => o === 'refused').length,
});

forEachEngine('sign-in limit per (account, address)', (getDb, engine) => {
  // On PostgreSQL the burst goes through two separate pools, as two app servers would: a real race.
  let second: DatabaseHandle | undefined;
  beforeAll(async () => {
    const target = getDb().target;
    if (engine === 'postgres') second = await openDatabase(target);
    for (const email of ['ana@x.test', 'bo@x.test']) {
      await createAccount({ db: getDb().db, clock: at(0) }, operatorActor('t'), {
        email,
        role: 'builder',
        password: PASSWORD,
      });
    }
  });
  afterAll(async () => {
    await second?.close();
  });
  const via = (i: number, seconds: number): AccessServices => ({
    db: second !== undefined && i % 2 === 1 ? second.db : getDb().db,
    clock: at(seconds),
  });

  it('checks no more than the limit in a burst of 50 parallel wrong passwords; the right one is then refused', async () => {
    const burst = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        outcome(signIn(via(i, 0), { email: 'ana@x.test', password: `wrong guess ${i}`, ip: '10.6.6.6' })),
      ),
    );
    expect(tally(burst)).toEqual({
      signed_in: 0,
      checked: SIGN_IN_FREE_ATTEMPTS,
      refused: 50 - SIGN_IN_FREE_ATTEMPTS,
    });
    await expect(
      signIn(via(0, 1), { email: 'ana@x.test', password: PASSWORD, ip: '10.6.6.6' }),
    ).rejects.toMatchObject({
      code: 'rate_limited',
      details: { retry_after_seconds: SIGN_IN_BACKOFF_BASE_SECONDS - 1 },
    });
  });

  it('lets the same person in from another address, and a colleague in from the attacker’s address', async () => {
    await expect(
      signIn(via(1, 2), { email: 'ana@x.test', password: PASSWORD, ip: '10.0.0.1' }),
    ).resolves.toMatchObject({ account: { email: 'ana@x.test' } });
    await expect(
      signIn(via(0, 2), { email: 'bo@x.test', password: PASSWORD, ip: '10.6.6.6' }),
    ).resolves.toMatchObject({ account: { email: 'bo@x.test' } });
  });

  it('backs off 1, 2, 4 … minutes after the free attempts, to the second', async () => {
    const attempt = (seconds: number, password = 'still wrong!!') =>
      outcome(signIn(via(0, seconds), { email: 'bo@x.test', password, ip: '10.7.7.7' }));
    for (let i = 0; i < SIGN_IN_FREE_ATTEMPTS; i += 1) expect(await attempt(i)).toBe('checked');
    const last = SIGN_IN_FREE_ATTEMPTS - 1; // the 10th attempt, at second 9, started the first back-off
    expect(signInBackoffSeconds(SIGN_IN_FREE_ATTEMPTS - 1)).toBe(0);
    expect(signInBackoffSeconds(SIGN_IN_FREE_ATTEMPTS)).toBe(60);
    expect(signInBackoffSeconds(SIGN_IN_FREE_ATTEMPTS + 1)).toBe(120);
    expect(signInBackoffSeconds(SIGN_IN_FREE_ATTEMPTS + 50)).toBe(3_600);
    expect(await attempt(last + 59, PASSWORD)).toBe('refused');
    expect(await attempt(last + 60)).toBe('checked'); // 11th: the wait doubles to 2 minutes
    expect(await attempt(last + 60 + 119, PASSWORD)).toBe('refused');
    expect(await attempt(last + 60 + 120)).toBe('checked'); // 12th: now 4 minutes
    expect(await attempt(last + 180 + 239)).toBe('refused');
    // Refused attempts do not count: the 13th, with the right password, gets in at 4 minutes.
    expect(await attempt(last + 180 + 240, PASSWORD)).toBe('signed_in');
    // Signing in cleared the pair: ten free attempts again.
    for (let i = 0; i < SIGN_IN_FREE_ATTEMPTS; i += 1) expect(await attempt(1_000 + i)).toBe('checked');
    expect(await attempt(1_010)).toBe('refused');
  });

  it('forgets a pair left alone for a day', async () => {
    const attempt = (seconds: number, password = 'forgotten guess') =>
      outcome(signIn(via(1, seconds), { email: 'bo@x.test', password, ip: '10.8.8.8' }));
    for (let i = 0; i < SIGN_IN_FREE_ATTEMPTS; i += 1) expect(await attempt(i)).toBe('checked');
    expect(await attempt(SIGN_IN_FREE_ATTEMPTS - 1 + 59)).toBe('refused');
    const day = SIGN_IN_FORGET_HOURS * 3_600;
    // A day after the last counted attempt the count starts again at 1: ten free attempts.
    expect(await attempt(SIGN_IN_FREE_ATTEMPTS - 1 + day - 1)).toBe('checked'); // still within the day: the 11th
    for (let i = 0; i < SIGN_IN_FREE_ATTEMPTS; i += 1)
      expect(await attempt(SIGN_IN_FREE_ATTEMPTS + 2 * day + i)).toBe('checked');
  });

  it('counts an unknown email like a known one, so the limit says nothing about who has an account', async () => {
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        outcome(signIn(via(i, 0), { email: 'nobody@x.test', password: PASSWORD, ip: '10.9.9.9' })),
      ),
    );
    expect(tally(burst)).toEqual({
      signed_in: 0,
      checked: SIGN_IN_FREE_ATTEMPTS,
      refused: 20 - SIGN_IN_FREE_ATTEMPTS,
    });
  });
});
