/**
 * GitHub pull-request reviews → ledger records (issue 10). Pure: the sync service fetches, this decides.
 * The shapes are the subset of GitHub's REST answers we read (pulls, reviews, review comments, reactions).
 *
 * - A submitted review (not PENDING) by a login mapped to a builder becomes a `code_review` of that
 *   builder: the review's link, and its text (the review body, then its comments) as the lesson.
 * - Someone else of the team citing it as helpful becomes a `review_citation` recorded by them: a +1,
 *   heart or hooray reaction on one of the review's comments, or a reply to one that thanks. One citation
 *   per (review, person), dated by their first sign.
 */

export interface GitHubUser {
  login: string;
}

export interface GitHubPull {
  number: number;
  updated_at: string;
  html_url: string;
}

export interface GitHubReview {
  id: number;
  user: GitHubUser | null;
  body: string | null;
  state: string;
  submitted_at?: string | null;
  html_url: string;
}

export interface GitHubReviewComment {
  id: number;
  pull_request_review_id: number | null;
  in_reply_to_id?: number;
  user: GitHubUser | null;
  body: string;
  created_at: string;
  html_url: string;
  reactions?: { '+1'?: number; heart?: number; hooray?: number; total_count?: number };
}

export interface GitHubReaction {
  id: number;
  user: GitHubUser | null;
  content: string;
  created_at: string;
}

/** The reactions that say "this helped". */
export const CITING_REACTIONS: ReadonlySet<string> = new Set(['+1', 'heart', 'hooray']);

// Words people use to thank a reviewer, in replies such as "Thanks, good catch!" or "thx".
const THANKS = /\b(thanks?|thank you|thx|ty|cheers|good catch|great catch|nice catch|helpful)\b/i;

/** True when a reply thanks the person it answers. */
export function isThanks(body: string): boolean {
  return THANKS.test(body);
}

/** Who a login is on the roster: the person's email, and whether they are a builder. */
export interface TeamDirectory {
  person(login: string): string | undefined;
  isBuilder(email: string): boolean;
}

export interface CodeReviewDraft {
  id: string;
  review_id: number;
  builder: string;
  date: string;
  link: string;
  lesson: string;
}

export interface CitationDraft {
  id: string;
  review_record_id: string;
  builder: string;
  citer: string;
  date: string;
}

/** The ledger id of a review: GitHub ids are unique per GitHub instance. */
export function reviewRecordId(reviewId: number): string {
  return `github:review:${reviewId}`;
}

/** The ledger id of a person's citation of a review (one per person and review). */
export function citationRecordId(reviewId: number, citerLogin: string): string {
  return `github:citation:${reviewId}:${citerLogin.toLowerCase()}`;
}

/** Top-level comments of a review (not replies): the ones whose reactions and replies can cite it. */
export function reviewThreadRoots(
  review: GitHubReview,
  comments: readonly GitHubReviewComment[],
): GitHubReviewComment[] {
  return comments.filter((c) => c.pull_request_review_id === review.id && c.in_reply_to_id === undefined);
}

/** True when a comment may carry citing reactions (GitHub's summary says so, or there is no summary). */
export function mayHaveCitingReactions(comment: GitHubReviewComment): boolean {
  const summary = comment.reactions;
  if (summary === undefined) return true;
  return (summary['+1'] ?? 0) + (summary.heart ?? 0) + (summary.hooray ?? 0) > 0;
}

/**
 * The code reviews and citations one pull request yields. `reactions` holds the reactions of review
 * comments by comment id (only those that were fetched).
 */
export function reviewsOfPull(
  reviews: readonly GitHubReview[],
  comments: readonly GitHubReviewComment[],
  reactions: ReadonlyMap<number, readonly GitHubReaction[]>,
  team: TeamDirectory,
): { reviews: CodeReviewDraft[]; citations: CitationDraft[]; unmapped: number } {
  const drafts: CodeReviewDraft[] = [];
  const citations = new Map<string, CitationDraft>();
  let unmapped = 0;
  for (const review of reviews) {
    if (review.state === 'PENDING' || review.submitted_at == null || review.user === null) continue;
    const builder = team.person(review.user.login);
    if (builder === undefined || !team.isBuilder(builder)) {
      unmapped += 1;
      continue;
    }
    const roots = reviewThreadRoots(review, comments);
    const lesson = [review.body ?? '', ...roots.map((c) => c.body)]
      .map((text) => text.trim())
      .filter((text) => text !== '')
      .join('\n\n');
    const draft: CodeReviewDraft = {
      id: reviewRecordId(review.id),
      review_id: review.id,
      builder,
      date: review.submitted_at.slice(0, 10),
      link: review.html_url,
      lesson,
    };
    drafts.push(draft);
    const cite = (user: GitHubUser | null, at: string): void => {
      if (user === null) return;
      const citer = team.person(user.login);
      if (citer === undefined || citer === builder) return;
      const id = citationRecordId(review.id, user.login);
      const date = at.slice(0, 10);
      const existing = citations.get(id);
      if (existing === undefined || date < existing.date) {
        citations.set(id, { id, review_record_id: draft.id, builder, citer, date });
      }
    };
    const rootIds = new Set(roots.map((c) => c.id));
    for (const root of roots) {
      for (const reaction of reactions.get(root.id) ?? []) {
        if (CITING_REACTIONS.has(reaction.content)) cite(reaction.user, reaction.created_at);
      }
    }
    for (const reply of comments) {
      if (reply.in_reply_to_id !== undefined && rootIds.has(reply.in_reply_to_id) && isThanks(reply.body)) {
        cite(reply.user, reply.created_at);
      }
    }
  }
  return { reviews: drafts, citations: [...citations.values()], unmapped };
}
