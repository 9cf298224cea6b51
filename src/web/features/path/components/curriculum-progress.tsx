import { StatusBadge } from '../../../components/ui/status-badge';
import { EmptyState } from '../../../components/ui/query-state';
import { formatDay } from '../../../lib/format';
import type { Readiness } from '../../../types/readiness';
import { t } from '../../../i18n/i18n';

/** Curriculum phases with each module's status; overdue modules are called out. */
export function CurriculumProgress({ curriculum }: { curriculum: Readiness['curriculum'] }) {
  if (curriculum.phases.length === 0)
    return <EmptyState title={t('This level has no curriculum written yet')} />;
  const total = curriculum.phases.reduce((sum, phase) => sum + phase.modules.length, 0);
  return (
    <div>
      <p data-testid="curriculum-summary">
        {t('{done} of {total, plural, one {# module} other {# modules}} done, {doing} in progress', {
          done: curriculum.done.length,
          total,
          doing: curriculum.in_progress.length,
        })}
        {curriculum.overdue.length > 0 && (
          <strong className="form-error">
            {t(', {count} overdue', { count: curriculum.overdue.length })}
          </strong>
        )}
      </p>
      {curriculum.phases.map((phase) => (
        <div key={phase.id}>
          <h3>
            {phase.name}{' '}
            <small className="muted">
              ({formatDay(phase.starts_on)} – {formatDay(phase.ends_on)})
            </small>
          </h3>
          <ul>
            {phase.modules.map((module) => (
              <li key={module.id}>
                {module.name}{' '}
                <StatusBadge
                  status={module.overdue ? 'overdue' : module.status}
                  label={module.overdue ? t('Overdue') : undefined}
                />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
