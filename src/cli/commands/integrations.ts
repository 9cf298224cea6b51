import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { DomainError } from '../../core/errors.js';
import { isoDateSchema } from '../../core/evidence/evidence.schema.js';
import {
  importAccounts,
  linkAnalyticsProject,
  linkPersonAccount,
  listAnalyticsProjects,
  listPersonAccounts,
} from '../../services/integrations/accounts.service.js';
import { importAdrs } from '../../services/integrations/adr-import.service.js';
import { importAnalytics } from '../../services/integrations/analytics-import.service.js';
import { createDirectoryReader, createOctokitReader } from '../../services/integrations/github-reader.js';
import { syncGitHub, type GitHubRepoSummary } from '../../services/integrations/github-sync.service.js';
import { listSources } from '../../services/integrations/sources.service.js';
import { writeLine, type CliContext } from '../context.js';
import { withServices } from '../with-services.js';

// Read here, at the CLI boundary, because only `ladder sync github` needs them.
const githubEnvSchema = z.object({
  GITHUB_TOKEN: z.string().min(1).optional(),
  GITHUB_API_URL: z
    .url({ error: 'GITHUB_API_URL: expected a URL such as https://github.example.com/api/v3' })
    .optional(),
});

/** Prints an import's per-line errors (the domain error carries them) before the one-line summary. */
async function reportingErrors<T>(ctx: CliContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'import_failed') {
      const details = error.details as { errors?: string[] } | undefined;
      for (const line of details?.errors ?? []) writeLine(ctx.stderr, line);
    }
    throw error;
  }
}

/** A byte progress bar on a terminal (a big export takes a while); nothing when output is not a TTY. */
function byteProgress(ctx: CliContext): { update(done: number, total: number): void; stop(): void } {
  const stream = ctx.stderr as NodeJS.WriteStream;
  if (stream.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'reading [{bar}] {percentage}% of {total_mb} MB',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0, { total_mb: Math.round(total / 1024 / 1024) });
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function githubLine(s: GitHubRepoSummary): string {
  return (
    `${s.repo}: ${s.pulls} pull requests, ${s.reviews_seen} reviews seen (${s.unmapped_reviews} by unmapped logins); ` +
    `recorded ${s.code_reviews_created} code reviews, ${s.citations_created} citations; cursor ${s.cursor ?? 'none'}`
  );
}

function collect(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ];
}

/**
 * Evidence that collects itself (issue 10): `ladder accounts`, `ladder import accounts|analytics|adr|github`,
 * `ladder sync github`, `ladder sources`. See docs/integrations.md.
 */
export function registerIntegrationCommands(program: Command, ctx: CliContext): void {
  const accounts = program
    .command('accounts')
    .description("people's GitHub logins and clients' analytics projects")
    .option('--person <email>', "only this person's logins")
    .action(async (options: { person?: string }) => {
      await withServices(ctx, async (services) => {
        for (const a of await listPersonAccounts(services, ctx.actor(), options.person)) {
          writeLine(ctx.stdout, `${a.provider}\t${a.account}\t${a.person}`);
        }
        if (options.person !== undefined) return;
        for (const p of await listAnalyticsProjects(services, ctx.actor())) {
          writeLine(ctx.stdout, `${p.provider}\t${p.project}\t${p.client}`);
        }
      });
    });
  accounts
    .command('link-github')
    .description('link a GitHub login to a person (moves it when already linked)')
    .argument('<login>')
    .argument('<email>')
    .action(async (login: string, email: string) => {
      await withServices(ctx, async (services) => {
        const a = await linkPersonAccount(services, ctx.actor(), {
          provider: 'github',
          account: login,
          person: email,
        });
        writeLine(ctx.stdout, `linked github ${a.account} → ${a.person}`);
      });
    });
  accounts
    .command('link-project')
    .description('link an analytics project (posthog or mixpanel) to a client')
    .argument('<provider>', 'posthog or mixpanel')
    .argument('<project>', 'the project id used with ladder import analytics --project')
    .argument('<client>', 'client id')
    .action(async (provider: string, project: string, client: string) => {
      await withServices(ctx, async (services) => {
        const p = await linkAnalyticsProject(services, ctx.actor(), { provider, project, client });
        writeLine(ctx.stdout, `linked ${p.provider} project ${p.project} → client ${p.client}`);
      });
    });

  const importCommand = program.commands.find((command) => command.name() === 'import');
  if (importCommand === undefined)
    throw new Error('registerIntegrationCommands: register `ladder import` first');
  importCommand
    .command('accounts')
    .description('import accounts.csv (provider,account,owner): GitHub logins → people, projects → clients')
    .argument('<file>')
    .action(async (file: string) => {
      await withServices(ctx, async (services) => {
        const s = await reportingErrors(ctx, () => importAccounts(services, ctx.actor(), file));
        writeLine(ctx.stdout, `imported ${file}: linked ${s.linked}, unchanged ${s.unchanged}`);
      });
    });
  importCommand
    .command('analytics')
    .description('import a PostHog or Mixpanel NDJSON export (streamed) for one project of a client')
    .argument('<file>')
    .requiredOption(
      '--project <id>',
      'the analytics project the export comes from (see ladder accounts link-project)',
    )
    .action(async (file: string, options: { project: string }) => {
      await withServices(ctx, async (services) => {
        const bar = byteProgress(ctx);
        const s = await reportingErrors(ctx, () =>
          importAnalytics(services, ctx.actor(), file, {
            project: options.project,
            onProgress: (done, total) => bar.update(done, total),
          }),
        ).finally(() => bar.stop());
        writeLine(
          ctx.stdout,
          `imported ${file}: ${s.events} events (${s.posthog} PostHog, ${s.mixpanel} Mixpanel), ${s.distinct_events} distinct, ` +
            `${s.event_days} event-days from ${s.first_day ?? '-'} to ${s.last_day ?? '-'} into project ${s.project}`,
        );
      });
    });
  importCommand
    .command('adr')
    .description('import a folder of ADRs (Nygard or MADR) as adr evidence; idempotent')
    .argument('<dir>')
    .requiredOption(
      '--repo-url <url>',
      'where the folder is browsable, e.g. https://github.com/org/repo/blob/main/docs/adr',
    )
    .action(async (dir: string, options: { repoUrl: string }) => {
      await withServices(ctx, async (services) => {
        const s = await reportingErrors(ctx, () =>
          importAdrs(services, ctx.actor(), dir, { repoUrl: options.repoUrl }),
        );
        for (const r of s.records)
          writeLine(ctx.stdout, `${r.action}\t${r.status}\t${r.builder}\t${r.title}`);
        writeLine(
          ctx.stdout,
          `imported ${dir}: ${s.files} ADRs; created ${s.created}, corrected ${s.corrected}, unchanged ${s.unchanged}`,
        );
      });
    });
  importCommand
    .command('github')
    .description(
      'import GitHub reviews from saved JSON (DIR/<owner>/<name>/pulls.json, pulls/<n>/reviews.json, …)',
    )
    .argument('<dir>')
    .action(async (dir: string) => {
      await withServices(ctx, async (services) => {
        const reader = createDirectoryReader(dir);
        const repos = await reader.repos();
        // Saved files are read whole every time; the stored cursor is for the live API.
        const summaries = await reportingErrors(ctx, () =>
          syncGitHub(services, ctx.actor(), reader, repos, { since: '1970-01-01' }),
        );
        for (const s of summaries) writeLine(ctx.stdout, githubLine(s));
      });
    });

  program
    .command('sync')
    .description('pull evidence from an outside source')
    .command('github')
    .description(
      'read pull-request reviews through the GitHub API (GITHUB_TOKEN; GITHUB_API_URL for Enterprise)',
    )
    .requiredOption('--repo <owner/name...>', 'repositories (repeat or separate with commas)', collect, [])
    .option(
      '--since <date>',
      'read pull requests updated since this day (YYYY-MM-DD) instead of the stored cursor',
    )
    .action(async (options: { repo: string[]; since?: string }) => {
      const env = githubEnvSchema.safeParse(process.env);
      if (!env.success)
        throw new DomainError('validation_failed', env.error.issues[0]?.message ?? 'bad GitHub settings');
      if (options.since !== undefined && !isoDateSchema.safeParse(options.since).success) {
        throw new DomainError(
          'validation_failed',
          `--since: expected a date YYYY-MM-DD, got "${options.since}"`,
        );
      }
      const reader = createOctokitReader({
        ...(env.data.GITHUB_TOKEN === undefined ? {} : { token: env.data.GITHUB_TOKEN }),
        ...(env.data.GITHUB_API_URL === undefined ? {} : { baseUrl: env.data.GITHUB_API_URL }),
        onWait: (wait) =>
          writeLine(
            ctx.stderr,
            `GitHub rate limit (${wait.status}): waiting ${Math.ceil(wait.waitMs / 1000)} s`,
          ),
      });
      await withServices(ctx, async (services) => {
        const summaries = await syncGitHub(services, ctx.actor(), reader, options.repo, {
          ...(options.since === undefined ? {} : { since: options.since }),
        });
        for (const s of summaries) writeLine(ctx.stdout, githubLine(s));
      });
    });

  program
    .command('sources')
    .description('sync state of every evidence source: last run, status, cursor, counts')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withServices(ctx, async (services) => {
        const sources = await listSources(services, ctx.actor());
        if (options.json === true) {
          writeLine(ctx.stdout, JSON.stringify(sources, null, 2));
          return;
        }
        if (sources.length === 0) writeLine(ctx.stdout, 'no source has run yet');
        for (const s of sources) {
          const counts = Object.entries(s.counts)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ');
          writeLine(
            ctx.stdout,
            `${s.source}\t${s.last_status}\t${s.last_run_at}\tcursor=${JSON.stringify(s.cursor)}\t${counts}`,
          );
        }
      });
    });
}
