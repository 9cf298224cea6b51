import type { Actor } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import {
  mayHaveCitingReactions,
  reviewsOfPull,
  reviewThreadRoots,
  type GitHubReaction,
  type TeamDirectory,
} from '../../core/integrations/github-reviews.js';
import type { Database } from '../../db/connection.js';
import { findEvidence } from '../../db/repositories/evidence.repository.js';
import { listPersonAccounts } from '../../db/repositories/integrations.repository.js';
import { findBuilderEmails } from '../../db/repositories/roster.repository.js';
import { recordEvidence } from '../evidence.service.js';
import { splitRepo, type GitHubReader } from './github-reader.js';
import { findSource, recordSourceState, type SourceState } from './sources.service.js';

export interface GitHubSyncDeps {
  db: Database;
  clock: Clock;
}

export interface GitHubRepoSummary {
  repo: string;
  pulls: number;
  reviews_seen: number;
  code_reviews_created: number;
  citations_created: number;
  unmapped_reviews: number;
  /** Where the next run starts: the `updated_at` of the last pull request fully read. */
  cursor: string | null;
}

/** The stored cursor of a GitHub source: pulls updated at or after it are read again. */
interface GitHubCursor {
  updated_through: string;
}

function cursorOf(state: SourceState | undefined): string | null {
  const cursor = state?.cursor as Partial<GitHubCursor> | null | undefined;
  return typeof cursor?.updated_through === 'string' ? cursor.updated_through : null;
}

async function loadTeam(db: Database): Promise<TeamDirectory> {
  const accounts = await listPersonAccounts(db);
  const byLogin = new Map(accounts.filter((a) => a.provider === 'github').map((a) => [a.account, a.person]));
  const builders = await findBuilderEmails(db, [...new Set(byLogin.values())]);
  return {
    person: (login) => byLogin.get(login.toLowerCase()),
    isBuilder: (email) => builders.has(email),
  };
}

// Saving the cursor every few pull requests bounds what a killed run reads again, without an audit entry
// per pull request.
const SAVE_EVERY = 25;

/**
 * Reads pull-request reviews of the given repositories and records `code_review` and `review_citation`
 * evidence (see github-reviews.ts for the rules). Idempotent — every record has an id derived from GitHub's
 * (a second run adds nothing) — and resumable: pull requests are read oldest update first, and the
 * source's cursor (the last fully read pull request's `updated_at`) is saved as the run goes and when it
 * stops on an error, so the next run starts there. `since` (YYYY-MM-DD) overrides the stored cursor.
 */
export async function syncGitHub(
  deps: GitHubSyncDeps,
  actor: Actor,
  reader: GitHubReader,
  repos: readonly string[],
  options: { since?: string; onPull?: (repo: string, done: number, total: number) => void } = {},
): Promise<GitHubRepoSummary[]> {
  for (const repo of repos) splitRepo(repo); // every name checked before anything is read or written
  const team = await loadTeam(deps.db);
  const summaries: GitHubRepoSummary[] = [];
  for (const repo of repos) {
    const source = `github:${repo}`;
    const stored = cursorOf(await findSource(deps.db, source));
    const since = options.since === undefined ? stored : `${options.since}T00:00:00Z`;
    const summary: GitHubRepoSummary = {
      repo,
      pulls: 0,
      reviews_seen: 0,
      code_reviews_created: 0,
      citations_created: 0,
      unmapped_reviews: 0,
      cursor: stored,
    };
    const save = async (status: 'ok' | 'partial' | 'failed'): Promise<void> => {
      await deps.db.transaction(async (tx) => {
        await recordSourceState(
          tx,
          actor,
          {
            source,
            kind: 'github',
            cursor: summary.cursor === null ? null : { updated_through: summary.cursor },
            status,
            counts: {
              pulls: summary.pulls,
              reviews_seen: summary.reviews_seen,
              code_reviews_created: summary.code_reviews_created,
              citations_created: summary.citations_created,
              unmapped_reviews: summary.unmapped_reviews,
            },
          },
          deps.clock.now(),
        );
      });
    };
    try {
      const pulls = (await reader.pulls(repo, since)).sort(
        (a, b) => a.updated_at.localeCompare(b.updated_at) || a.number - b.number,
      );
      for (const [index, pull] of pulls.entries()) {
        const reviews = await reader.reviews(repo, pull.number);
        const comments = await reader.reviewComments(repo, pull.number);
        const reactions = new Map<number, GitHubReaction[]>();
        for (const review of reviews) {
          const login = review.user?.login;
          const author = login === undefined ? undefined : team.person(login);
          if (author === undefined || !team.isBuilder(author)) continue;
          for (const root of reviewThreadRoots(review, comments)) {
            if (mayHaveCitingReactions(root))
              reactions.set(root.id, await reader.commentReactions(repo, root.id));
          }
        }
        const found = reviewsOfPull(reviews, comments, reactions, team);
        summary.reviews_seen += reviews.length;
        summary.unmapped_reviews += found.unmapped;
        for (const draft of found.reviews) {
          if ((await findEvidence(deps.db, draft.id)) !== undefined) continue;
          await recordEvidence(deps, actor, {
            id: draft.id,
            kind: 'code_review',
            builder: draft.builder,
            date: draft.date,
            recorded_by: draft.builder,
            link: draft.link,
            lesson: draft.lesson,
          });
          summary.code_reviews_created += 1;
        }
        for (const citation of found.citations) {
          if ((await findEvidence(deps.db, citation.id)) !== undefined) continue;
          await recordEvidence(deps, actor, {
            id: citation.id,
            kind: 'review_citation',
            builder: citation.builder,
            date: citation.date,
            recorded_by: citation.citer,
            review_id: citation.review_record_id,
          });
          summary.citations_created += 1;
        }
        summary.pulls += 1;
        summary.cursor = pull.updated_at;
        options.onPull?.(repo, index + 1, pulls.length);
        if ((index + 1) % SAVE_EVERY === 0) await save('partial');
      }
    } catch (error) {
      await save('partial');
      throw error;
    }
    await save('ok');
    summaries.push(summary);
  }
  return summaries;
}
