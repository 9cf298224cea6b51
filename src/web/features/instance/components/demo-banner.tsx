import { t } from '../../../i18n/i18n';
import { useInstance } from '../api/get-instance';

/**
 * On every page of a demo database: the people are invented and the demo accounts' password is public,
 * so nobody mistakes it for their organisation's (or records real evidence in it).
 */
export function DemoBanner() {
  const instance = useInstance();
  if (instance.data?.demo !== true) return null;
  return (
    <div className="demo-banner" role="note" aria-label={t('Demo database')} data-testid="demo-banner">
      <strong>{t('Demo data.')}</strong>{' '}
      {t(
        'Everyone here is invented and the demo accounts’ password is public. To run your organisation, start ladder on a new, empty database with',
      )}{' '}
      <code>--no-demo</code> {t('and import it there.')}
    </div>
  );
}
