import type { ReactNode } from 'react';
import { Card } from '../../../components/ui/card';
import { t } from '../../../i18n/i18n';
import { evidenceKindWords, monthsRange } from '../../../lib/evidence-kinds';
import type {
  CompetencyCategory,
  LadderDocument,
  Level,
  DescribedItem,
  Metric,
  SectionDefinition,
} from '../../../types/ladder';
import { CompetencyExpectations } from './competency-expectations';
import { ContentBody } from './level-sections';
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

type SectionKind = SectionDefinition['kind'];

/** A section of the level's page: what fills it, how, under which heading and whose words the heading is. */
interface PageSection {
  id: string;
  kind: SectionKind;
  field: string;
  heading: string;
  /** True when the ladder declares the heading (its words, in its language), false for the app's own. */
  declared: boolean;
}

/**
 * Today's sections in the rendered page's order (core sections.schema.ts DEFAULT_SECTION_FIELDS), under
 * the app's headings: the page of a ladder that declares none, and where a declared list leaves a field out.
 */
function defaultSections(): Omit<PageSection, 'declared'>[] {
  return [
    { id: 'what-you-do', kind: 'list', field: 'what_you_do', heading: t('What you do') },
    { id: 'ai-skills', kind: 'list', field: 'ai_skills', heading: t('AI skills') },
    { id: 'competencies', kind: 'competency_matrix', field: 'expectations', heading: t('Competencies') },
    { id: 'self-evaluation', kind: 'checklist', field: 'self_evaluation', heading: t('Self-evaluation') },
    { id: 'curriculum', kind: 'curriculum', field: 'curriculum', heading: t('Curriculum') },
    { id: 'ranking-standard', kind: 'table', field: 'ranking_standard', heading: t('Ranking standard') },
  ];
}

/**
 * The sections the ladder declares, in its order and under its headings, then every level field they
 * leave out under its usual heading (never lost) — as the rendered page builds them (core level-page.ts).
 */
export function levelPageSections(declared: readonly SectionDefinition[]): PageSection[] {
  const defaults = defaultSections();
  if (declared.length === 0) return defaults.map((section) => ({ ...section, declared: false }));
  return [
    ...declared.map((section) => ({ ...section, declared: true })),
    ...defaults
      .filter((d) => !declared.some((s) => s.field === d.field))
      .map((section) => ({
        ...section,
        declared: false,
      })),
  ];
}

function DescribedList({ items, kind }: { items: DescribedItem[]; kind: SectionKind }) {
  return (
    <ul className={kind === 'checklist' ? 'described checklist' : 'described'}>
      {items.map((item) => (
        <li key={item.name}>
          <strong>{item.name}</strong>
          {item.description !== undefined && <span> — {item.description}</span>}
        </li>
      ))}
    </ul>
  );
}

/** One section of the page filled from its level field or the level's own content; null when empty. */
function SectionBody({
  level,
  section,
  categories,
}: {
  level: Level;
  section: PageSection;
  categories: CompetencyCategory[];
}) {
  const { field, kind, heading } = section;
  if (field.startsWith('content.')) {
    const content = level.content?.[field.slice('content.'.length)];
    if (content === undefined) return null;
    return (
      <Card title={heading}>
        <ContentBody heading={heading} kind={kind} content={content} />
      </Card>
    );
  }
  switch (field) {
    case 'what_you_do':
    case 'ai_skills': {
      const items = level[field];
      if (items === undefined || items.length === 0) return null;
      return (
        <Card title={heading}>
          <DescribedList items={items} kind={kind} />
        </Card>
      );
    }
    case 'expectations':
      return <CompetencyExpectations level={level} categories={categories} title={heading} />;
    case 'self_evaluation':
      if (level.self_evaluation === undefined || level.self_evaluation.length === 0) return null;
      return (
        <Card title={heading}>
          <ul className={kind === 'checklist' ? 'checklist' : undefined}>
            {level.self_evaluation.map((item) => (
              <li key={item.id}>{item.text}</li>
            ))}
          </ul>
        </Card>
      );
    case 'curriculum':
      if (level.curriculum === undefined || level.curriculum.length === 0) return null;
      return (
        <Card title={heading}>
          <ol className="phases">
            {level.curriculum.map((phase) => (
              <li key={phase.id}>
                <strong>
                  {t('{phase} (months {from}–{to})', {
                    phase: phase.name,
                    from: phase.months.from,
                    to: phase.months.to,
                  })}
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
      );
    case 'ranking_standard':
      if (level.ranking_standard === undefined || level.ranking_standard.length === 0) return null;
      return (
        <Card title={heading}>
          <TableScroll label={heading}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Metric')}</th>
                  <th scope="col">{t('Threshold')}</th>
                  <th scope="col">{t('Measured by')}</th>
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
      );
    default:
      return null;
  }
}

/** One level rendered as a readable page, like the organisation's own ladder document. */
export function LevelView({
  level,
  categories = [],
  points,
  sections = [],
  lang = 'en',
  choices,
}: {
  level: Level;
  /** The ladder's declared sections: shown in its order under its headings (today's when it declares none). */
  sections?: SectionDefinition[];
  /** The ladder's language (its `locale`), so the level's words are read as what they are. */
  lang?: string;
  /** The ladder's competency categories: the level's expectations are grouped by them. */
  categories?: CompetencyCategory[];
  /** The ladder's points and bands, when it scores points (ADR 0021). */
  points?: LadderDocument['points'];
  /** The organisation's own choices the page shows, when asked for (the API's `choices=true`). */
  choices?: ReactNode;
}) {
  if (level.status === 'not_written') {
    return (
      <article className="level" aria-label={t('Level {level}', { level: level.id })}>
        <h2 lang={lang}>{level.title === level.id ? level.id : `${level.id} — ${level.title}`}</h2>
        <p className="muted">
          {t(
            'The organisation has not written this level’s page yet. What other levels say about it is shown below.',
          )}
        </p>
        <LevelFacts level={level} />
        {choices}
      </article>
    );
  }
  const planned = levelPageSections(sections);
  // Points follow the competencies (or the last section when the page has none), as on the rendered page.
  const pointsAfter = planned.findIndex((section) => section.kind === 'competency_matrix');
  const pointsCard = <PointsBands level={level} points={points} categories={categories} />;
  return (
    <article className="level" aria-label={t('Level {level}', { level: level.id })}>
      {/* The file's own words are in the ladder's language; the app's own headings around them are not. */}
      <div lang={lang}>
        <h2>{level.title === level.id ? level.id : `${level.id} — ${level.title}`}</h2>
        {level.tagline !== undefined && <p className="tagline">“{level.tagline}”</p>}
        {level.summary?.map((paragraph) => (
          <p key={paragraph.slice(0, 40)}>{paragraph}</p>
        ))}
      </div>
      {planned.map((section, index) => (
        <div key={section.id} lang={lang} data-section={section.id}>
          <SectionBody level={level} section={section} categories={categories} />
          {index === pointsAfter && pointsCard}
        </div>
      ))}
      {pointsAfter < 0 && pointsCard}
      <LevelFacts level={level} />
      {choices}
    </article>
  );
}

function typicalLabel(typical: number | { from: number; to: number }): string {
  return typeof typical === 'number' ? monthsRange(typical, typical) : monthsRange(typical.from, typical.to);
}

/** A check-in cadence in words. */
function cadenceWord(cadence: string): string {
  switch (cadence) {
    case 'weekly':
      return t('weekly');
    case 'biweekly':
      return t('biweekly');
    default:
      return cadence;
  }
}

/** Promotion, mentorship, billing and unlocks: the parts even an unwritten level may carry. */
function LevelFacts({ level }: { level: Level }) {
  const promotion = level.promotion;
  const mentorship = level.mentorship;
  return (
    <>
      {promotion !== undefined && (
        <Card title={t('Promotion to {level}', { level: promotion.target_level ?? '' })} id="promotion">
          {promotion.decided_by === 'judgment' && (
            <p data-testid="promotion-decided-by">
              {t(
                'Decided by a panel’s judgment, not by a checklist: the panel weighs what is listed below, and none of it is counted as met or missing.',
              )}
            </p>
          )}
          {promotion.min_months_at_level !== undefined && (
            <p>
              {t('At least {months, plural, one {# month} other {# months}} at {level}.', {
                months: promotion.min_months_at_level,
                level: level.id,
              })}
            </p>
          )}
          {promotion.typical_months_at_level !== undefined && (
            <p data-testid="promotion-typical">
              {t(
                'Typical time at {level}: {time} (advice: how long people usually stay, never a requirement).',
                { level: level.id, time: typicalLabel(promotion.typical_months_at_level) },
              )}
            </p>
          )}
          {promotion.assessment !== undefined && (
            <>
              <h3>{t('Qualification assessment')}</h3>
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
              <h3>{t('Requirements')}</h3>
              <ul>
                {promotion.requirements.map((requirement) => (
                  <li key={requirement.id}>{requirement.name}</li>
                ))}
              </ul>
            </>
          )}
          {promotion.weighs !== undefined && (
            <>
              <h3>{t('What the panel weighs')}</h3>
              <ul className="described" aria-label={t('What the panel weighs')}>
                {promotion.weighs.map((item) => (
                  <li key={item.id} data-testid={`weighs-${item.id}`}>
                    <strong>{item.name}</strong>
                    {item.description !== undefined && <span> — {item.description}</span>}
                    {(item.evidence ?? []).length > 0 && (
                      <div className="muted">
                        {t('Evidence: {kinds}', {
                          kinds: (item.evidence ?? []).map(evidenceKindWords).join(', '),
                        })}
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {promotion.panel !== undefined && (
            <>
              <h3>{t('Panel of {size}', { size: promotion.panel.size })}</h3>
              <ul>
                {promotion.panel.criteria.map((criterion) => (
                  <li key={criterion.id}>
                    <strong>{criterion.name}</strong>
                    {criterion.gate === true && <span className="badge badge-warn">{t('gate')}</span>} —{' '}
                    {criterion.description}
                  </li>
                ))}
              </ul>
              <p className="muted">
                {promotion.panel.decision.component_pass === 'unanimous'
                  ? t('Gate median ≥ {gate}, others ≥ {others}; components pass unanimously.', {
                      gate: promotion.panel.decision.gate_median_min,
                      others: promotion.panel.decision.other_median_min,
                    })
                  : t('Gate median ≥ {gate}, others ≥ {others}; components pass by majority.', {
                      gate: promotion.panel.decision.gate_median_min,
                      others: promotion.panel.decision.other_median_min,
                    })}
              </p>
            </>
          )}
        </Card>
      )}
      {mentorship !== undefined && (
        <Card title={t('Mentorship')}>
          {mentorship.receives !== undefined && (
            <p>
              {mentorship.receives.leadership
                ? t('Receives a mentor at {levels} or from leadership, {cadence} check-ins.', {
                    levels: mentorship.receives.mentor_levels.join(' / '),
                    cadence: cadenceWord(mentorship.receives.checkin_cadence),
                  })
                : t('Receives a mentor at {levels}, {cadence} check-ins.', {
                    levels: mentorship.receives.mentor_levels.join(' / '),
                    cadence: cadenceWord(mentorship.receives.checkin_cadence),
                  })}
            </p>
          )}
          {mentorship.gives !== undefined && (
            <p>
              {t(
                'Mentors {slots, plural, one {# person} other {# people}} at {levels}, {cadence} check-ins.',
                {
                  slots: mentorship.gives.slots,
                  levels: mentorship.gives.mentee_levels.join(', '),
                  cadence: cadenceWord(mentorship.gives.checkin_cadence),
                },
              )}
              {mentorship.gives.referral !== undefined &&
                ` ${t(
                  'Earns {percent} % of the mentee’s rate for {months, plural, one {# month} other {# months}}.',
                  {
                    percent: mentorship.gives.referral.percent,
                    months: mentorship.gives.referral.months,
                  },
                )}`}
            </p>
          )}
        </Card>
      )}
      {(level.billing_tier !== undefined || level.unlocks !== undefined) && (
        <Card title={t('Billing and unlocks')}>
          {level.billing_tier !== undefined && (
            <p>{t('Billing tier: {tier}', { tier: level.billing_tier })}</p>
          )}
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
