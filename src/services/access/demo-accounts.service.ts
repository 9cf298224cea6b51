import type { Actor } from '../../core/actor.js';
import { findAccountByEmail } from '../../db/repositories/accounts.repository.js';
import { listAllMentorships, listAllPeople } from '../../db/repositories/roster.repository.js';
import { createAccount, type AccessServices } from './accounts.service.js';

/** The password of the demo accounts: the demo organisation is sample data on a fresh install only. */
export const DEMO_PASSWORD = 'ladder-demo-2026';

export interface DemoAccount {
  /** What this account shows off: `leadership`, `builder` (a mentee), `mentor`. */
  as: 'leadership' | 'builder' | 'mentor';
  email: string;
  name: string;
  /** False when the account already existed (its password may have been changed since). */
  created: boolean;
}

/**
 * Gives the demo organisation accounts to sign in with: the first leadership person, and the mentor and
 * mentee of the first mentorship between two builders that runs on `today`. Idempotent: an existing
 * account is left alone. Returns whom to sign in as; empty when the roster has no such people.
 */
export async function ensureDemoAccounts(
  services: AccessServices,
  actor: Actor,
  options: { today: string; password?: string },
): Promise<DemoAccount[]> {
  const password = options.password ?? DEMO_PASSWORD;
  const people = await listAllPeople(services.db);
  const byEmail = new Map(people.map((person) => [person.email, person]));
  const wanted: { as: DemoAccount['as']; email: string; role: 'leadership' | 'builder' }[] = [];
  const lead = people
    .filter((person) => person.role === 'leadership')
    .sort((a, b) => a.email.localeCompare(b.email))[0];
  if (lead !== undefined) wanted.push({ as: 'leadership', email: lead.email, role: 'leadership' });
  const running = (await listAllMentorships(services.db))
    .filter((m) => m.start <= options.today && (m.end === null || m.end >= options.today))
    .sort((a, b) => a.start.localeCompare(b.start) || a.mentee.localeCompare(b.mentee));
  for (const mentorship of running) {
    if (byEmail.get(mentorship.mentor)?.role !== 'builder') continue;
    wanted.push({ as: 'builder', email: mentorship.mentee, role: 'builder' });
    wanted.push({ as: 'mentor', email: mentorship.mentor, role: 'builder' });
    break;
  }
  const result: DemoAccount[] = [];
  for (const want of wanted) {
    const exists = (await findAccountByEmail(services.db, want.email)) !== undefined;
    if (!exists) await createAccount(services, actor, { email: want.email, role: want.role, password });
    result.push({
      as: want.as,
      email: want.email,
      name: byEmail.get(want.email)?.name ?? want.email,
      created: !exists,
    });
  }
  return result;
}

/** The lines `npm start` prints so a first-time user knows how to sign in. */
export function describeDemoAccounts(accounts: readonly DemoAccount[], password = DEMO_PASSWORD): string[] {
  if (accounts.length === 0) return [];
  return [
    'Demo accounts (sign in at the web app or POST /api/auth/sign-in):',
    ...accounts.map(
      (account) =>
        `  as ${account.as.padEnd(10)} ${account.email}  password: ${account.created ? password : '(unchanged — set with `ladder user set-password`)'}  (${account.name})`,
    ),
  ];
}
