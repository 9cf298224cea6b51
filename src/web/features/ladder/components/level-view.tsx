import { Card } from '../../../components/ui/card';
import { evidenceKindWords, monthsRange } from '../../../lib/evidence-kinds';
import type {
  CompetencyCategory,
  LadderDocument,
  Level,
  Metric,
  SectionDefinition,
} from '../../../types/ladder';
import { CompetencyExpectations } from './competency-expectations';
import { LevelSections } from './level-sections';
import { PointsBands } from './points-bands';
import { TableScroll } from '../../../components/ui/table-scroll';

function MetricRow({ metric }: { metric: Metric }) {
  return (
    <tr>
      <th scope="row">{metric.name}</th>
      <td>{metric.threshold}</td>
      <td>{metric.measured_by}</td>
    </tr>
  );
}

/** One level rendered as a readable page, like the organisation's own ladder document. */
export function LevelView({
  level,
  categories = [],
  points,
  sections = [],
  lang = 'en',
}: {
  level: Level;
  /** The ladder's declared sections: its own (content.<name>) are shown with their headings. */
  sections?: SectionDefinition[];
  /** The ladder's language (its `locale`), so the level's words are read as what they are. */
  lang?: string;
  /** The ladder's competency categories: the level's expectations are grouped by them. */
  categories?: CompetencyCategory[];
  /** The ladder's points and bands, when it scores points (ADR 0021). */
  points?: LadderDocument['points'];
}) {
  if (level.status === 'not_written') {
    return (
      <article className="level" aria-label={`Level ${level.id}`}>
        <h2 lang={lang}>{level.title === level.id ? level.id : `${level.id} — ${level.title}`}</h2>
        <p className="muted">
          The organisation has not written this level&apos;s page yet. What other levels say about it is shown
          below.
        </p>
        <LevelFacts level={level} />
      </article>
    );
  }
  return (
    <article className="level" aria-label={`Level ${level.id}`}>
      {/* The file's own words are in the ladder's language; the app's own text around them is English. */}
      <div lang={lang}>
        <h2>{level.title === level.id ? level.id : `${level.id} — ${level.title}`}</h2>
        {level.tagline !== undefined && <p className="tagline">“{level.tagline}”</p>}
        {level.summary?.map((paragraph) => (
          <p key={paragraph.slice(0, 40)}>{paragraph}</p>
        ))}
        <LevelSections level={level} sections={sections} />
      </div>
      {level.what_you_do !== undefined && (
        <Card title="What you do">
          <ul className="described">
            {level.what_you_do.map((item) => (
              <li key={item.name}>
                <strong>{item.name}</strong>
                {item.description !== undefined && <span> — {item.description}</span>}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {level.ai_skills !== undefined && (
        <Card title="AI skills">
          <ul className="described">
            {level.ai_skills.map((item) => (
              <li key={item.name}>
                <strong>{item.name}</strong>
                {item.description !== undefined && <span> — {item.description}</span>}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <CompetencyExpectations level={level} categories={categories} />
      <PointsBands level={level} points={points} categories={categories} />
      {level.ranking_standard !== undefined && (
        <Card title="Ranking standard">
          <TableScroll label="Ranking standard">
            <table>
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col">Threshold</th>
                  <th scope="col">Measured by</th>
                </tr>
              </thead>
              <tbody>
                {level.ranking_standard.map((metric) => (
                  <MetricRow key={metric.id} metric={metric} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        </Card>
      )}
      {level.curriculum !== undefined && (
        <Card title="Curriculum">
          <ol className="phases">
            {level.curriculum.map((phase) => (
              <li key={phase.id}>
                <strong>
                  {phase.name} (months {phase.months.from}–{phase.months.to})
                </strong>
                <ul>
                  {phase.modules.map((module) => (
                    <li key={module.id}>{module.name}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </Card>
      )}
      {level.self_evaluation !== undefined && (
        <Card title="Self-evaluation">
          <ul>
            {level.self_evaluation.map((item) => (
              <li key={item.id}>{item.text}</li>
            ))}
          </ul>
        </Card>
      )}
      <LevelFacts level={level} />
    </article>
  );
}

function typicalLabel(typical: number | { from: number; to: number }): string {
  return typeof typical === 'number' ? monthsRange(typical, typical) : monthsRange(typical.from, typical.to);
}

/** Promotion, mentorship, billing and unlocks: the parts even an unwritten level may carry. */
function LevelFacts({ level }: { level: Level }) {
  const promotion = level.promotion;
  const mentorship = level.mentorship;
  return (
    <>
      {promotion !== undefined && (
        <Card title={`Promotion to ${promotion.target_level}`} id="promotion">
          {promotion.decided_by === 'judgment' && (
            <p data-testid="promotion-decided-by">
              Decided by a panel&apos;s judgment, not by a checklist: the panel weighs what is listed below,
              and none of it is counted as met or missing.
            </p>
          )}
          {promotion.min_months_at_level !== undefined && (
            <p>
              At least {promotion.min_months_at_level} months at {level.id}.
            </p>
          )}
          {promotion.typical_months_at_level !== undefined && (
            <p data-testid="promotion-typical">
              Typical time at {level.id}: {typicalLabel(promotion.typical_months_at_level)} (advice: how long
              people usually stay, never a requirement).
            </p>
          )}
          {promotion.assessment !== undefined && (
            <>
              <h3>Qualification assessment</h3>
              <ul>
                {promotion.assessment.map((part) => (
                  <li key={part.id}>
                    <strong>{part.name}</strong>
                    {part.description !== undefined && <span> — {part.description}</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
          {promotion.requirements !== undefined && (
            <>
              <h3>Requirements</h3>
              <ul>
                {promotion.requirements.map((requirement) => (
                  <li key={requirement.id}>{requirement.name}</li>
                ))}
              </ul>
            </>
          )}
          {promotion.weighs !== undefined && (
            <>
              <h3>What the panel weighs</h3>
              <ul className="described" aria-label="What the panel weighs">
                {promotion.weighs.map((item) => (
                  <li key={item.id} data-testid={`weighs-${item.id}`}>
                    <strong>{item.name}</strong>
                    {item.description !== undefined && <span> — {item.description}</span>}
                    {(item.evidence ?? []).length > 0 && (
                      <div className="muted">
                        Evidence: {(item.evidence ?? []).map(evidenceKindWords).join(', ')}
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {promotion.panel !== undefined && (
            <>
              <h3>Panel of {promotion.panel.size}</h3>
              <ul>
                {promotion.panel.criteria.map((criterion) => (
                  <li key={criterion.id}>
                    <strong>{criterion.name}</strong>
                    {criterion.gate === true && <span className="badge badge-warn">gate</span>} —{' '}
                    {criterion.description}
                  </li>
                ))}
              </ul>
              <p className="muted">
                Gate median ≥ {promotion.panel.decision.gate_median_min}, others ≥{' '}
                {promotion.panel.decision.other_median_min}; components pass by{' '}
                {promotion.panel.decision.component_pass}.
              </p>
            </>
          )}
        </Card>
      )}
      {mentorship !== undefined && (
        <Card title="Mentorship">
          {mentorship.receives !== undefined && (
            <p>
              Receives a mentor at {mentorship.receives.mentor_levels.join(' or ')}
              {mentorship.receives.leadership ? ' or from leadership' : ''},{' '}
              {mentorship.receives.checkin_cadence} check-ins.
            </p>
          )}
          {mentorship.gives !== undefined && (
            <p>
              Mentors {mentorship.gives.slots} {mentorship.gives.slots === 1 ? 'person' : 'people'} at{' '}
              {mentorship.gives.mentee_levels.join(', ')}, {mentorship.gives.checkin_cadence} check-ins
              {mentorship.gives.referral !== undefined &&
                `; earns ${mentorship.gives.referral.percent} % of the mentee's rate for ${mentorship.gives.referral.months} months`}
              .
            </p>
          )}
        </Card>
      )}
      {(level.billing_tier !== undefined || level.unlocks !== undefined) && (
        <Card title="Billing and unlocks">
          {level.billing_tier !== undefined && <p>Billing tier: {level.billing_tier}</p>}
          {level.unlocks !== undefined && (
            <ul>
              {level.unlocks.map((unlock) => (
                <li key={unlock}>{unlock}</li>
              ))}
            </ul>
          )}
        </Card>
      )}
    </>
  );
}
