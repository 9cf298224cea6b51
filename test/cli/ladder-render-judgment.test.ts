import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLadderInProcess } from '../helpers/cli-in-process.js';

const exampleFile = path.resolve('ladders/examples/software-engineer.yaml');
const shippedFile = path.resolve('ladders/ai-first-business-manager.yaml');
const golden = path.resolve('test/fixtures/ladders/rendered/ai-first-business-manager');

const ladder = runLadderInProcess;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ladder-render-judgment-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ladder ladder render: a promotion by judgment', () => {
  it('prints who decides, minimum and typical time, and what the panel weighs (Markdown)', async () => {
    const result = await ladder(['ladder', 'render', exampleFile, '--level', 'IC1', '--format', 'md']);
    expect(result.code, result.err).toBe(0);
    const section = result.out.slice(result.out.indexOf('## Promotion to IC2'));
    expect(section).toBe(
      [
        '## Promotion to IC2',
        '',
        'Promotion to IC2 is decided by a panel’s judgment, not by a checklist: what the panel weighs is listed below, and none of it is counted as met or missing.',
        '',
        '### Requirements',
        '',
        '- Six months as Engineer I',
        '',
        '### Time at This Level',
        '',
        '- **Minimum** — 6 months at IC1',
        '- **Typical** — 12–18 months at IC1 (advice: how long people usually stay, never a requirement)',
        '',
        '### What the Panel Weighs',
        '',
        '- **Delivers small tasks on their own** — Evidence: features, code reviews.',
        '- **Learns from review** — Evidence: code reviews, retros.',
        '',
      ].join('\n'),
    );
  });

  it('writes the same section into the HTML page', async () => {
    const out = path.join(dir, 'ic2.html');
    const result = await ladder(['ladder', 'render', exampleFile, '--level', 'IC2', '--out', out]);
    expect(result.code, result.err).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain(
      '<section id="promotion"><h2>Promotion to IC3</h2><p>Promotion to IC3 is decided by a panel’s judgment',
    );
    expect(html).toContain('<h3>What the Panel Weighs</h3>');
    expect(html).toContain('<li><strong>Designs within the system</strong> — Evidence: ADRs.</li>');
    expect(html).toContain('<li><strong>Typical</strong> — 18–30 months at IC2 (advice:');
  });

  it('renders the shipped ladder byte for byte as its goldens', async () => {
    for (const level of ['L1', 'L2', 'L3', 'L4', 'L5']) {
      for (const format of ['md', 'html'] as const) {
        const result = await ladder(['ladder', 'render', shippedFile, '--level', level, '--format', format]);
        expect(result.code, result.err).toBe(0);
        expect(result.out, `${level}.${format}`).toBe(
          await readFile(path.join(golden, `${level}.${format}.golden`), 'utf8'),
        );
      }
    }
  });
});
