/**
 * Copies the chosen browser-test screenshots into docs/web/ as small palette PNGs and writes the list of
 * each role's screens into docs/web.md (between its `screens:start` and `screens:end` markers).
 *
 *   npx vitest run test/browser/<the tests that make them>   # writes test-results/screenshots/*.png
 *   npx tsx test/browser/docs-screenshots.ts                 # copies the chosen ones, updates docs/web.md
 *
 * Only the screens listed in DOC_SCREENS are copied, never the whole folder: each is cut to its top
 * MAX_HEIGHT pixels (the answer a screen gives is on top) and quantised to 256 colours, and the whole set
 * must stay under MAX_TOTAL_BYTES.
 */
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import UPNG from 'upng-js';

export interface DocScreen {
  role: 'Signed out' | 'Builder' | 'Mentor' | 'Panelist' | 'Leadership' | 'Client contact';
  /** The screenshot's name in test-results/screenshots/ (without .png), as the browser test saves it. */
  source: string;
  /** The file in docs/web/ (without .png). */
  name: string;
  /** What the screen is for, in the docs' words. */
  caption: string;
  /** The browser test that makes it. */
  test: string;
}

export const DOC_SCREENS: readonly DocScreen[] = [
  {
    role: 'Signed out',
    source: 'deep-link-signed-out-sign-in',
    name: 'sign-in',
    caption: 'Sign-in (`/sign-in`)',
    test: 'deep-links.test.ts',
  },
  {
    role: 'Builder',
    source: 'home-builder-1366',
    name: 'builder-home',
    caption: 'Home (`/`): what stands between me and the next level, what is due',
    test: 'role-homes.test.ts',
  },
  {
    role: 'Builder',
    source: 'builder-path-records',
    name: 'builder-path',
    caption: 'My path (`/path`): readiness per metric with the records behind it',
    test: 'builder-path.test.ts',
  },
  {
    role: 'Builder',
    source: 'builder-record-decision-form',
    name: 'builder-record-evidence',
    caption: 'Record evidence (`/evidence`)',
    test: 'builder-path.test.ts',
  },
  {
    role: 'Mentor',
    source: 'home-mentor-1366',
    name: 'mentor-home',
    caption: 'Home (`/`): mentees, check-ins due, what I am owed this month by currency',
    test: 'role-homes.test.ts',
  },
  {
    role: 'Mentor',
    source: 'mentor-statement-1366',
    name: 'mentor-statement',
    caption: 'Statement (`/mentoring/statement`): the month’s accruals and totals per currency',
    test: 'mentor.test.ts',
  },
  {
    role: 'Panelist',
    source: 'home-panelist-1366',
    name: 'panelist-home',
    caption: 'Home (`/`): cases waiting for my score sheet',
    test: 'role-homes.test.ts',
  },
  {
    role: 'Panelist',
    source: 'promotion-loop-4-score-sheet',
    name: 'panelist-score-sheet',
    caption: 'Score sheet (`/panel/cases/:id`)',
    test: 'promotion-loop.test.ts',
  },
  {
    role: 'Leadership',
    source: 'home-leadership-1366',
    name: 'leadership-home',
    caption: 'Home (`/`): eligible builders, overdue check-ins, cases waiting, the month’s payouts',
    test: 'role-homes.test.ts',
  },
  {
    role: 'Leadership',
    source: 'board-l4-names-target-line',
    name: 'leadership-board',
    caption: 'Readiness board (`/leadership`): names, target line, a bar opens the builder',
    test: 'readiness-board-standard.test.ts',
  },
  {
    role: 'Leadership',
    source: 'roster-l4-longest-at-level',
    name: 'leadership-roster',
    caption: 'Roster (`/leadership/roster`): search, filter, sort',
    test: 'readiness-board-standard.test.ts',
  },
  {
    role: 'Leadership',
    source: 'promotion-loop-2-picker',
    name: 'leadership-panel-picker',
    caption: 'A case’s panel picker (`/panel/cases/:id`): who may sit and why not',
    test: 'promotion-loop.test.ts',
  },
  {
    role: 'Leadership',
    source: 'promotion-loop-6-decided',
    name: 'leadership-case-decided',
    caption: 'A decided case: the outcome and what the level brings',
    test: 'promotion-loop.test.ts',
  },
  {
    role: 'Leadership',
    source: 'leadership-payouts-month',
    name: 'leadership-payouts',
    caption: 'Payouts (`/leadership/payouts`): one chart per currency',
    test: 'mentor.test.ts',
  },
  {
    role: 'Leadership',
    source: 'leadership-audit',
    name: 'leadership-audit',
    caption: 'Audit log (`/leadership/audit`): people by name',
    test: 'panel-leadership.test.ts',
  },
  {
    role: 'Leadership',
    source: 'accounts-2-created-temporary-password',
    name: 'leadership-accounts',
    caption:
      'People & accounts (`/leadership/accounts`): a new account’s temporary password, shown once; change role, disable, reset',
    test: 'accounts.test.ts',
  },
  {
    role: 'Leadership',
    source: 'accounts-3-panelist-must-set-password',
    name: 'temporary-password-change',
    caption: 'After a temporary password: the person sets their own before anything else',
    test: 'accounts.test.ts',
  },
  {
    role: 'Client contact',
    source: 'home-client-1366',
    name: 'client-home',
    caption: 'Home (`/`): my builders, each with “Give feedback”',
    test: 'role-homes.test.ts',
  },
  {
    role: 'Client contact',
    source: 'deep-link-client-feedback',
    name: 'client-feedback',
    caption: 'Give feedback (`/feedback`)',
    test: 'deep-links.test.ts',
  },
];

/** A screen's top part is what the docs show: taller screenshots are cut here. */
export const MAX_HEIGHT = 1400;
/** The whole set of docs/web/*.png must stay below this. */
export const MAX_TOTAL_BYTES = 2_000_000;

/** `png` cut to its top `maxHeight` rows and re-encoded with at most 256 colours (a palette PNG). */
export function shrinkScreenshot(png: Uint8Array, maxHeight = MAX_HEIGHT): Uint8Array {
  const image = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer);
  const rgba = new Uint8Array(UPNG.toRGBA8(image)[0] ?? new ArrayBuffer(0));
  const height = Math.min(image.height, maxHeight);
  const top = rgba.slice(0, image.width * height * 4);
  return new Uint8Array(UPNG.encode([top.buffer], image.width, height, 256));
}

/** The Markdown list of each role's screens, as docs/web.md shows it between its markers. */
export function screensMarkdown(screens: readonly DocScreen[] = DOC_SCREENS): string {
  const lines: string[] = [];
  let role: string | null = null;
  for (const screen of screens) {
    if (screen.role !== role) {
      role = screen.role;
      lines.push('', `### ${role}`, '');
    }
    lines.push(
      `- ${screen.caption} — made by test/browser/${screen.test}`,
      '',
      `  ![${screen.caption.replace(/[`[\]]/g, '')}](web/${screen.name}.png)`,
    );
  }
  return lines.join('\n').trim();
}

export const SCREENS_START = '<!-- screens:start (written by test/browser/docs-screenshots.ts) -->';
export const SCREENS_END = '<!-- screens:end -->';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  const from = path.join(root, 'test-results/screenshots');
  const to = path.join(root, 'docs/web');
  await mkdir(to, { recursive: true });
  const missing: string[] = [];
  for (const screen of DOC_SCREENS) {
    const source = path.join(from, `${screen.source}.png`);
    const found = await stat(source).catch(() => undefined);
    if (found === undefined) missing.push(`${screen.source}.png (run test/browser/${screen.test})`);
  }
  if (missing.length > 0) throw new Error(`screenshots missing in ${from}:\n  ${missing.join('\n  ')}`);
  const wanted = new Set(DOC_SCREENS.map((s) => `${s.name}.png`));
  for (const file of await readdir(to)) if (!wanted.has(file)) await rm(path.join(to, file));
  let total = 0;
  for (const screen of DOC_SCREENS) {
    const small = shrinkScreenshot(await readFile(path.join(from, `${screen.source}.png`)));
    await writeFile(path.join(to, `${screen.name}.png`), small);
    total += small.byteLength;
    console.log(`docs/web/${screen.name}.png  ${Math.round(small.byteLength / 1024)} KB`);
  }
  console.log(`total ${Math.round(total / 1024)} KB`);
  if (total > MAX_TOTAL_BYTES)
    throw new Error(
      `docs/web/*.png total ${total} bytes, over ${MAX_TOTAL_BYTES}: choose fewer or cut lower`,
    );
  const docPath = path.join(root, 'docs/web.md');
  const doc = await readFile(docPath, 'utf8');
  const start = doc.indexOf(SCREENS_START);
  const end = doc.indexOf(SCREENS_END);
  if (start < 0 || end < start)
    throw new Error(`docs/web.md has no ${SCREENS_START} … ${SCREENS_END} markers`);
  const next = `${doc.slice(0, start + SCREENS_START.length)}\n${screensMarkdown()}\n${doc.slice(end)}`;
  await writeFile(docPath, next);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
