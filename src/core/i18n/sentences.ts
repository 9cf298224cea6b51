import type { Locale } from '../ladder/ladder-locale.js';

/**
 * The sentences core writes into answers (readiness gaps), as a stable code with parameters plus the
 * text in the ladder's language (issue 16, ADR 0029). A client may key on `code` and read `params`;
 * people read the text. English is the text the answers always had, word for word.
 */

/** Every sentence's parameters, by code. Level ids are given as the answer names them. */
export interface SentenceParams {
  'readiness.level_unknown': { version: string; level: string };
  'readiness.no_ranking_standard': { level: string; not_written: boolean };
  'readiness.no_promotion': { level: string; not_written: boolean };
  'readiness.requirements_unwritten': { level: string; targets: string[]; not_written: boolean };
  'requirement.tenure_not_reached': { months: number; level: string; met_on: string; level_since: string };
  'requirement.assessment_not_assessed': Record<string, never>;
  'requirement.assessment_not_passed': { case_id: string; decided_on: string };
  'requirement.mentees_advanced_short': { missing: number };
  'requirement.placements_retained_short': { missing: number; flags: string[] };
  /** A ranking-standard metric's gap: its own sentence is English only for now (`text`). */
  'metric.not_met': { metric: string; text: string };
}

export type SentenceCode = keyof SentenceParams;

/** One sentence: what it says (code + parameters), independent of any language. */
export type Sentence = {
  [C in SentenceCode]: { code: C; params: SentenceParams[C] };
}[SentenceCode];

/** A sentence with its text in one language, as the API gives it. */
export type WrittenSentence = Sentence & { text: string };

/** Builds a sentence, checking its parameters against its code. */
export function sentence<C extends SentenceCode>(code: C, params: SentenceParams[C]): Sentence {
  return { code, params } as Sentence;
}

type Catalogue = { [C in SentenceCode]: (p: SentenceParams[C]) => string };

const plural = (n: number, one: string, other: string): string => (n === 1 ? one : other);
const joinWith = (items: readonly string[], word: string): string =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1) ?? ''}`;

const EN: Catalogue = {
  'readiness.level_unknown': (p) => `the ladder (version ${p.version}) has no level ${p.level}`,
  'readiness.no_ranking_standard': (p) =>
    `the ladder has no ranking standard for ${p.level} yet${p.not_written ? ' (its page is not written)' : ''}`,
  'readiness.no_promotion': (p) =>
    `the ladder defines no promotion from ${p.level}${p.not_written ? ' (its page is not written)' : ''}`,
  'readiness.requirements_unwritten': (p) =>
    `the ladder does not say yet what a promotion from ${p.level} to ${p.targets.join(' or ')} requires${p.not_written ? ' (its page is not written)' : ''}`,
  'requirement.tenure_not_reached': (p) =>
    `${p.months} months at ${p.level} are reached on ${p.met_on} (the level began ${p.level_since})`,
  'requirement.assessment_not_assessed': () =>
    'the qualification assessment: not assessed yet (a promotion case decides it)',
  'requirement.assessment_not_passed': (p) =>
    `the qualification assessment: not passed (case ${p.case_id}, decided ${p.decided_on})`,
  'requirement.mentees_advanced_short': (p) =>
    `${p.missing} more ${plural(p.missing, 'mentee', 'mentees')} advanced to the next level while you mentored them`,
  'requirement.placements_retained_short': (p) =>
    `${p.missing} more ${plural(p.missing, 'placement', 'placements')} begun at this level that the client ${joinWith(
      p.flags.map((flag) => (flag === 'requested_back' ? 'requested you back' : flag.replaceAll('_', ' '))),
      'or',
    )}`,
  'metric.not_met': (p) => p.text,
};

// French follows French rules: "one" covers 0 and 1 (as the web's ICU plurals do), dates stay ISO as in English.
const frPlural = (n: number, one: string, other: string): string => (n <= 1 ? one : other);
const pageNotWrittenFr = (notWritten: boolean): string => (notWritten ? ' (sa page n’est pas écrite)' : '');

const FR: Catalogue = {
  'readiness.level_unknown': (p) => `l’échelle (version ${p.version}) n’a pas de niveau ${p.level}`,
  'readiness.no_ranking_standard': (p) =>
    `l’échelle ne définit pas encore de standard de classement pour ${p.level}${pageNotWrittenFr(p.not_written)}`,
  'readiness.no_promotion': (p) =>
    `l’échelle ne définit aucune promotion depuis ${p.level}${pageNotWrittenFr(p.not_written)}`,
  'readiness.requirements_unwritten': (p) =>
    `l’échelle ne dit pas encore ce qu’exige une promotion de ${p.level} à ${p.targets.join(' ou ')}${pageNotWrittenFr(p.not_written)}`,
  'requirement.tenure_not_reached': (p) =>
    `${p.months} mois en ${p.level} seront atteints le ${p.met_on} (le niveau a commencé le ${p.level_since})`,
  'requirement.assessment_not_assessed': () =>
    'l’évaluation de qualification : pas encore évaluée (un dossier de promotion en décide)',
  'requirement.assessment_not_passed': (p) =>
    `l’évaluation de qualification : non réussie (dossier ${p.case_id}, décidé le ${p.decided_on})`,
  'requirement.mentees_advanced_short': (p) =>
    `encore ${p.missing} ${frPlural(p.missing, 'mentoré passé', 'mentorés passés')} au niveau suivant pendant votre mentorat`,
  'requirement.placements_retained_short': (p) =>
    `encore ${p.missing} ${frPlural(p.missing, 'mission commencée', 'missions commencées')} à ce niveau que le client a ${joinWith(
      p.flags.map((flag) => (flag === 'requested_back' ? 'redemandée' : 'prolongée')),
      'ou',
    )}`,
  'metric.not_met': (p) => p.text,
};

const CATALOGUES: Record<Locale, Catalogue> = { en: EN, fr: FR };

/** The text of a sentence in a language (English when the ladder declares none). */
export function sentenceText(said: Sentence, locale: Locale = 'en'): string {
  const write = CATALOGUES[locale][said.code] as (p: Sentence['params']) => string;
  return write(said.params);
}

/** A sentence with its text in `locale`, as the API gives it. */
export function writeSentence(said: Sentence, locale: Locale = 'en'): WrittenSentence {
  return { ...said, text: sentenceText(said, locale) };
}
