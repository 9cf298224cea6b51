import { QueryView, EmptyState } from '../../../components/ui/query-state';
import { t } from '../../../i18n/i18n';
import { formatDay } from '../../../lib/format';
import { useLadderVersions } from '../api/get-ladder-versions';

/** Every published version, newest first; picking one shows the ladder as it was then. */
export function VersionHistory({
  ladderId,
  shownVersion,
  activeVersion,
  onPick,
}: {
  ladderId: string;
  shownVersion: string;
  activeVersion: string | null;
  onPick: (version: string) => void;
}) {
  const query = useLadderVersions(ladderId);
  return (
    <QueryView query={query} label={t('Loading versions…')}>
      {({ versions }) =>
        versions.length === 0 ? (
          <EmptyState title={t('No version published yet')} />
        ) : (
          <ul className="versions" aria-label={t('Version history')}>
            {[...versions].reverse().map((version) => (
              <li key={version.version_id}>
                <button
                  type="button"
                  className="link-button"
                  aria-current={version.version === shownVersion ? 'true' : undefined}
                  onClick={() => onPick(version.version)}
                >
                  {formatDay(version.version)}
                </button>
                {version.version === activeVersion && (
                  <span className="badge badge-good">{t('in force')}</span>
                )}
                <small className="muted">
                  {' '}
                  {t('published {date} by {who}', {
                    date: formatDay(version.published_at),
                    who: version.published_by,
                  })}
                </small>
              </li>
            ))}
          </ul>
        )
      }
    </QueryView>
  );
}
