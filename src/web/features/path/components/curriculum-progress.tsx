import { StatusBadge } from '../../../components/ui/status-badge';
import { EmptyState } from '../../../components/ui/query-state';
import { formatDay } from '../../../lib/format';
import type { Readiness } from '../../../types/readiness';

/** Curriculum phases with each module's status; overdue modules are called out. */
export function CurriculumProgress({ curriculum }: { curriculum: Readiness['curriculum'] }) {
  if (curriculum.phases.length === 0) return <EmptyState title="This level has no curriculum written yet" />;
  const total = curriculum.phases.reduce((sum, phase) => sum + phase.modules.length, 0);
  return (
    <div>
      <p data-testid="curriculum-summary">
        {curriculum.done.length} of {total} modules done, {curriculum.in_progress.length} in progress
        {curriculum.overdue.length > 0 && (
          <strong className="form-error">, {curriculum.overdue.length} overdue</strong>
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
                  label={module.overdue ? 'Overdue' : undefined}
                />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
