import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for api.github.com that replays recorded answers (issue 10 tests): the real Octokit
 * client talks to it over HTTP. It pages every list like GitHub does (`Link` with next/last/first/prev,
 * `page`/`per_page` query), sends GitHub's rate-limit headers on every answer, and can answer a request
 * with an injected failure (a 403 primary rate limit, a 429 secondary limit with `retry-after`).
 */

export interface RecordedRepo {
  pulls: unknown[];
  reviews: Record<number, unknown[]>;
  comments: Record<number, unknown[]>;
  reactions: Record<number, unknown[]>;
}

export interface InjectedFailure {
  /** Matches `GET /repos/…?page=2` style request targets (path plus query). */
  match: RegExp;
  status: 403 | 429;
  headers: Record<string, string>;
  /** How many matching requests fail (then the recorded answer is served); Infinity for "until removed". */
  times: number;
}

export interface ReplayServer {
  url: string;
  /** Every request target served, in order (failures included). */
  requests: string[];
  failures: InjectedFailure[];
  close(): Promise<void>;
}

const PAGE_SIZE_CAP = 2; // small pages so every list in the fixtures spans several pages

function rateHeaders(used: number): Record<string, string> {
  return {
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': String(5000 - used),
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-ratelimit-used': String(used),
    'x-ratelimit-resource': 'core',
    'x-github-api-version-selected': '2022-11-28',
  };
}

/** GitHub's primary rate-limit answer: 403 with remaining 0 and the reset epoch second. */
export function primaryRateLimit(resetInSeconds: number): Pick<InjectedFailure, 'status' | 'headers'> {
  return {
    status: 403,
    headers: {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '5000',
      'x-ratelimit-resource': 'core',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetInSeconds),
    },
  };
}

/** GitHub's secondary rate-limit answer: 429 with retry-after seconds. */
export function secondaryRateLimit(retryAfterSeconds: number): Pick<InjectedFailure, 'status' | 'headers'> {
  return { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } };
}

/** Starts the replay server on a free port of 127.0.0.1 for `owner/name` repositories. */
export async function startReplayServer(repos: Record<string, RecordedRepo>): Promise<ReplayServer> {
  const requests: string[] = [];
  const failures: InjectedFailure[] = [];
  let used = 0;
  let base = '';

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string>,
  ): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const target = req.url ?? '/';
    requests.push(target);
    used += 1;
    const url = new URL(target, base);
    const failure = failures.find((f) => f.times > 0 && f.match.test(target));
    if (failure !== undefined) {
      failure.times -= 1;
      const message =
        failure.status === 403
          ? 'API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.'
          : 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
      send(
        res,
        failure.status,
        { message, documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' },
        failure.headers,
      );
      return;
    }
    const match =
      /^\/repos\/([^/]+)\/([^/]+)\/pulls(?:\/(\d+)\/(reviews|comments)|\/comments\/(\d+)\/reactions)?$/.exec(
        url.pathname,
      );
    const repo = match === null ? undefined : repos[`${match[1]}/${match[2]}`];
    if (match === null || repo === undefined || req.method !== 'GET') {
      send(
        res,
        404,
        { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
        rateHeaders(used),
      );
      return;
    }
    let items: unknown[];
    if (match[5] !== undefined) items = repo.reactions[Number(match[5])] ?? [];
    else if (match[4] === 'reviews') items = repo.reviews[Number(match[3])] ?? [];
    else if (match[4] === 'comments') items = repo.comments[Number(match[3])] ?? [];
    else {
      // pulls?sort=updated&direction=desc, as the client asks.
      const desc = url.searchParams.get('direction') !== 'asc';
      items = [...repo.pulls].sort((a, b) => {
        const order = String((a as { updated_at: string }).updated_at).localeCompare(
          String((b as { updated_at: string }).updated_at),
        );
        return desc ? -order : order;
      });
    }
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), PAGE_SIZE_CAP);
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string): string => {
      const next = new URL(url.toString());
      next.searchParams.set('page', String(p));
      return `<${next.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'));
    send(res, 200, items.slice((page - 1) * perPage, page * perPage), {
      ...rateHeaders(used),
      ...(links.length > 0 ? { link: links.join(', ') } : {}),
    });
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    failures,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
