import type { ReactNode } from 'react';
import { Card, Stat } from '../../../components/ui/card';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { useBuilderName } from '../../../lib/builder-name';
import { formatDay } from '../../../lib/format';
import type { Level } from '../../../types/ladder';
import { useReadiness } from '../api/get-readiness';
import { monthsRange } from '../../../lib/evidence-kinds';
import { CurriculumProgress } from './curriculum-progress';
import { JudgmentPanel, TimeAtLevel } from './judgment-panel';
import { MetricList } from './metric-list';
import { RequirementList } from './requirement-list';
import { SelfEvaluationList } from './self-evaluation-list';
import { t } from '../../../i18n/i18n';

/**
 * "My path to <next level>": where a builder stands on a day, with the records behind every answer.
 * The ladder levels come from the route (another feature); records render through `renderRecords`.
 */
export function PathPage({
  email,
  at,
  levels,
  isSelf,
  renderRecords,
  competencies,
  trend,
  evidenceForm,
}: {
  email: string;
  at?: string;
  levels: Level[];
  isSelf: boolean;
  renderRecords: (ids: string[]) => ReactNode;
  /** The builder's evidence per competency (another feature's view), shown above the evidence form. */
  competencies?: ReactNode;
  /** Readiness over time (another feature's view), shown under the standing it traces. */
  trend?: ReactNode;
  evidenceForm?: ReactNode;
}) {
  const query = useReadiness(email, at);
  // Someone else's path is headed by their name; the email stays in the line under it.
  const name = useBuilderName(isSelf ? '' : email);
  return (
    <QueryView query={query} label={t('Evaluating the ledger…')}>
      {(readiness) => {
        const level = levels.find((l) => l.id === readiness.level);
        const target = levels.find((l) => l.id === readiness.target_level);
        const met = readiness.metrics.filter((m) => m.status === 'met').length;
        const tenure = readiness.requirements.find(
          (r) => level?.promotion?.requirements?.find((q) => q.id === r.id)?.rule.kind === 'tenure',
        );
        const targetTitle = target !== undefined && target.title !== target.id ? ` — ${target.title}` : '';
        const title =
          readiness.target_level === null
            ? isSelf
              ? t('My standing at {level}', { level: readiness.level })
              : t('Their standing at {level}', { level: readiness.level })
            : (isSelf
                ? t('My path to {target}', { target: readiness.target_level })
                : t("{name}'s path to {target}", {
                    name: name === '' ? email : name,
                    target: readiness.target_level,
                  })) + targetTitle;
        return (
          <div className="path-page">
            <header className="page-header">
              <h1>{title}</h1>
              <p className="muted">
                {t('{email} · {level} since {since} · as of {at} · ladder of {version}', {
                  email,
                  level:
                    level !== undefined && level.title !== level.id
                      ? `${readiness.level} (${level.title})`
                      : readiness.level,
                  since: formatDay(readiness.level_since),
                  at: formatDay(readiness.at),
                  version: formatDay(readiness.ladder_version),
                })}
              </p>
            </header>
            <div className="stats">
              <Stat
                label={t('metrics met')}
                value={
                  readiness.metrics.length === 0
                    ? '—'
                    : t('{met} of {total}', { met, total: readiness.metrics.length })
                }
                testId="stat-metrics-met"
              />
              <Stat label={t('months at level')} value={readiness.months_at_level} testId="stat-months" />
              {readiness.typical_tenure !== null && (
                <Stat
                  label={t('typical months at level')}
                  value={monthsRange(
                    readiness.typical_tenure.from_months,
                    readiness.typical_tenure.to_months,
                  ).replace(/ months?$/, '')}
                  hint={t('advice, never a gap')}
                  testId="stat-typical"
                />
              )}
              <Stat
                label={t('tenure rule met')}
                value={tenure?.met_on === undefined ? '—' : formatDay(tenure.met_on)}
                testId="stat-tenure"
              />
              <Stat
                label={t('promotion case')}
                value={readiness.eligible_for_case ? t('eligible') : t('not yet')}
                hint={readiness.target_level === null ? t('no promotion from this level') : undefined}
                testId="stat-eligible"
              />
            </div>
            <div className="two-column">
              <div>
                {readiness.standard === 'judgment' && (
                  <Card
                    title={t('How promotion to {target} is decided', {
                      target: readiness.target_level ?? t('the next level'),
                    })}
                    id="judgment"
                  >
                    <JudgmentPanel
                      readiness={readiness}
                      promotion={level?.promotion}
                      isSelf={isSelf}
                      tenureMetOn={tenure?.met_on}
                      renderRecords={renderRecords}
                    />
                  </Card>
                )}
                <Card title={t('Ranking standard')} id="metrics">
                  {readiness.metrics.length === 0 ? (
                    readiness.standard === 'judgment' ? (
                      <EmptyState title={t('{level} has no ranking standard', { level: readiness.level })}>
                        {t("Nothing is measured at this level: promotion is by the panel's judgment.")}
                      </EmptyState>
                    ) : readiness.standard === 'none' ? (
                      <EmptyState title={t('{level} defines no standard yet', { level: readiness.level })}>
                        {t('The ladder has no metric for this level yet; nothing is measured.')}
                      </EmptyState>
                    ) : (
                      <EmptyState
                        title={t('{level} has no ranking standard written yet', { level: readiness.level })}
                      >
                        {t("The organisation has not written this level's metrics; nothing is measured.")}
                      </EmptyState>
                    )
                  ) : (
                    <MetricList
                      results={readiness.metrics}
                      metrics={level?.ranking_standard ?? []}
                      renderRecords={renderRecords}
                    />
                  )}
                </Card>
                <Card title={t('Requirements')} id="requirements">
                  {readiness.requirements.length === 0 ? (
                    <EmptyState title={t('No promotion requirements at this level')} />
                  ) : (
                    <RequirementList
                      results={readiness.requirements}
                      promotion={level?.promotion}
                      monthsAtLevel={readiness.months_at_level}
                      at={readiness.at}
                    />
                  )}
                </Card>
              </div>
              <aside>
                <Card
                  title={readiness.standard === 'none' ? t('What the ladder defines') : t('What is missing')}
                  id="gaps"
                >
                  {readiness.standard === 'none' && (
                    <>
                      <p data-testid="standard-none">
                        {t(
                          '{level} defines no standard yet: no metric and no promotion requirement, so nothing can be missing and nobody is close or far.',
                          { level: readiness.level },
                        )}
                      </p>
                      {readiness.typical_tenure !== null && (
                        <TimeAtLevel
                          readiness={readiness}
                          promotion={level?.promotion}
                          tenureMetOn={undefined}
                        />
                      )}
                    </>
                  )}
                  {readiness.standard === 'judgment' && readiness.gaps.length === 0 && (
                    <p data-testid="gaps-judgment">
                      {tenure === undefined
                        ? t("Nothing is missing: promotion to {target} is decided by the panel's judgment.", {
                            target: readiness.target_level ?? t('the next level'),
                          })
                        : t(
                            "Nothing is missing: promotion to {target} is decided by the panel's judgment, and the minimum time at {level} is served.",
                            { target: readiness.target_level ?? t('the next level'), level: readiness.level },
                          )}
                    </p>
                  )}
                  {readiness.standard === 'defined' && readiness.gaps.length === 0 && (
                    <p>{t('Nothing: every metric and requirement is met.')}</p>
                  )}
                  {readiness.gaps.length > 0 && (
                    <>
                      {readiness.standard === 'none' && <h3>{t('Not defined yet')}</h3>}
                      <ul className="gap-list" data-testid="gaps">
                        {readiness.gaps.map((gap) => (
                          <li key={gap}>{gap}</li>
                        ))}
                      </ul>
                    </>
                  )}
                </Card>
                <Card title={t('Curriculum')}>
                  <CurriculumProgress curriculum={readiness.curriculum} />
                </Card>
              </aside>
            </div>
            {trend}
            <Card title={t('Self-evaluation')} id="self-evaluation">
              <SelfEvaluationList selfEvaluation={readiness.self_evaluation} renderRecords={renderRecords} />
            </Card>
            {competencies}
            {evidenceForm}
          </div>
        );
      }}
    </QueryView>
  );
}
