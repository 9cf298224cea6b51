import { z } from 'zod';
import { emailSchema, recordIdSchema } from '../evidence/evidence.schema.js';

/**
 * Who is who outside ladder (issue 10): a person's GitHub login(s) and a client's analytics project(s).
 * Imports look people and clients up through these mappings; an unmapped login or project is skipped,
 * never guessed.
 */

/** A GitHub login: letters, digits and single hyphens, at most 39 characters; compared lower-case. */
export const githubLoginSchema = z
  .string({ error: 'expected a GitHub login' })
  .trim()
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/,
    'expected a GitHub login (letters, digits, -)',
  )
  .transform((value) => value.toLowerCase());

export const ANALYTICS_PROVIDERS = ['posthog', 'mixpanel'] as const;
export type AnalyticsProvider = (typeof ANALYTICS_PROVIDERS)[number];

/** A project id as it appears in an analytics tool (PostHog project id, Mixpanel project id or token). */
export const analyticsProjectIdSchema = z
  .string({ error: 'expected a project id' })
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/,
    'expected a project id of letters, digits, . _ : - (max 128)',
  );

/** Links a GitHub login to a person of the roster. */
export const personAccountInputSchema = z.strictObject({
  provider: z.literal('github', { error: 'expected provider github' }),
  account: githubLoginSchema,
  person: emailSchema,
});
export type PersonAccountInput = z.output<typeof personAccountInputSchema>;

/** Links an analytics project to a client. */
export const analyticsProjectInputSchema = z.strictObject({
  provider: z.enum(ANALYTICS_PROVIDERS, { error: `expected one of: ${ANALYTICS_PROVIDERS.join(', ')}` }),
  project: analyticsProjectIdSchema,
  client: recordIdSchema,
});
export type AnalyticsProjectInput = z.output<typeof analyticsProjectInputSchema>;

/** One row of accounts.csv: `provider,account,owner` — owner is a person's email or a client id. */
export const accountsCsvRowSchema = z.strictObject({
  provider: z.enum(['github', ...ANALYTICS_PROVIDERS], {
    error: 'expected one of: github, posthog, mixpanel',
  }),
  account: z.string({ error: 'required field is missing' }),
  owner: z.string({ error: 'required field is missing' }),
});
