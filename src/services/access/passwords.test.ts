import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_SCORE, passwordProblem } from './passwords.js';

describe('password rule', () => {
  it('refuses twelve repeated characters and twelve spaces, passing on the estimator’s advice', () => {
    for (const weak of ['aaaaaaaaaaaa', ' '.repeat(12)]) {
      const problem = passwordProblem(weak);
      expect(problem).toMatchObject({ score: 0, warning: expect.stringMatching(/repeated/i) });
      expect(problem?.message).toMatch(/too easy to guess \(strength 0 of 4, at least 3 needed\)/);
      expect(problem?.message).toMatch(/Repeated characters/);
    }
  });

  it('draws the line between score 2 and score 3', () => {
    expect(PASSWORD_MIN_SCORE).toBe(3);
    expect(passwordProblem('Password2026!')).toMatchObject({ score: 2 });
    expect(passwordProblem('Summer2026!!')).toBeNull();
  });

  it('counts the person’s own email as a known word', () => {
    expect(passwordProblem('ana@example.test')).toBeNull();
    expect(passwordProblem('ana@example.test', ['ana@example.test'])).toMatchObject({ score: 0 });
  });

  it('keeps the length bounds and accepts a passphrase', () => {
    expect(passwordProblem('short')).toEqual({ message: 'at least 12 characters' });
    expect(passwordProblem('x'.repeat(257))).toEqual({ message: 'at most 256 characters' });
    expect(passwordProblem('correct horse battery staple')).toBeNull();
  });
});
