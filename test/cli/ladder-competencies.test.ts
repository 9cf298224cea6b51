import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLadderInProcess } from '../helpers/cli-in-process.js';

const exampleFile = path.resolve('ladders/examples/software-engineer.yaml');

const ladder = runLadderInProcess;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ladder-competencies-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the example competency ladder through the CLI', () => {
  it('validates', async () => {
    const result = await ladder(['ladder', 'validate', exampleFile]);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('ok (software-engineer-example version 2026-03-01, 7 levels)');
  });

  it('renders a level with its competencies grouped by category (Markdown and HTML)', async () => {
    const md = await ladder(['ladder', 'render', exampleFile, '--level', 'IC3', '--format', 'md']);
    expect(md.code, md.err).toBe(0);
    const at = (text: string) => md.out.indexOf(text);
    expect(at('## Competencies')).toBeGreaterThan(0);
    expect(at('### Technical craft')).toBeGreaterThan(at('## Competencies'));
    expect(at('- **Code quality** — Sets the standard')).toBeGreaterThan(at('### Technical craft'));
    expect(at('### Working with people')).toBeGreaterThan(at('- **Running what we ship**'));
    expect(at('## Promotion to IC4')).toBeGreaterThan(at('- **Growing others**'));
    const html = await ladder(['ladder', 'render', exampleFile, '--level', 'IC3', '--format', 'html']);
    expect(html.out).toContain('<section id="competencies"><h2>Competencies</h2><h3>Technical craft</h3>');
  });

  it('compares two levels competency by competency', async () => {
    const result = await ladder(['ladder', 'compare', exampleFile, 'IC1', 'IC2']);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(
      '| competencies: Working with people | Growing others | — | Helps newer colleagues find their way in the codebase. | ≠ |',
    );
  });

  it('diffs per competency', async () => {
    const next = path.join(dir, 'next.yaml');
    const source = await readFile(exampleFile, 'utf8');
    await writeFile(
      next,
      source
        .replace('version: 2026-03-01', 'version: 2026-09-01')
        .replace(
          'text: Says early when a task is stuck.',
          'text: Says early, in writing, when a task is stuck.',
        ),
    );
    const result = await ladder(['ladder', 'diff', exampleFile, next]);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(
      '    ~ expectations[communication].text: "Says early when a task is stuck." → "Says early, in writing, when a task is stuck."',
    );
  });

  it('refuses an expectation for an undeclared area with FILE:LINE:COLUMN', async () => {
    const bad = path.join(dir, 'bad.yaml');
    const source = (await readFile(exampleFile, 'utf8')).replace('- area: operations', '- area: ops');
    await writeFile(bad, source);
    const line = source.split('\n').findIndex((l) => l.includes('- area: ops')) + 1;
    const result = await ladder(['ladder', 'validate', bad]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      `${bad}:${line}:15: levels[0].expectations[2].area: unknown competency area "ops" (areas: code-quality, system-design, operations, communication, growing-others, people-management, delivery, recruiting)`,
    );
  });
});
