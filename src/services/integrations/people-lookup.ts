import type { Executor } from '../../db/connection.js';
import { findPeopleByNames, listPersonAccounts } from '../../db/repositories/integrations.repository.js';
import { findBuilderEmails, findPeopleByEmail } from '../../db/repositories/roster.repository.js';

/**
 * Finds the roster person behind how an outside source names someone: an email, a GitHub login (through
 * the accounts mapping), a GitHub noreply address (`123+login@users.noreply.github.com`), or a full name
 * that exactly one person has. Anything else is unknown: imports never guess.
 */
export interface PeopleLookup {
  person(identifier: string): string | undefined;
  isBuilder(email: string): boolean;
}

const NOREPLY = /^(?:\d+\+)?([a-z0-9-]+)@users\.noreply\.github\.com$/i;

/** Loads what is needed to resolve `identifiers` (one query per kind, not per identifier). */
export async function loadPeopleLookup(db: Executor, identifiers: readonly string[]): Promise<PeopleLookup> {
  const emails = identifiers.filter((id) => id.includes('@')).map((id) => id.trim().toLowerCase());
  const known = new Set((await findPeopleByEmail(db, emails)).map((p) => p.email));
  const logins = new Map((await listPersonAccounts(db)).map((a) => [a.account, a.person] as const));
  const byName = await findPeopleByNames(
    db,
    identifiers.filter((id) => !id.includes('@')),
  );
  const everyone = [...known, ...logins.values(), ...[...byName.values()].flat()];
  const builders = await findBuilderEmails(db, everyone);
  return {
    person(identifier) {
      const id = identifier.trim().toLowerCase().replace(/^@/, '');
      if (id.includes('@')) {
        if (known.has(id)) return id;
        const login = NOREPLY.exec(id)?.[1];
        return login === undefined ? undefined : logins.get(login);
      }
      const byLogin = logins.get(id);
      if (byLogin !== undefined) return byLogin;
      const named = byName.get(id);
      return named?.length === 1 ? named[0] : undefined;
    },
    isBuilder: (email) => builders.has(email),
  };
}
