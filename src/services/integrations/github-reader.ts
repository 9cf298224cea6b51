import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { DomainError } from '../../core/errors.js';
import type {
  GitHubPull,
  GitHubReaction,
  GitHubReview,
  GitHubReviewComment,
} from '../../core/integrations/github-reviews.js';

/**
 * Where GitHub review data comes from: the REST API (@octokit/rest) or a folder of JSON files saved from
 * the same endpoints. The sync service reads through this seam only, so both give the same records.
 */
export interface GitHubReader {
  /** Pull requests updated at or after `since` (all when null), any order. */
  pulls(repo: string, since: string | null): Promise<GitHubPull[]>;
  reviews(repo: string, pull: number): Promise<GitHubReview[]>;
  reviewComments(repo: string, pull: number): Promise<GitHubReviewComment[]>;
  commentReactions(repo: string, commentId: number): Promise<GitHubReaction[]>;
}

/** `owner/name` split, or a validation error naming the flag. */
export function splitRepo(repo: string): { owner: string; name: string } {
  const match = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(repo);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new DomainError('validation_failed', `--repo: expected owner/name, got "${repo}"`);
  }
  return { owner: match[1], name: match[2] };
}

export interface RateLimitWait {
  status: number;
  waitMs: number;
  url: string;
}

export interface OctokitReaderOptions {
  token?: string;
  /** GitHub Enterprise: `https://github.example.com/api/v3`; github.com when absent. */
  baseUrl?: string;
  /** How to wait (tests pass one that records); the real clock by default. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Longest wait for a rate limit before giving up (the run then stops as partial and resumes later). */
  maxWaitMs?: number;
  maxRetries?: number;
  onWait?: (wait: RateLimitWait) => void;
}

interface HttpErrorLike {
  status?: number;
  response?: { headers?: Record<string, string | number | undefined> };
}

/**
 * How long GitHub asks us to wait, or undefined when the error is not a rate limit. A secondary limit
 * says `retry-after` (seconds); a primary limit answers 403/429 with `x-ratelimit-remaining: 0` and the
 * epoch second at which it resets in `x-ratelimit-reset`.
 */
export function rateLimitWaitMs(error: HttpErrorLike, nowMs: number): number | undefined {
  if (error.status !== 403 && error.status !== 429) return undefined;
  const headers = error.response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000;
  if (String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    // One extra second: GitHub's reset second is when the window ends, not when the new one has begun.
    if (Number.isFinite(reset)) return Math.max(0, reset * 1000 - nowMs) + 1000;
  }
  return error.status === 429 ? 60_000 : undefined;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A reader over the GitHub REST API that honours rate limits (waits, then retries the same request). */
export function createOctokitReader(options: OctokitReaderOptions): GitHubReader {
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const maxWaitMs = options.maxWaitMs ?? 15 * 60_000;
  const maxRetries = options.maxRetries ?? 5;
  const octokit = new Octokit({
    ...(options.token === undefined ? {} : { auth: options.token }),
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl.replace(/\/+$/, '') }),
    userAgent: 'ladder-sync',
    // Rate-limit answers are expected and handled below; keep Octokit's own logging quiet.
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await request(requestOptions);
      } catch (error) {
        const waitMs = rateLimitWaitMs(error as HttpErrorLike, now());
        if (waitMs === undefined || attempt >= maxRetries) throw error;
        if (waitMs > maxWaitMs) {
          throw new DomainError(
            'rate_limited',
            `GitHub rate limit: next request allowed in ${Math.ceil(waitMs / 1000)} s; run again later (the sync resumes where it stopped)`,
          );
        }
        options.onWait?.({
          status: (error as HttpErrorLike).status ?? 0,
          waitMs,
          url: String(requestOptions.url),
        });
        await sleep(waitMs);
      }
    }
  });
  return {
    async pulls(repo, since) {
      const { owner, name } = splitRepo(repo);
      const out: GitHubPull[] = [];
      // Newest first, so a sync with a cursor stops paging at the first pull older than it.
      const pages = octokit.paginate.iterator(octokit.rest.pulls.list, {
        owner,
        repo: name,
        state: 'all',
        sort: 'updated',
        direction: 'desc',
        per_page: 100,
      });
      for await (const page of pages) {
        for (const pull of page.data) {
          if (since !== null && pull.updated_at < since) return out;
          out.push({ number: pull.number, updated_at: pull.updated_at, html_url: pull.html_url });
        }
      }
      return out;
    },
    async reviews(repo, pull) {
      const { owner, name } = splitRepo(repo);
      const data = await octokit.paginate(octokit.rest.pulls.listReviews, {
        owner,
        repo: name,
        pull_number: pull,
        per_page: 100,
      });
      return data.map((r) => ({
        id: r.id,
        user: r.user === null ? null : { login: r.user.login },
        body: r.body,
        state: r.state,
        submitted_at: r.submitted_at ?? null,
        html_url: r.html_url,
      }));
    },
    async reviewComments(repo, pull) {
      const { owner, name } = splitRepo(repo);
      const data = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
        owner,
        repo: name,
        pull_number: pull,
        per_page: 100,
      });
      return data.map((c) => ({
        id: c.id,
        pull_request_review_id: c.pull_request_review_id,
        ...(c.in_reply_to_id === undefined ? {} : { in_reply_to_id: c.in_reply_to_id }),
        user: c.user === null ? null : { login: c.user.login },
        body: c.body,
        created_at: c.created_at,
        html_url: c.html_url,
        ...(c.reactions === undefined
          ? {}
          : { reactions: { '+1': c.reactions['+1'], heart: c.reactions.heart, hooray: c.reactions.hooray } }),
      }));
    },
    async commentReactions(repo, commentId) {
      const { owner, name } = splitRepo(repo);
      const data = await octokit.paginate(octokit.rest.reactions.listForPullRequestReviewComment, {
        owner,
        repo: name,
        comment_id: commentId,
        per_page: 100,
      });
      return data.map((r) => ({
        id: r.id,
        user: r.user === null ? null : { login: r.user.login },
        content: r.content,
        created_at: r.created_at,
      }));
    },
  };
}

/**
 * A reader over saved JSON, one file per endpoint (an array: one response body, or pages joined):
 * `DIR/<owner>/<name>/pulls.json`, `…/pulls/<number>/reviews.json`, `…/pulls/<number>/comments.json`,
 * `…/comments/<comment id>/reactions.json`. A missing file other than pulls.json means "none".
 */
export function createDirectoryReader(dir: string): GitHubReader & { repos(): Promise<string[]> } {
  const readArray = async <T>(path: string, required: boolean): Promise<T[]> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new DomainError(
        'import_failed',
        `${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? ''}`,
        {
          errors: [`${path}: cannot read`],
        },
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      const message = `${path}: not valid JSON: ${(error as Error).message}`;
      throw new DomainError('import_failed', message, { errors: [message] });
    }
    if (!Array.isArray(parsed)) {
      const message = `${path}: expected a JSON array (the endpoint's answer)`;
      throw new DomainError('import_failed', message, { errors: [message] });
    }
    // Pages saved as an array of arrays are joined.
    return parsed.flat() as T[];
  };
  const base = (repo: string): string => {
    const { owner, name } = splitRepo(repo);
    return join(dir, owner, name);
  };
  return {
    async repos() {
      const owners = await readdir(dir, { withFileTypes: true }).catch(() => {
        throw new DomainError('import_failed', `${dir}: cannot read the folder`, {
          errors: [`${dir}: cannot read`],
        });
      });
      const repos: string[] = [];
      for (const owner of owners.filter((e) => e.isDirectory() && !e.name.startsWith('.'))) {
        for (const repo of await readdir(join(dir, owner.name), { withFileTypes: true })) {
          if (repo.isDirectory()) repos.push(`${owner.name}/${repo.name}`);
        }
      }
      return repos.sort();
    },
    async pulls(repo, since) {
      const pulls = await readArray<GitHubPull>(join(base(repo), 'pulls.json'), true);
      return pulls.filter((p) => since === null || p.updated_at >= since);
    },
    reviews: (repo, pull) =>
      readArray<GitHubReview>(join(base(repo), 'pulls', String(pull), 'reviews.json'), false),
    reviewComments: (repo, pull) =>
      readArray<GitHubReviewComment>(join(base(repo), 'pulls', String(pull), 'comments.json'), false),
    commentReactions: (repo, id) =>
      readArray<GitHubReaction>(join(base(repo), 'comments', String(id), 'reactions.json'), false),
  };
}
