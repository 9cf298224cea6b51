import type { Catalogue } from '../../i18n/i18n';

/** French for mentoring (the overview of mentors; the rest of the feature is still English). */
export const fr: Catalogue = {
  'Mentors and their mentees': 'Les mentors et leurs mentorés',
  'Loading mentorships…': 'Chargement des mentorats…',
  'No active mentorship': 'Aucun mentorat en cours',
  'Assign a mentee to a mentor with the form above.':
    'Confiez un mentoré à un mentor avec le formulaire ci-dessus.',
  Mentors: 'Mentors',
  Mentor: 'Mentor',
  Mentees: 'Mentorés',
  'Check-ins': 'Points de suivi',
  '{count} overdue': '{count} en retard',
  '{count} due': '{count} à faire',
  // Assigning a mentee: both people picked by name.
  'Every mentee slot of this mentor is taken': 'Toutes les places de mentoré de ce mentor sont prises',
  "The mentee's level is not one this mentor may take":
    'Le niveau du mentoré n’est pas de ceux que ce mentor peut prendre',
  'This person may not mentor that mentee': 'Cette personne ne peut pas être le mentor de ce mentoré',
  'Choose the mentor': 'Choisissez le mentor',
  'Choose the mentee': 'Choisissez le mentoré',
  'Assign a mentee': 'Confier un mentoré',
  Mentee: 'Mentoré',
  Start: 'Début',
  'Mentee assigned.': 'Mentoré confié.',
  Assign: 'Confier',
  'Pick a mentor': 'Choisir un mentor',
  'Every mentor': 'Tous les mentors',
  'Referral statement of {mentor}': 'Relevé de parrainage de {mentor}',
  'My referral statement': 'Mon relevé de parrainage',
};
