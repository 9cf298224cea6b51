import type { ReactNode } from 'react';
import { Card } from '../../../components/ui/card';
import { QueryView } from '../../../components/ui/query-state';
import type { CompetencyCategory, Level } from '../../../types/ladder';
import { useBuilderEvidence, type TaggedRecord } from '../api/list-tagged-evidence';
import { t } from '../../../i18n/i18n';

/** At most this many records are listed per area (newest first); the count says how many there are. */
const SHOWN = 10;

/** The records that stand (no later record corrects them) that name `area`, newest first. */
export function standingRecordsOf(records: readonly TaggedRecord[], area: string): TaggedRecord[] {
  const corrected = new Set(records.flatMap((r) => (r.supersedes === null ? [] : [r.supersedes])));
  return records
    .filter((r) => !corrected.has(r.id) && (r.competencies ?? []).includes(area))
    .sort((a, b) => (a.date === b.date ? b.id.localeCompare(a.id) : b.date.localeCompare(a.date)));
}

/**
 * The builder's evidence per competency area of their ladder, grouped by category: what their level
 * expects there and the records that speak to it (a correction replaces what it corrects). Nothing for a
 * ladder without competencies.
 */
export function CompetencyEvidence({
  email,
  at,
  categories,
  level,
  renderRecords,
}: {
  email: string;
  at?: string | undefined;
  categories: CompetencyCategory[];
  /** The builder's current level in the ladder, for its expectations (when known). */
  level?: Level | undefined;
  renderRecords: (ids: string[]) => ReactNode;
}) {
  const query = useBuilderEvidence(email, at, categories.length > 0);
  if (categories.length === 0) return null;
  return (
    <Card title={t('Evidence by competency')} id="competency-evidence">
      <QueryView query={query} label={t('Loading the evidence by competency…')}>
        {(records) => (
          <div className="competency-evidence">
            {categories.map((category) => (
              <section key={category.id} aria-label={category.name} className="competency-category">
                <h3>{category.name}</h3>
                <ul className="competency-areas">
                  {category.areas.map((area) => {
                    const tagged = standingRecordsOf(records, area.id);
                    const expectation = level?.expectations?.find((e) => e.area === area.id);
                    return (
                      <li key={area.id} data-testid={`competency-${area.id}`}>
                        <p>
                          <strong>{area.name}</strong>{' '}
                          <span className="badge" data-testid={`competency-count-${area.id}`}>
                            {t('{count, plural, one {# record} other {# records}}', { count: tagged.length })}
                          </span>
                        </p>
                        {expectation !== undefined && level !== undefined && (
                          <p className="muted">
                            {t('{level} expects: {text}', { level: level.id, text: expectation.text })}
                          </p>
                        )}
                        {tagged.length === 0 ? (
                          <p className="muted">{t('No evidence names this competency yet.')}</p>
                        ) : (
                          <>
                            {renderRecords(tagged.slice(0, SHOWN).map((r) => r.id))}
                            {tagged.length > SHOWN && (
                              <p className="muted">
                                {t('… and {count, plural, one {# older record} other {# older records}}.', {
                                  count: tagged.length - SHOWN,
                                })}
                              </p>
                            )}
                          </>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </section>
            ))}
          </div>
        )}
      </QueryView>
    </Card>
  );
}
