import { hash, verify, type Algorithm } from '@node-rs/argon2';

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

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `password: at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `password: at most ${PASSWORD_MAX} characters`;
  return null;
}
