import type { Catalogue } from '../../i18n/i18n';

/** French for recording evidence and reading the ledger (src/web/features/evidence). */
export const fr: Catalogue = {
  // The form's fields, kind by kind.
  'Decision type': 'Type de décision',
  Title: 'Titre',
  Recommendation: 'Recommandation',
  'Data behind it': 'Données à l’appui',
  'What the numbers said; needed for a data-driven kill.':
    'Ce que disaient les chiffres ; nécessaire pour un abandon fondé sur les données.',
  Client: 'Client',
  "Client's answer": 'Réponse du client',
  'Outcome seen later': 'Résultat constaté ensuite',
  'Significant decision (for the portfolio)': 'Décision marquante (pour le portfolio)',
  'Shipped on': 'Livrée le',
  'Analytics events': 'Événements analytiques',
  'Comma-separated event names; empty when none.':
    'Noms d’événements séparés par des virgules ; vide s’il n’y en a aucun.',
  'Feature record id': 'Identifiant de la preuve de fonctionnalité',
  Hypothesis: 'Hypothèse',
  'What happened': 'Ce qui s’est passé',
  'What to change': 'Ce qu’il faut changer',
  Status: 'Statut',
  Link: 'Lien',
  'Link to the review': 'Lien vers la revue',
  'What it taught': 'Ce qu’elle a appris',
  'Code review record id': 'Identifiant de la preuve de revue de code',
  'The review you found helpful.': 'La revue qui vous a été utile.',
  Mentee: 'Mentoré',
  'Score (1–5)': 'Note (1–5)',
  Notes: 'Notes',
  'Rating (1–5)': 'Appréciation (1–5)',
  Feedback: 'Retour',
  Summary: 'Résumé',
  Module: 'Module',
  'Checklist item': 'Point de la liste',
  Answer: 'Réponse',
  'Evidence record ids': 'Identifiants des preuves',
  'Comma-separated ids of records that show it.':
    'Identifiants, séparés par des virgules, des preuves qui le montrent.',
  'Competency area': 'Domaine de compétence',
  'The id of an area the ladder scores with points, e.g. data-modelling.':
    'L’identifiant d’un domaine que l’échelle note en points, par exemple data-modelling.',
  'Milestone (1 is the first)': 'Jalon (1 est le premier)',
  'Record it in your own name: the builder’s points count only assessments by someone else.':
    'Enregistrez-le en votre nom : les points du collaborateur ne comptent que les évaluations faites par quelqu’un d’autre.',
  'What you saw': 'Ce que vous avez constaté',
  // What the form says before sending, and after.
  'Choose the builder': 'Choisissez le collaborateur',
  'Give the day it happened': 'Indiquez le jour où cela s’est passé',
  'Choose the client': 'Choisissez le client',
  'Give the day it shipped': 'Indiquez le jour de la livraison',
  'Name the feature record': 'Indiquez la preuve de fonctionnalité',
  'Name the code review record': 'Indiquez la preuve de revue de code',
  'Choose the mentee': 'Choisissez le mentoré',
  'Give a score from 1 to 5': 'Donnez une note de 1 à 5',
  'Give a rating from 1 to 5': 'Donnez une appréciation de 1 à 5',
  'Choose the module': 'Choisissez le module',
  'Choose the checklist item': 'Choisissez le point de la liste',
  'Name the competency area': 'Indiquez le domaine de compétence',
  'Give the milestone number': 'Indiquez le numéro du jalon',
  'No mentee matches': 'Aucun mentoré ne correspond',
  'No client matches': 'Aucun client ne correspond',
  'Choose…': 'Choisir…',
  'Some fields need an answer: see the messages under them.':
    'Certains champs attendent une réponse : voyez les messages sous chacun.',
  'The record was not saved: see the messages under the fields.':
    'La preuve n’a pas été enregistrée : voyez les messages sous les champs.',
  'Record evidence': 'Enregistrer une preuve',
  'Kind of evidence': 'Type de preuve',
  Builder: 'Collaborateur',
  Date: 'Date',
  'Competencies this speaks to (optional)': 'Compétences concernées (facultatif)',
  'Recorded in your name ({recorder}): evidence that someone other than the builder must vouch for counts because you record it.':
    'Enregistrée en votre nom ({recorder}) : une preuve qu’une autre personne que le collaborateur doit attester compte parce que vous l’enregistrez.',
  'Recorded: {kind} ‘{title}’.': 'Enregistrée : {kind} « {title} ».',
  'See it in the ledger': 'La voir dans le registre',
  'Recording…': 'Enregistrement…',
  Record: 'Enregistrer',
  // The ledger's heading names its builder.
  'Ledger of {name}': 'Registre de {name}',
};
