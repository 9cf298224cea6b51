import { isIP } from 'node:net';
import { z } from 'zod';
import { parseDatabaseUrl, type DatabaseTarget } from './database-url.js';

export { parseDatabaseUrl, type DatabaseTarget } from './database-url.js';

/**
 * Which proxies' `X-Forwarded-For` / `X-Forwarded-Proto` to believe, as Fastify's `trustProxy` takes it:
 * false (the default: the TCP peer is the client), true (any peer — only when nothing but the proxy can
 * reach the server), a hop count, or addresses / CIDR ranges / `loopback`, `linklocal`, `uniquelocal`.
 */
export type TrustProxy = boolean | number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

/** Reads TRUST_PROXY: unset/false, true, a hop count, or a comma-separated list of addresses and ranges. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isProxyAddress(entry));
  if (bad !== undefined)
    throw new Error(
      `${JSON.stringify(bad)} is not an address, CIDR range or loopback/linklocal/uniquelocal (or use true, false, a hop count)`,
    );
  return entries;
}

const envSchema = z.object({
  DATABASE_URL: z.string().optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a whole number')
    .min(0, 'expected 0–65535')
    .max(65535, 'expected 0–65535')
    .default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LADDER_DEMO: z.enum(['0', '1', 'true', 'false']).default('1'),
  LADDER_OPERATOR: z.string().min(1).optional(),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx): TrustProxy => {
      try {
        return parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
});

export interface Config {
  database: DatabaseTarget;
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  demo: boolean;
  operator: string;
  trustProxy: TrustProxy;
}

/** Thrown when the environment is wrong; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once into a typed Config, or throws a ConfigError naming the variables. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '?');
      problems.push(`${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`);
    }
  }
  let database: DatabaseTarget | undefined;
  try {
    database = parseDatabaseUrl(env.DATABASE_URL, cwd);
  } catch (error) {
    problems.push(`DATABASE_URL: ${(error as Error).message}`);
  }
  if (!parsed.success || database === undefined || problems.length > 0) throw new ConfigError(problems);
  const values = parsed.data;
  return {
    database,
    host: values.HOST,
    port: values.PORT,
    logLevel: values.LOG_LEVEL,
    demo: values.LADDER_DEMO === '1' || values.LADDER_DEMO === 'true',
    operator: values.LADDER_OPERATOR ?? env.USER ?? 'operator',
    trustProxy: values.TRUST_PROXY,
  };
}
