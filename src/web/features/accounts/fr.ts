import type { Catalogue } from '../../i18n/i18n';

/** French for people and accounts (leadership) and the forced password change. */
export const fr: Catalogue = {
  // roles
  Leadership: 'Direction',
  Builder: 'Collaborateur',
  'Client contact': 'Contact client',
  // accounts page
  never: 'jamais',
  Disable: 'Désactiver',
  Enable: 'Réactiver',
  'Reset password': 'Réinitialiser le mot de passe',
  'Revoke API tokens': 'Révoquer les jetons d’API',
  'Change role': 'Changer de rôle',
  'Disable {who}? They are signed out at once, cannot sign in, and their API tokens are revoked.':
    'Désactiver {who} ? La personne est déconnectée aussitôt, ne peut plus se connecter et ses jetons d’API sont révoqués.',
  'Enable {who} again? They sign in with their password.':
    'Réactiver {who} ? La personne se connecte avec son mot de passe.',
  'Reset the password of {who}? Their sessions end, their API tokens are revoked, and you get a temporary password to pass on; they choose their own at their next sign-in.':
    'Réinitialiser le mot de passe de {who} ? Ses sessions prennent fin, ses jetons d’API sont révoqués et vous recevez un mot de passe temporaire à lui transmettre ; la personne choisit le sien à sa prochaine connexion.',
  'Revoke every API token of {who}? Their sign-in and password stay as they are.':
    'Révoquer tous les jetons d’API de {who} ? Sa connexion et son mot de passe restent inchangés.',
  'Change the role of {who}? Their open sessions take the new role at their next click; an API token above it stops working.':
    'Changer le rôle de {who} ? Ses sessions ouvertes prennent le nouveau rôle dès leur prochain clic ; un jeton d’API au-dessus de ce rôle cesse de fonctionner.',
  'Created {email} ({role}); they choose their own password at their first sign-in.':
    'Compte {email} créé ({role}) ; la personne choisit son mot de passe à sa première connexion.',
  'Account created for {who} ({role}).': 'Compte créé pour {who} ({role}).',
  '{who} is enabled.': '{who} est réactivé.',
  '{who} is disabled.': '{who} est désactivé.',
  'Choose the client they speak for.': 'Choisissez le client que la personne représente.',
  '{who} is now {role}.': '{who} a désormais le rôle {role}.',
  'The password of {who} is reset; {count, plural, one {# API token} other {# API tokens}} revoked.':
    'Le mot de passe de {who} est réinitialisé ; {count, plural, one {# jeton d’API révoqué} other {# jetons d’API révoqués}}.',
  'Revoked {count, plural, one {# API token} other {# API tokens}} of {who}.':
    '{count, plural, one {# jeton d’API révoqué} other {# jetons d’API révoqués}} pour {who}.',
  'People & accounts': 'Personnes et comptes',
  'Temporary password — shown once': 'Mot de passe temporaire — affiché une seule fois',
  'Give it to {who} in person or over a channel you trust (the app sends no email invitations yet). They sign in with it and must then choose their own password. It cannot be shown again.':
    'Transmettez-le à {who} en personne ou par un canal de confiance (l’application n’envoie pas encore d’invitations par e-mail). La personne se connecte avec, puis doit choisir son propre mot de passe. Il ne peut plus être affiché.',
  'I have passed it on': 'Je l’ai transmis',
  'Reading the accounts…': 'Lecture des comptes…',
  Accounts: 'Comptes',
  Active: 'Actif',
  Disabled: 'Désactivé',
  'Never signed in': 'Jamais connectés',
  'No account yet': 'Aucun compte pour l’instant',
  'Create the first one above.': 'Créez le premier ci-dessus.',
  Person: 'Personne',
  Role: 'Rôle',
  Status: 'Statut',
  'Last sign-in': 'Dernière connexion',
  'API tokens': 'Jetons d’API',
  Actions: 'Actions',
  'No person record': 'Aucune fiche personne',
  'since {when}': 'depuis le {when}',
  'temporary password': 'mot de passe temporaire',
  'Your account': 'Votre compte',
  'Disable {who}': 'Désactiver {who}',
  'Enable {who}': 'Réactiver {who}',
  'Change role of {who}': 'Changer le rôle de {who}',
  'Reset password of {who}': 'Réinitialiser le mot de passe de {who}',
  'Revoke tokens of {who}': 'Révoquer les jetons de {who}',
  'Revoke tokens': 'Révoquer les jetons',
  'New role': 'Nouveau rôle',
  Client: 'Client',
  'Choose the client…': 'Choisissez le client…',
  Cancel: 'Annuler',
  // create form
  'Please give the person’s email.': 'Indiquez l’e-mail de la personne.',
  'Type a password, or let the server make a temporary one.':
    'Saisissez un mot de passe, ou laissez le serveur en créer un temporaire.',
  'Create an account': 'Créer un compte',
  'Person’s email': 'E-mail de la personne',
  '{name} · {role} on the roster': '{name} · {role} dans l’effectif',
  'Type a name or email: people on the roster without an account are suggested':
    'Saisissez un nom ou un e-mail : les personnes de l’effectif sans compte sont proposées',
  'Not on the roster: the account will show no name until a person record exists':
    'Absent de l’effectif : le compte n’affichera aucun nom tant qu’aucune fiche personne n’existe',
  'Panelists are builders at a level that may sit on a panel (or leadership): give them a builder account.':
    'Les membres du jury sont des collaborateurs d’un niveau qui peut siéger (ou la direction) : donnez-leur un compte collaborateur.',
  Password: 'Mot de passe',
  'The server makes a temporary password, shown here once for you to pass on (there is no email invitation yet)':
    'Le serveur crée un mot de passe temporaire, affiché ici une fois pour que vous le transmettiez (pas encore d’invitation par e-mail)',
  'I set the password': 'Je fixe le mot de passe',
  'Initial password': 'Mot de passe initial',
  'Either way the person must choose their own password at their first sign-in.':
    'Dans les deux cas, la personne doit choisir son propre mot de passe à sa première connexion.',
  'Creating…': 'Création…',
  'Create account': 'Créer le compte',
  // forced change
  'Please give the temporary password and your new password.':
    'Indiquez le mot de passe temporaire et votre nouveau mot de passe.',
  'The two new passwords differ.': 'Les deux nouveaux mots de passe diffèrent.',
  'Set your own password': 'Choisissez votre mot de passe',
  'You signed in with a temporary password': 'Vous êtes connecté avec un mot de passe temporaire',
  'Leadership gave you this password for {email}. Choose your own before you go on: nothing else opens until you do.':
    'La direction vous a donné ce mot de passe pour {email}. Choisissez le vôtre avant de continuer : rien d’autre ne s’ouvre d’ici là.',
  'Temporary password': 'Mot de passe temporaire',
  'New password': 'Nouveau mot de passe',
  'At least 12 characters and hard to guess (the server checks its strength)':
    'Au moins 12 caractères et difficile à deviner (le serveur vérifie sa robustesse)',
  'New password again': 'Nouveau mot de passe (encore)',
  'Saving…': 'Enregistrement…',
  'Set my password': 'Enregistrer mon mot de passe',
};
