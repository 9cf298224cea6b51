import { describe, expect, it } from 'vitest';
import { sentence, sentenceText, writeSentence } from './sentences.js';

describe('sentences in the ladder’s language (ADR 0029)', () => {
  it('writes English by default, word for word as the answers always had it', () => {
    expect(sentenceText(sentence('requirement.mentees_advanced_short', { missing: 1 }))).toBe(
      '1 more mentee advanced to the next level while you mentored them',
    );
    expect(
      sentenceText(
        sentence('requirement.placements_retained_short', {
          missing: 2,
          flags: ['extended', 'requested_back'],
        }),
      ),
    ).toBe('2 more placements begun at this level that the client extended or requested you back');
    expect(
      sentenceText(
        sentence('readiness.requirements_unwritten', { level: 'L3', targets: ['L4'], not_written: true }),
      ),
    ).toBe('the ladder does not say yet what a promotion from L3 to L4 requires (its page is not written)');
  });

  it('writes French with French plurals (one covers 0 and 1)', () => {
    const say = (missing: number): string =>
      sentenceText(sentence('requirement.mentees_advanced_short', { missing }), 'fr');
    expect(say(1)).toBe('encore 1 mentoré passé au niveau suivant pendant votre mentorat');
    expect(say(2)).toBe('encore 2 mentorés passés au niveau suivant pendant votre mentorat');
    expect(
      sentenceText(
        sentence('requirement.placements_retained_short', {
          missing: 1,
          flags: ['extended', 'requested_back'],
        }),
        'fr',
      ),
    ).toBe('encore 1 mission commencée à ce niveau que le client a prolongée ou redemandée');
  });

  it('keeps the code and parameters beside the text', () => {
    const said = sentence('requirement.assessment_not_passed', { case_id: '7', decided_on: '2026-01-02' });
    expect(writeSentence(said, 'fr')).toEqual({
      code: 'requirement.assessment_not_passed',
      params: { case_id: '7', decided_on: '2026-01-02' },
      text: 'l’évaluation de qualification : non réussie (dossier 7, décidé le 2026-01-02)',
    });
  });
});
