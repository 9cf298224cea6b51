import { t } from '../i18n/i18n';

/**
 * A role in words ("client stakeholder"), in the language in use; a role the app does not know yet
 * reads with its underscores as spaces. One list for the header, require-session and the panel picker.
 */
export function roleWords(role: string): string {
  switch (role) {
    case 'builder':
      return t('builder');
    case 'leadership':
      return t('leadership');
    case 'client_stakeholder':
      return t('client stakeholder');
    default:
      return role.replaceAll('_', ' ');
  }
}
