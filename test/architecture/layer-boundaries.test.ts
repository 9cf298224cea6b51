import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layering rule of eslint.config.js, exercised through ESLint itself: a route or CLI command calls a
 * service, never a repository (type-only imports included), while services may. Only the boundaries
 * rule runs, without type information, so the check is quick and names the offending import.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({
  cwd: root,
  ruleFilter: ({ ruleId }) => ruleId === 'boundaries/dependencies',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
});

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).map((m) => `${m.line}: ${m.ruleId ?? 'parse'}: ${m.message}`);
}

const REPOSITORY_IMPORTS = (prefix: string) => `
import type { PlacementFilter } from '${prefix}db/repositories/roster.repository.js';
import { findEvidence } from '${prefix}db/repositories/evidence.repository.js';
export const probe = (filter: PlacementFilter) => [filter, findEvidence];
`;

describe('layer boundaries (eslint-plugin-boundaries)', () => {
  it.each([
    ['src/server/routes/probe.routes.ts', '../../'],
    ['src/server/probe.ts', '../'],
    ['src/cli/commands/probe.ts', '../../'],
  ])('refuses repository imports, value and type-only, from %s', async (file, prefix) => {
    const found = await violations(file, REPOSITORY_IMPORTS(prefix));
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^2: boundaries\/dependencies: .*"(server|cli)".*"repositories"/);
    expect(found[1]).toMatch(/^3: boundaries\/dependencies: .*"(server|cli)".*"repositories"/);
  });

  it('lets a service import a repository, and a route import services and the connection type', async () => {
    expect(await violations('src/services/probe.service.ts', REPOSITORY_IMPORTS('../'))).toEqual([]);
    expect(
      await violations(
        'src/server/routes/probe.routes.ts',
        `import type { DatabaseHandle } from '../../db/connection.js';
import { buildServices } from '../../services/composition-root.js';
export const probe = (database: DatabaseHandle) => buildServices({ database, clock: { now: () => new Date() } });
`,
      ),
    ).toEqual([]);
  });

  it('finds no repository import in any file of src/server or src/cli today', async () => {
    const files: string[] = [];
    for (const dir of ['src/server', 'src/cli']) {
      for (const entry of await readdir(path.join(root, dir), { recursive: true })) {
        if (entry.endsWith('.ts')) files.push(path.join(root, dir, entry));
      }
    }
    expect(files.length).toBeGreaterThan(20);
    const results = await eslint.lintFiles(files);
    const found = results.flatMap((r) =>
      r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line}: ${m.message}`),
    );
    expect(found).toEqual([]);
  });
});
