import type { Actor } from '../../core/actor.js';
import { findAccountByEmail } from '../../db/repositories/accounts.repository.js';
import { findDemoMark } from '../../db/repositories/demo.repository.js';
import {
  listAllMentorships,
  listAllPeople,
  listAllPlacements,
} from '../../db/repositories/roster.repository.js';
import { createAccount, type AccessServices } from './accounts.service.js';

/** The password of the demo accounts: the demo organisation is sample data on a fresh install only. */
export const DEMO_PASSWORD = 'ladder-demo-2026';

export interface DemoAccount {
  /** What this account shows off: leadership, a builder (a mentee), their mentor, a client stakeholder. */
  as: 'leadership' | 'builder' | 'mentor' | 'client';
  email: string;
  name: string;
  /** False when the account already existed (its password may have been changed since). */
  created: boolean;
}

interface Wanted {
  as: DemoAccount['as'];
  email: string;
  role: 'leadership' | 'builder' | 'client_stakeholder';
  clientId?: string;
}

/**
 * Gives the demo organisation accounts to sign in with: the first leadership person, the mentee and
 * mentor of the first running mentorship between two builders, and a client stakeholder of a client with
 * a running placement (the demo names them `pm@<client>.<domain>`). Only people whose email ends with
 * `@…<domain>` are considered, and only in a database marked as the demo's (by the demo load), so a real
 * organisation never gets accounts with the public demo password — not even people it names with the
 * demo's domain. Idempotent: an existing account is left alone. Returns whom to sign in as.
 */
export async function ensureDemoAccounts(
  services: AccessServices,
  actor: Actor,
  options: { today: string; domain: string; password?: string },
): Promise<DemoAccount[]> {
  if ((await findDemoMark(services.db)) === undefined) return [];
  const password = options.password ?? DEMO_PASSWORD;
  const inDemo = (email: string): boolean =>
    email.endsWith(`.${options.domain}`) || email.endsWith(`@${options.domain}`);
  const people = (await listAllPeople(services.db)).filter((person) => inDemo(person.email));
  const byEmail = new Map(people.map((person) => [person.email, person]));
  const running = <T extends { start: string; end: string | null }>(rows: T[]): T[] =>
    rows.filter((row) => row.start <= options.today && (row.end === null || row.end >= options.today));
  const wanted: Wanted[] = [];

  const lead = people
    .filter((p) => p.role === 'leadership')
    .sort((a, b) => a.email.localeCompare(b.email))[0];
  if (lead !== undefined) wanted.push({ as: 'leadership', email: lead.email, role: 'leadership' });

  const pair = running(await listAllMentorships(services.db))
    .filter((m) => byEmail.get(m.mentor)?.role === 'builder' && byEmail.has(m.mentee))
    .sort((a, b) => a.start.localeCompare(b.start) || a.mentee.localeCompare(b.mentee))[0];
  if (pair !== undefined) {
    wanted.push({ as: 'builder', email: pair.mentee, role: 'builder' });
    wanted.push({ as: 'mentor', email: pair.mentor, role: 'builder' });
  }

  const placedClients = new Set(running(await listAllPlacements(services.db)).map((p) => p.client));
  const contact = people
    .filter((p) => p.role === 'client_stakeholder')
    .map((p) => ({ person: p, clientId: /^[^@]+@([^.]+)\./.exec(p.email)?.[1] }))
    .filter(
      (c): c is { person: (typeof people)[number]; clientId: string } =>
        c.clientId !== undefined && placedClients.has(c.clientId),
    )
    .sort((a, b) => a.person.email.localeCompare(b.person.email))[0];
  if (contact !== undefined) {
    wanted.push({
      as: 'client',
      email: contact.person.email,
      role: 'client_stakeholder',
      clientId: contact.clientId,
    });
  }

  const result: DemoAccount[] = [];
  for (const want of wanted) {
    const exists = (await findAccountByEmail(services.db, want.email)) !== undefined;
    if (!exists) {
      await createAccount(services, actor, {
        email: want.email,
        role: want.role,
        password,
        clientId: want.clientId ?? null,
      });
    }
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
    'Demo accounts (sign in at the web app, or POST /api/auth/sign-in):',
    ...accounts.map(
      (account) =>
        `  as ${account.as.padEnd(10)} ${account.email}  password: ${
          account.created ? password : `${password} unless changed since`
        }  (${account.name})`,
    ),
  ];
}
