import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLadderInProcess } from '../helpers/cli-in-process.js';

const shippedFile = path.resolve('ladders/ai-first-business-manager.yaml');

describe("ladder ladder render --choices: the organisation's own choices", () => {
  it('adds the section listing each choice on the level with its value and why, after the page', async () => {
    const plain = await runLadderInProcess([
      'ladder',
      'render',
      shippedFile,
      '--level',
      'L4',
      '--format',
      'md',
    ]);
    const result = await runLadderInProcess([
      'ladder',
      'render',
      shippedFile,
      '--level',
      'L4',
      '--format',
      'md',
      '--choices',
    ]);
    expect(result.code, result.err).toBe(0);
    expect(result.out.startsWith(plain.out)).toBe(true);
    const section = result.out.slice(plain.out.length);
    expect(section.split('\n').filter((line) => line.startsWith('- **'))).toHaveLength(10);
    expect(section).toContain(
      '- **ranking_standard[mentee-progress].rule.checkin_within_days: 14** — The seed says "active";',
    );
  });
});
