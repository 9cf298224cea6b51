import { readFile } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse/sync';
import type { Actor } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import { DomainError, notFound } from '../../core/errors.js';
import {
  accountsCsvRowSchema,
  analyticsProjectInputSchema,
  personAccountInputSchema,
  type AnalyticsProjectInput,
  type PersonAccountInput,
} from '../../core/integrations/accounts.schema.js';
import { problemsFromZod } from '../../core/evidence/validate-evidence.js';
import type { Database, Executor } from '../../db/connection.js';
import {
  deleteAnalyticsProject,
  deletePersonAccount,
  findAnalyticsProject,
  findPersonAccount,
  listAnalyticsProjects as selectAnalyticsProjects,
  listPersonAccounts as selectPersonAccounts,
  upsertAnalyticsProject,
  upsertPersonAccount,
  type AnalyticsProjectRow,
  type PersonAccountRow,
} from '../../db/repositories/integrations.repository.js';
import { findClientsByIds, findPeopleByEmail } from '../../db/repositories/roster.repository.js';
import { recordAudit } from '../audit.service.js';
import { parseOrThrow, rejected } from '../roster.service.js';

export interface AccountsDeps {
  db: Database;
  clock: Clock;
}

async function checkPerson(db: Executor, email: string): Promise<void> {
  if ((await findPeopleByEmail(db, [email])).length === 0) {
    throw rejected('account', [{ field: 'person', message: `unknown person ${email}` }]);
  }
}

async function checkClient(db: Executor, id: string): Promise<void> {
  if ((await findClientsByIds(db, [id])).length === 0) {
    throw rejected('analytics project', [{ field: 'client', message: `unknown client ${id}` }]);
  }
}

async function writePersonAccount(tx: Executor, actor: Actor, input: PersonAccountInput, at: Date) {
  const before = await findPersonAccount(tx, input.provider, input.account);
  const after: PersonAccountRow = { provider: input.provider, account: input.account, person: input.person };
  if (before?.person === after.person) return { account: after, changed: false };
  await upsertPersonAccount(tx, after);
  await recordAudit(tx, actor, {
    action: 'person_account.link',
    entity: 'person_account',
    entityId: `${after.provider}:${after.account}`,
    before: before ?? null,
    after,
    at,
  });
  return { account: after, changed: true };
}

async function writeAnalyticsProject(tx: Executor, actor: Actor, input: AnalyticsProjectInput, at: Date) {
  const before = await findAnalyticsProject(tx, input.project);
  const after: AnalyticsProjectRow = {
    project: input.project,
    provider: input.provider,
    client: input.client,
  };
  if (before?.client === after.client && before.provider === after.provider) {
    return { project: after, changed: false };
  }
  await upsertAnalyticsProject(tx, after);
  await recordAudit(tx, actor, {
    action: 'analytics_project.link',
    entity: 'analytics_project',
    entityId: after.project,
    before: before ?? null,
    after,
    at,
  });
  return { project: after, changed: true };
}

/** Links a GitHub login to a person (a login already linked moves to this person). */
export async function linkPersonAccount(
  deps: AccountsDeps,
  actor: Actor,
  body: unknown,
): Promise<PersonAccountRow> {
  const input = parseOrThrow(personAccountInputSchema, body, 'account');
  return deps.db.transaction(async (tx) => {
    await checkPerson(tx, input.person);
    return (await writePersonAccount(tx, actor, input, deps.clock.now())).account;
  });
}

/** Removes a GitHub login's link; not_found when there was none. */
export async function unlinkPersonAccount(
  deps: AccountsDeps,
  actor: Actor,
  provider: string,
  account: string,
): Promise<void> {
  const login = account.toLowerCase();
  await deps.db.transaction(async (tx) => {
    const before = await findPersonAccount(tx, provider, login);
    if (before === undefined) throw notFound('Account', `${provider}:${login}`);
    await deletePersonAccount(tx, provider, login);
    await recordAudit(tx, actor, {
      action: 'person_account.unlink',
      entity: 'person_account',
      entityId: `${provider}:${login}`,
      before,
      after: null,
      at: deps.clock.now(),
    });
  });
}

/** Every person account (or one person's), by provider then login. */
export async function listPersonAccounts(
  deps: AccountsDeps,
  _actor: Actor,
  person?: string,
): Promise<PersonAccountRow[]> {
  return selectPersonAccounts(deps.db, person?.toLowerCase());
}

/** Links an analytics project to a client (a project already linked moves to this client). */
export async function linkAnalyticsProject(
  deps: AccountsDeps,
  actor: Actor,
  body: unknown,
): Promise<AnalyticsProjectRow> {
  const input = parseOrThrow(analyticsProjectInputSchema, body, 'analytics project');
  return deps.db.transaction(async (tx) => {
    await checkClient(tx, input.client);
    return (await writeAnalyticsProject(tx, actor, input, deps.clock.now())).project;
  });
}

/** Removes an analytics project's link (its imported counts stay); not_found when there was none. */
export async function unlinkAnalyticsProject(
  deps: AccountsDeps,
  actor: Actor,
  project: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const before = await findAnalyticsProject(tx, project);
    if (before === undefined) throw notFound('Analytics project', project);
    await deleteAnalyticsProject(tx, project);
    await recordAudit(tx, actor, {
      action: 'analytics_project.unlink',
      entity: 'analytics_project',
      entityId: project,
      before,
      after: null,
      at: deps.clock.now(),
    });
  });
}

/** Every analytics project (or one client's), by project id. */
export async function listAnalyticsProjects(
  deps: AccountsDeps,
  _actor: Actor,
  client?: string,
): Promise<AnalyticsProjectRow[]> {
  return selectAnalyticsProjects(deps.db, client === undefined ? undefined : [client]);
}

export interface AccountsImportSummary {
  linked: number;
  unchanged: number;
}

/**
 * Imports accounts.csv (`provider,account,owner`: github → a person's email, posthog/mixpanel → a client
 * id). All or nothing: every problem is reported as `file:line: column: problem` and nothing is written.
 */
export async function importAccounts(
  deps: AccountsDeps,
  actor: Actor,
  path: string,
): Promise<AccountsImportSummary> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new DomainError('import_failed', `${path}: cannot read: ${error.code ?? error.message}`, {
      errors: [`${path}: cannot read`],
    });
  });
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    const line = error instanceof CsvError ? ((error as CsvError & { lines?: number }).lines ?? 0) : 0;
    const message = `${path}:${line}: ${(error as Error).message}`;
    throw new DomainError('import_failed', message, { errors: [message] });
  }
  const errors: string[] = [];
  const people: { line: number; input: PersonAccountInput }[] = [];
  const projects: { line: number; input: AnalyticsProjectInput }[] = [];
  rows.forEach((raw, index) => {
    const line = index + 2; // header is line 1
    const row = accountsCsvRowSchema.safeParse(raw);
    if (!row.success) {
      for (const p of problemsFromZod(raw, row.error))
        errors.push(`${path}:${line}: ${p.field}: ${p.message}`);
      return;
    }
    const { provider, account, owner } = row.data;
    const parsed =
      provider === 'github'
        ? personAccountInputSchema.safeParse({ provider, account, person: owner })
        : analyticsProjectInputSchema.safeParse({ provider, project: account, client: owner });
    if (!parsed.success) {
      for (const p of problemsFromZod(raw, parsed.error)) {
        const column =
          p.field === 'person' || p.field === 'client'
            ? 'owner'
            : p.field === 'project'
              ? 'account'
              : p.field;
        errors.push(`${path}:${line}: ${column}: ${p.message}`);
      }
      return;
    }
    if ('person' in parsed.data) people.push({ line, input: parsed.data });
    else projects.push({ line, input: parsed.data });
  });
  return deps.db.transaction(async (tx) => {
    const known = new Set(
      (
        await findPeopleByEmail(
          tx,
          people.map((p) => p.input.person),
        )
      ).map((p) => p.email),
    );
    for (const { line, input } of people) {
      if (!known.has(input.person)) errors.push(`${path}:${line}: owner: unknown person ${input.person}`);
    }
    const clients = new Set(
      (
        await findClientsByIds(
          tx,
          projects.map((p) => p.input.client),
        )
      ).map((c) => c.id),
    );
    for (const { line, input } of projects) {
      if (!clients.has(input.client)) errors.push(`${path}:${line}: owner: unknown client ${input.client}`);
    }
    if (errors.length > 0) {
      throw new DomainError('import_failed', `${errors.length} problem(s) in ${path}; nothing was imported`, {
        errors,
      });
    }
    const at = deps.clock.now();
    const summary: AccountsImportSummary = { linked: 0, unchanged: 0 };
    for (const { input } of people) {
      const { changed } = await writePersonAccount(tx, actor, input, at);
      summary[changed ? 'linked' : 'unchanged'] += 1;
    }
    for (const { input } of projects) {
      const { changed } = await writeAnalyticsProject(tx, actor, input, at);
      summary[changed ? 'linked' : 'unchanged'] += 1;
    }
    return summary;
  });
}
