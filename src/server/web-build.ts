import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the built web app lives; the server serves this folder at `/`. */
export const webDistDir = path.join(projectRoot, 'dist/web');
const webSourceDir = path.join(projectRoot, 'src/web');
const stampFile = path.join(webDistDir, '.build-stamp');
const lockDir = path.join(projectRoot, 'dist/.web-build.lock');

/** Inputs that change the bundle: the web sources, the Vite config and the locked dependency versions. */
const extraInputs = ['vite.config.ts', 'package-lock.json'].map((file) => path.join(projectRoot, file));

async function newestInputMtime(): Promise<number> {
  let newest = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, (await stat(full)).mtimeMs);
    }
  };
  await walk(webSourceDir);
  for (const file of extraInputs) {
    newest = Math.max(
      newest,
      await stat(file).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    );
  }
  return newest;
}

/** True when dist/web is missing or older than any web source (checked by modification times, ~10 ms). */
export async function isWebBuildStale(): Promise<boolean> {
  const built = await stat(stampFile).then(
    (s) => s.mtimeMs,
    () => -1,
  );
  if (built < 0) return true;
  return (await newestInputMtime()) > built;
}

async function acquireLock(): Promise<() => Promise<void>> {
  await mkdir(path.dirname(lockDir), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      await mkdir(lockDir);
      return () => rm(lockDir, { recursive: true, force: true });
    } catch {
      // Another process (a parallel test file, a second `npm start`) is building: wait for it.
      const age = await stat(lockDir).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 120_000) await rm(lockDir, { recursive: true, force: true });
      if (Date.now() - started > 180_000)
        throw new Error(`web build lock ${lockDir} held for over 3 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Builds the web app with Vite when dist/web is missing or stale; returns whether it built. */
export async function ensureWebBuild(options: { quiet?: boolean; force?: boolean } = {}): Promise<boolean> {
  if (options.force !== true && !(await isWebBuildStale())) return false;
  const release = await acquireLock();
  try {
    if (options.force !== true && !(await isWebBuildStale())) return false;
    const startedAt = Date.now();
    const { build } = await import('vite');
    // Built beside dist/web and swapped in whole: a server running meanwhile (a test, `npm start`)
    // keeps serving the old bundle instead of 404s from a half-emptied folder.
    const nextDir = `${webDistDir}.next`;
    const oldDir = `${webDistDir}.old`;
    await rm(nextDir, { recursive: true, force: true });
    await build({
      configFile: path.join(projectRoot, 'vite.config.ts'),
      logLevel: options.quiet === true ? 'error' : 'warn',
      build: { outDir: nextDir, emptyOutDir: true },
    });
    await writeFile(path.join(nextDir, '.build-stamp'), `${new Date().toISOString()}\n`);
    await rm(oldDir, { recursive: true, force: true });
    await rename(webDistDir, oldDir).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
    await rename(nextDir, webDistDir);
    await rm(oldDir, { recursive: true, force: true });
    if (options.quiet !== true) console.log(`web app built into dist/web in ${Date.now() - startedAt} ms`);
    return true;
  } finally {
    await release();
  }
}

// `npm start` runs this file first (prestart): build only when needed, so a warm start stays fast.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureWebBuild({ force: process.argv.includes('--force') }).catch((error: unknown) => {
    console.error('web app build failed:', error);
    process.exit(1);
  });
}
