import { z } from 'zod';
import type { EvidenceKind } from './rule-kinds.js';

/**
 * The fixed text of a level's page in each language a ladder may be written in (issue 16): headings,
 * sentences around the file's numbers, the date. The file's own words (titles, items, declared
 * headings) are never translated; `locale` says which language they are in, so the page's own words
 * and its `lang` match them. English is the default, so a ladder without `locale` renders as before.
 */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const localeSchema = z.enum(LOCALES, {
  error: `expected one of: ${LOCALES.join(', ')} (the page's language)`,
});

export interface PageText {
  /** BCP 47 tag for `lang` and for dates. */
  lang: string;
  headings: {
    what_you_do: string;
    ai_skills: string;
    expectations: string;
    self_evaluation: string;
    curriculum: string;
    ranking_standard: string;
    panel: string;
    mentorship: string;
    equivalents: string;
    known: string;
    choices: string;
  };
  promotionTo: (targets: string) => string;
  unlocksAt: (level: string) => string;
  /** Joins promotion targets or mentor levels: "IC4 or M1". */
  or: string;
  monthRange: (from: number, to: number, name: string) => string;
  tableHead: [string, string, string];
  requirements: string;
  /** A requirement followed by its parts ("Pass the assessment:"). */
  withParts: (text: string) => string;
  minimumMonthsAt: (months: number, level: string) => string;
  timeAtLevel: string;
  minimum: string;
  typical: string;
  none: string;
  months: (n: number) => string;
  monthsRange: (from: number, to: number) => string;
  monthsAt: (months: string, level: string) => string;
  typicalAdvice: (months: string, level: string) => string;
  judgment: (targets: string) => string;
  panelWeighs: string;
  evidence: (kinds: string) => string;
  evidenceKinds: Record<EvidenceKind, string>;
  trackOf: (track: string) => string;
  leadsToOneOf: (level: string, n: number) => string;
  gate: string;
  panelSentence: (p: {
    size: number;
    minLevel: string;
    leadership: boolean;
    componentPass: 'majority' | 'unanimous';
    gate: number;
    other: number;
  }) => string;
  youReceive: string;
  youGive: string;
  referralCut: string;
  orgLeadership: (organisation: string | undefined) => string;
  mentorWho: (levels: string, leadership: string | undefined) => string;
  leadershipOnly: (leadership: string) => string;
  noMentor: string;
  receivesLine: (who: string, cadence: string) => string;
  cadence: { weekly: string; biweekly: string };
  mentorCheckins: (cadence: string) => string;
  slots: (n: number, levels: string) => string;
  referralLine: (percent: number, months: number) => string;
  unlockReferral: (percent: number, months: number) => string;
  billingRate: (tier: string) => string;
  equivalentsIntro: string;
  billingTier: string;
  evaluationPanel: string;
  maySitOnPanels: string;
  bridge: string;
  toTrack: (track: string) => string;
  mentoredBy: string;
  mentorOf: (level: string, cadence: string) => string;
  nextLevel: string;
  notice: string;
  notWrittenYet: string;
  version: (version: string) => string;
  choicesIntro: string;
  choicesNone: string;
  onLevel: (level: string) => string;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const EN: PageText = {
  lang: 'en',
  headings: {
    what_you_do: 'What You Do',
    ai_skills: 'AI Skills Required',
    expectations: 'Competencies',
    self_evaluation: 'Self-Evaluation Checklist',
    curriculum: 'Training Curriculum',
    ranking_standard: 'Ranking Standard',
    panel: 'What the Panel Looks For',
    mentorship: 'Mentorship at This Level',
    equivalents: 'Equivalent Levels',
    known: 'What the Ladder Says So Far',
    choices: 'The Organisation’s Own Choices',
  },
  promotionTo: (targets) => `Promotion to ${targets}`,
  unlocksAt: (level) => `What Unlocks at ${level}`,
  or: ' or ',
  monthRange: (from, to, name) => `Month ${from}–${to}: ${name}`,
  tableHead: ['Metric', 'Threshold', 'How It’s Measured'],
  requirements: 'Requirements',
  withParts: (text) => `${text}:`,
  minimumMonthsAt: (months, level) => `Minimum ${months} months at ${level}`,
  timeAtLevel: 'Time at This Level',
  minimum: 'Minimum',
  typical: 'Typical',
  none: 'none',
  months: (n) => plural(n, 'month', 'months'),
  monthsRange: (from, to) => `${from}–${to} months`,
  monthsAt: (months, level) => `${months} at ${level}`,
  typicalAdvice: (months, level) =>
    `${months} at ${level} (advice: how long people usually stay, never a requirement)`,
  judgment: (targets) =>
    `Promotion to ${targets} is decided by a panel’s judgment, not by a checklist: ` +
    'what the panel weighs is listed below, and none of it is counted as met or missing.',
  panelWeighs: 'What the Panel Weighs',
  evidence: (kinds) => `Evidence: ${kinds}.`,
  evidenceKinds: {
    decision: 'decisions',
    feature: 'features',
    retro: 'retros',
    adr: 'ADRs',
    code_review: 'code reviews',
    review_citation: 'review citations',
    mentee_review: 'mentee reviews',
    checkin: 'check-ins',
    client_feedback: 'client feedback',
    escalation: 'escalations',
    curriculum: 'curriculum records',
    self_evaluation: 'self-evaluations',
    milestone_assessment: 'milestone assessments',
  },
  trackOf: (track) => `${track} track`,
  leadsToOneOf: (level, n) => `${level} leads to one of ${n} levels; the first is the usual next step:`,
  gate: 'gate',
  panelSentence: (p) =>
    `A panel of ${p.size} (${p.minLevel} and above${p.leadership ? ', or leadership' : ''}). Each assessment component passes by ` +
    `${p.componentPass} of the panel; the gate criterion needs a median score of at least ${p.gate}, ` +
    `the others at least ${p.other}.`,
  youReceive: 'You receive',
  youGive: 'You give',
  referralCut: 'Referral cut',
  orgLeadership: (organisation) => (organisation === undefined ? 'leadership' : `${organisation} leadership`),
  mentorWho: (levels, leadership) =>
    `${levels} mentor${leadership === undefined ? '' : ` (or ${leadership})`}`,
  leadershipOnly: (leadership) => capitalise(leadership),
  noMentor: 'No mentor',
  receivesLine: (who, cadence) => `${who}, ${cadence} check-ins.`,
  cadence: { weekly: 'weekly', biweekly: 'bi-weekly' },
  mentorCheckins: (cadence) => `${capitalise(cadence)} check-ins.`,
  slots: (n, levels) => `${plural(n, 'mentee slot', 'mentee slots')} (${levels})`,
  referralLine: (percent, months) =>
    `${percent}% of mentee’s monthly rate for ${months} months after placement.`,
  unlockReferral: (percent, months) => `Referral cut: ${percent}% for ${months} months`,
  billingRate: (tier) => `${tier} billing rate`,
  equivalentsIntro:
    'Levels of other tracks that stand level with this one (a move between them is not a promotion):',
  billingTier: 'Billing tier',
  evaluationPanel: 'Evaluation panel',
  maySitOnPanels: 'may serve on promotion panels',
  bridge: 'Bridge',
  toTrack: (track) => `to the ${track} track`,
  mentoredBy: 'Mentored by',
  mentorOf: (level, cadence) => `${level} (${cadence} check-ins)`,
  nextLevel: 'Next level',
  notice:
    'The organisation has not written this level’s page yet. What follows is only what other levels say of it.',
  notWrittenYet: 'Not written yet.',
  version: (version) => `version ${version}`,
  choicesIntro:
    'The page this ladder was written from does not state these; the organisation chose them. Every other number on this page comes from that page.',
  choicesNone: 'Every number on this page comes from the page this ladder was written from.',
  onLevel: (level) => `on ${level}`,
};

const FR: PageText = {
  lang: 'fr',
  headings: {
    what_you_do: 'Ce que vous faites',
    ai_skills: 'Compétences IA requises',
    expectations: 'Compétences',
    self_evaluation: 'Grille d’auto-évaluation',
    curriculum: 'Parcours de formation',
    ranking_standard: 'Critères de classement',
    panel: 'Ce que le jury regarde',
    mentorship: 'Mentorat à ce niveau',
    equivalents: 'Niveaux équivalents',
    known: 'Ce que l’échelle en dit déjà',
    choices: 'Les choix propres de l’organisation',
  },
  promotionTo: (targets) => `Promotion vers ${targets}`,
  unlocksAt: (level) => `Ce que débloque ${level}`,
  or: ' ou ',
  monthRange: (from, to, name) => `Mois ${from}–${to} : ${name}`,
  tableHead: ['Critère', 'Seuil', 'Mesure'],
  requirements: 'Conditions',
  withParts: (text) => `${text} :`,
  minimumMonthsAt: (months, level) => `Au moins ${months} mois en ${level}`,
  timeAtLevel: 'Temps à ce niveau',
  minimum: 'Minimum',
  typical: 'Habituel',
  none: 'aucun',
  months: (n) => `${n} mois`,
  monthsRange: (from, to) => `${from} à ${to} mois`,
  monthsAt: (months, level) => `${months} en ${level}`,
  typicalAdvice: (months, level) =>
    `${months} en ${level} (indication : la durée habituelle, jamais une condition)`,
  judgment: (targets) =>
    `La promotion vers ${targets} est décidée par le jugement d’un jury, non par une liste de contrôle : ` +
    'ce que le jury pèse est listé ci-dessous, et rien n’en est compté comme acquis ou manquant.',
  panelWeighs: 'Ce que le jury pèse',
  evidence: (kinds) => `Éléments : ${kinds}.`,
  evidenceKinds: {
    decision: 'décisions',
    feature: 'fonctionnalités',
    retro: 'rétrospectives',
    adr: 'ADR',
    code_review: 'revues de code',
    review_citation: 'citations de revues',
    mentee_review: 'bilans de mentoré',
    checkin: 'points de suivi',
    client_feedback: 'retours clients',
    escalation: 'escalades',
    curriculum: 'modules de formation',
    self_evaluation: 'auto-évaluations',
    milestone_assessment: 'évaluations de jalons',
  },
  trackOf: (track) => `filière ${track}`,
  leadsToOneOf: (level, n) => `${level} mène à l’un de ${n} niveaux ; le premier est l’étape habituelle :`,
  gate: 'décisif',
  panelSentence: (p) =>
    `Un jury de ${p.size} (${p.minLevel} et au-delà${p.leadership ? ', ou la direction' : ''}). Chaque épreuve est réussie ` +
    `${p.componentPass === 'majority' ? 'à la majorité' : 'à l’unanimité'} du jury ; le critère décisif demande une note médiane d’au moins ${fr(p.gate)}, ` +
    `les autres d’au moins ${fr(p.other)}.`,
  youReceive: 'Vous recevez',
  youGive: 'Vous donnez',
  referralCut: 'Commission de parrainage',
  orgLeadership: (organisation) =>
    organisation === undefined
      ? 'la direction'
      : `la direction ${/^[aeiouyhàâéèêîôû]/i.test(organisation) ? 'd’' : 'de '}${organisation}`,
  mentorWho: (levels, leadership) =>
    `Un mentor ${levels}${leadership === undefined ? '' : ` (ou ${leadership})`}`,
  leadershipOnly: (leadership) => capitalise(leadership),
  noMentor: 'Pas de mentor',
  receivesLine: (who, cadence) => `${who}, points ${cadence}.`,
  cadence: { weekly: 'hebdomadaires', biweekly: 'toutes les deux semaines' },
  mentorCheckins: (cadence) => `Points ${cadence}.`,
  slots: (n, levels) => `${plural(n, 'place de mentoré', 'places de mentoré')} (${levels})`,
  referralLine: (percent, months) =>
    `${fr(percent)} % du tarif mensuel du mentoré pendant ${months} mois après son placement.`,
  unlockReferral: (percent, months) => `Commission de parrainage : ${fr(percent)} % pendant ${months} mois`,
  billingRate: (tier) => `Tarif ${tier}`,
  equivalentsIntro:
    'Niveaux d’autres filières au même rang que celui-ci (passer de l’un à l’autre n’est pas une promotion) :',
  billingTier: 'Tarif',
  evaluationPanel: 'Jury d’évaluation',
  maySitOnPanels: 'peut siéger dans les jurys de promotion',
  bridge: 'Passerelle',
  toTrack: (track) => `vers la filière ${track}`,
  mentoredBy: 'Mentoré par',
  mentorOf: (level, cadence) => `${level} (points ${cadence})`,
  nextLevel: 'Niveau suivant',
  notice:
    'L’organisation n’a pas encore écrit la page de ce niveau. Ce qui suit est seulement ce qu’en disent les autres niveaux.',
  notWrittenYet: 'Pas encore écrit.',
  version: (version) => `version du ${version}`,
  choicesIntro:
    'La page dont cette échelle est tirée ne les donne pas ; l’organisation les a choisis. Tous les autres chiffres de cette page viennent de cette page.',
  choicesNone: 'Tous les chiffres de cette page viennent de la page dont cette échelle est tirée.',
  onLevel: (level) => `en ${level}`,
};

/** A number the French way (2,5). */
function fr(n: number): string {
  return String(n).replace('.', ',');
}

const TEXTS: Record<Locale, PageText> = { en: EN, fr: FR };

/** The fixed text of a page in `locale` (English when the ladder names none). */
export function pageText(locale: Locale | undefined): PageText {
  return TEXTS[locale ?? 'en'];
}

const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-02-01" → "February 2026" (English) or "février 2026": the month and year the page dates itself by. */
export function monthYearLabel(isoDate: string, locale: Locale | undefined): string {
  const [year, month] = isoDate.split('-');
  if ((locale ?? 'en') === 'en') return `${ENGLISH_MONTHS[Number(month) - 1] ?? month} ${year}`;
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(pageText(locale).lang, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}
