import { Link } from 'react-router';
import { t } from '../../i18n/i18n';

export function NotFoundRoute() {
  return (
    <div>
      <h1>{t('Page not found')}</h1>
      <p>
        <Link to="/">{t('Go home')}</Link>
      </p>
    </div>
  );
}
