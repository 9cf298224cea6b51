import type { Catalogue } from '../../i18n/i18n';

/** French for signing in. */
export const fr: Catalogue = {
  Email: 'E-mail',
  Password: 'Mot de passe',
  'Signing in…': 'Connexion…',
};
