import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEnglish from '@zxcvbn-ts/language-en';

// argon2id with the library's defaults (19 MiB, t=2, p=1: OWASP's recommended minimum). The enum is a
// `const enum` in the typings, which isolated modules cannot read, hence the literal.
const ARGON2ID = 2 as Algorithm;

/** Hashes a password with argon2id; the result embeds its salt and parameters. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

/** True when `password` matches `passwordHash`; false (never a throw) for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
/**
 * The lowest zxcvbn score (0–4) a new password may have. 3 means the estimator needs at least 10^8
 * guesses: far beyond what the sign-in limit lets anyone try online, and a real cost offline against
 * argon2id. 2 (10^6–10^8) would admit things like `Password2026!`-style variations of common words.
 */
export const PASSWORD_MIN_SCORE = 3;

/** Why a new password is refused: a one-line message plus the estimator's own advice. */
export interface PasswordProblem {
  message: string;
  score?: number;
  warning?: string;
  suggestions?: string[];
}

// Built on first use: loading the dictionaries takes ~250 ms, which `ladder migrate` should not pay.
let estimator: ZxcvbnFactory | undefined;

function estimate(password: string, userInputs: string[]): ZxcvbnResult {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEnglish.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEnglish.translations,
  });
  return estimator.check(password, userInputs);
}

/**
 * Why a new password is refused, or null when it is acceptable: 12–256 characters and a zxcvbn score
 * of at least PASSWORD_MIN_SCORE. `userInputs` (the email, the product's name) count as known words, so
 * a password built from them is weaker than it looks.
 */
export function passwordProblem(password: string, userInputs: string[] = []): PasswordProblem | null {
  if (password.length < PASSWORD_MIN) return { message: `at least ${PASSWORD_MIN} characters` };
  if (password.length > PASSWORD_MAX) return { message: `at most ${PASSWORD_MAX} characters` };
  const inputs = ['ladder', ...userInputs.flatMap((input) => [input, ...input.split(/[@.\-_+]/)])].filter(
    (input) => input.length >= 3,
  );
  const result = estimate(password, inputs);
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const warning = result.feedback.warning ?? undefined;
  const suggestions = result.feedback.suggestions;
  const advice = [warning, ...suggestions].filter(
    (line): line is string => line !== undefined && line !== '',
  );
  const problem: PasswordProblem = {
    message: `too easy to guess (strength ${result.score} of 4, at least ${PASSWORD_MIN_SCORE} needed)${
      advice.length > 0 ? `: ${advice.join(' ')}` : ''
    }`,
    score: result.score,
    suggestions,
  };
  if (warning !== undefined) problem.warning = warning;
  return problem;
}
