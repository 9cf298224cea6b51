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
};
