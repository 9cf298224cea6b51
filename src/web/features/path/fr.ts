import type { Catalogue } from '../../i18n/i18n';

/** French for a builder's path (readiness, metrics, requirements, curriculum, self-evaluation). */
export const fr: Catalogue = {
  'This level has no curriculum written yet': 'Ce niveau n’a pas encore de formation écrite',
  '{done} of {total, plural, one {# module} other {# modules}} done, {doing} in progress':
    '{done} sur {total, plural, one {# module} other {# modules}} terminés, {doing} en cours',
  ', {count} overdue': ', {count} en retard',
  'under the typical {range}': 'en deçà des {range} habituels',
  'past the typical {range}': 'au-delà des {range} habituels',
  'within the typical {range}': 'dans les {range} habituels',
  'Time at {level}': 'Temps au niveau {level}',
  '{time} (since {date})': '{time} (depuis le {date})',
  Typical: 'Habituel',
  'the ladder gives no typical time for this level':
    'l’échelle ne donne pas de durée habituelle pour ce niveau',
  '{time}, reached on {date} — advice: how long people usually stay, never a gap':
    '{time}, atteints le {date} — un conseil : la durée habituelle, jamais un écart',
  '{time}, reached between {from} and {to} — advice: how long people usually stay, never a gap':
    '{time}, atteints entre le {from} et le {to} — un conseil : la durée habituelle, jamais un écart',
  Minimum: 'Minimum',
  ', reached on {date}': ', atteint le {date}',
  "Promotion to {target} is decided by a panel's judgment, not by a checklist. What the panel weighs is listed below, with your records of each: none of it is counted as met or missing.":
    'La promotion vers {target} se décide sur le jugement d’un jury, pas sur une liste de cases à cocher. Ce que le jury pèse est listé ci-dessous, avec vos preuves pour chaque point : rien n’est compté comme atteint ou manquant.',
  "Promotion to {target} is decided by a panel's judgment, not by a checklist. What the panel weighs is listed below, with their records of each: none of it is counted as met or missing.":
    'La promotion vers {target} se décide sur le jugement d’un jury, pas sur une liste de cases à cocher. Ce que le jury pèse est listé ci-dessous, avec ses preuves pour chaque point : rien n’est compté comme atteint ou manquant.',
  'the next level': 'le niveau suivant',
  'The ladder names no kind of evidence for this: the panel weighs it from what it hears.':
    'L’échelle ne nomme aucun type de preuve pour ce point : le jury le pèse d’après ce qu’il entend.',
  'No {kinds} since the level began.': 'Aucune preuve ({kinds}) depuis le début du niveau.',
  '{count, plural, one {# record} other {# records}} ({kinds}) since the level began':
    '{count, plural, one {# preuve} other {# preuves}} ({kinds}) depuis le début du niveau',
  'nothing measured yet (needs {threshold} %)': 'rien de mesuré pour l’instant (il faut {threshold} %)',
  'nothing measured yet (needs {threshold})': 'rien de mesuré pour l’instant (il faut {threshold})',
  '{value} % of {threshold} %': '{value} % sur {threshold} %',
  'threshold: {text}': 'seuil : {text}',
  '{count, plural, one {# record} other {# records}} behind this':
    '{count, plural, one {# preuve derrière} other {# preuves derrière}}',
  'Evaluating the ledger…': 'Évaluation du registre…',
  'My standing at {level}': 'Ma situation au niveau {level}',
  'Their standing at {level}': 'Sa situation au niveau {level}',
  'My path to {target}': 'Mon parcours vers {target}',
  "{name}'s path to {target}": 'Parcours de {name} vers {target}',
  '{email} · {level} since {since} · as of {at} · ladder of {version}':
    '{email} · {level} depuis le {since} · au {at} · échelle du {version}',
  'typical months at level': 'mois habituels à ce niveau',
  'advice, never a gap': 'un conseil, jamais un écart',
  'tenure rule met': 'ancienneté atteinte',
  'promotion case': 'dossier de promotion',
  eligible: 'éligible',
  'no promotion from this level': 'pas de promotion depuis ce niveau',
  'How promotion to {target} is decided': 'Comment se décide la promotion vers {target}',
  '{level} has no ranking standard': '{level} n’a pas de critère de classement',
  "Nothing is measured at this level: promotion is by the panel's judgment.":
    'Rien n’est mesuré à ce niveau : la promotion se fait sur le jugement du jury.',
  'The ladder has no metric for this level yet; nothing is measured.':
    'L’échelle n’a pas encore d’indicateur pour ce niveau ; rien n’est mesuré.',
  '{level} has no ranking standard written yet': '{level} n’a pas encore de critère de classement écrit',
  "The organisation has not written this level's metrics; nothing is measured.":
    'L’organisation n’a pas écrit les indicateurs de ce niveau ; rien n’est mesuré.',
  'No promotion requirements at this level': 'Pas de condition de promotion à ce niveau',
  'What the ladder defines': 'Ce que l’échelle définit',
  'What is missing': 'Ce qui manque',
  '{level} defines no standard yet: no metric and no promotion requirement, so nothing can be missing and nobody is close or far.':
    '{level} ne définit pas encore de critère : ni indicateur ni condition de promotion, donc rien ne peut manquer et personne n’est proche ou loin.',
  "Nothing is missing: promotion to {target} is decided by the panel's judgment.":
    'Rien ne manque : la promotion vers {target} se décide sur le jugement du jury.',
  "Nothing is missing: promotion to {target} is decided by the panel's judgment, and the minimum time at {level} is served.":
    'Rien ne manque : la promotion vers {target} se décide sur le jugement du jury, et la durée minimale au niveau {level} est atteinte.',
  'Nothing: every metric and requirement is met.':
    'Rien : chaque indicateur et chaque condition sont atteints.',
  'Not defined yet': 'Pas encore défini',
  'Not assessed yet': 'Pas encore évalué',
  '{met} of {total, plural, one {# month} other {# months}}': '{met} sur {total} mois',
  'met on {date} ({distance})': 'atteint le {date} ({distance})',
  'Met on {date}': 'Atteint le {date}',
  'not answered': 'sans réponse',
  yes: 'oui',
  partly: 'en partie',
  no: 'non',
  'This level has no self-evaluation checklist yet': 'Ce niveau n’a pas encore de liste d’auto-évaluation',
  'claimed, no evidence linked': 'déclaré, sans preuve liée',
  // Headings the ladder page (features/ladder) uses too: the same French.
  'Self-evaluation': 'Auto-évaluation',
  Curriculum: 'Parcours de formation',
  'Ranking standard': 'Critères de classement',
  Requirements: 'Exigences',
};
