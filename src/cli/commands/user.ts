import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { validationFailed } from '../../core/errors.js';
import {
  changeAccountRole,
  createAccount,
  disableAccount,
  enableAccount,
  listAccountDirectory,
  setPassword,
  type AccountListing,
} from '../../services/access/accounts.service.js';
import { writeLine, type CliContext } from '../context.js';
import { withServices } from '../with-services.js';

/** Reads all of stdin; the password is its first line (a trailing newline from `echo` is not part of it). */
async function readPasswordFromStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  return text.split(/\r?\n/)[0] ?? '';
}

/** Asks for a password on the terminal without echoing it. */
async function promptPassword(ctx: CliContext, question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) ctx.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      rl.question(question, (answer) => {
        ctx.stderr.write('\n');
        resolve(answer);
      });
      muted = true;
    });
  } finally {
    rl.close();
  }
}

/** The new password: from stdin with --password-stdin, else prompted twice on a terminal. */
async function obtainPassword(ctx: CliContext, fromStdin: boolean): Promise<string> {
  if (fromStdin) return readPasswordFromStdin(ctx.stdin ?? process.stdin);
  if (!process.stdin.isTTY) {
    throw validationFailed('password: no terminal to ask on: pass --password-stdin and pipe the password in');
  }
  const first = await promptPassword(ctx, 'Password: ');
  const second = await promptPassword(ctx, 'Repeat password: ');
  if (first !== second) throw validationFailed('password: the two entries differ');
  return first;
}

/**
 * One line of `ladder user list`, tab-separated: the person ("Name <email>", or the email without a
 * person record), role (and client), status, and the last sign-in instant or "never".
 */
export function formatAccountLine(account: AccountListing): string {
  const who = account.name === null ? account.email : `${account.name} <${account.email}>`;
  const role = account.clientId === null ? account.role : `${account.role} (${account.clientId})`;
  const status =
    account.status === 'active' && account.mustChangePassword ? 'active, temporary password' : account.status;
  return [who, role, status, account.lastSignInAt ?? 'never'].join('\t');
}

/** `ladder user create|list|set-password|role|disable|enable`: accounts, as the named operator (audited). */
export function registerUserCommand(program: Command, ctx: CliContext): void {
  const user = program
    .command('user')
    .description('manage accounts (as the operator; every change is audited)');

  user
    .command('create')
    .description(
      'create an account; prompts for the password on a terminal, or reads it with --password-stdin',
    )
    .requiredOption('--email <email>', 'the person’s email (their builder record has the same email)')
    .requiredOption('--role <role>', 'leadership | builder | client_stakeholder')
    .option('--client <id>', 'for a client stakeholder: the client they speak for')
    .option('--password-stdin', 'read the password from standard input (first line)')
    .action(async (options: { email: string; role: string; client?: string; passwordStdin?: boolean }) => {
      const password = await obtainPassword(ctx, options.passwordStdin === true);
      await withServices(ctx, async (services) => {
        const account = await createAccount(services, ctx.actor(), {
          email: options.email,
          role: options.role,
          password,
          clientId: options.client ?? null,
        });
        writeLine(ctx.stdout, `created ${account.role} account ${account.email} (${account.id})`);
      });
    });

  user
    .command('set-password')
    .description('set a new password for an account (ends its sessions and revokes its API tokens)')
    .requiredOption('--email <email>', 'the account’s email')
    .option('--password-stdin', 'read the password from standard input (first line)')
    .option('--keep-tokens', 'leave the account’s API tokens working')
    .action(async (options: { email: string; passwordStdin?: boolean; keepTokens?: boolean }) => {
      const password = await obtainPassword(ctx, options.passwordStdin === true);
      await withServices(ctx, async (services) => {
        const { revokedApiTokens: revoked } = await setPassword(
          services,
          ctx.actor(),
          options.email,
          password,
          { revokeApiTokens: options.keepTokens !== true },
        );
        const tokens = revoked > 0 ? ` (${revoked} API token${revoked === 1 ? '' : 's'} revoked)` : '';
        writeLine(ctx.stdout, `password set for ${options.email.trim().toLowerCase()}${tokens}`);
      });
    });

  user
    .command('disable')
    .description(
      'disable an account: sign-in and its sessions stop at once, its API tokens are revoked (audited; never the last enabled leadership account)',
    )
    .requiredOption('--email <email>', 'the account’s email')
    .action(async (options: { email: string }) => {
      await withServices(ctx, async (services) => {
        const account = await disableAccount(services, ctx.actor(), options.email);
        writeLine(ctx.stdout, `disabled ${account.email}`);
      });
    });

  user
    .command('enable')
    .description('enable a disabled account: the person signs in with their password again (audited)')
    .requiredOption('--email <email>', 'the account’s email')
    .action(async (options: { email: string }) => {
      await withServices(ctx, async (services) => {
        const account = await enableAccount(services, ctx.actor(), options.email);
        writeLine(ctx.stdout, `enabled ${account.email}`);
      });
    });

  user
    .command('role')
    .description(
      'change an account’s role (audited; never the last enabled leadership account); a client stakeholder needs --client',
    )
    .requiredOption('--email <email>', 'the account’s email')
    .requiredOption('--role <role>', 'leadership | builder | client_stakeholder')
    .option('--client <id>', 'for a client stakeholder: the client they speak for')
    .action(async (options: { email: string; role: string; client?: string }) => {
      await withServices(ctx, async (services) => {
        const account = await changeAccountRole(services, ctx.actor(), options.email, {
          role: options.role,
          clientId: options.client ?? null,
        });
        const client = account.clientId === null ? '' : ` for ${account.clientId}`;
        writeLine(ctx.stdout, `${account.email} is now ${account.role}${client}`);
      });
    });

  user
    .command('list')
    .description(
      'list accounts, one a line, tab-separated: person, role, status, last sign-in (ISO instant or "never")',
    )
    .action(async () => {
      await withServices(ctx, async (services) => {
        for (const account of await listAccountDirectory(services, ctx.actor()))
          writeLine(ctx.stdout, formatAccountLine(account));
      });
    });
}
