import { Card } from '../../../components/ui/card';
import type { CompetencyCategory, Level } from '../../../types/ladder';

/**
 * A level's expectations grouped by the ladder's competency categories, in the ladder's order; a
 * category the level says nothing of is left out. Nothing at all for a level without expectations.
 */
export function CompetencyExpectations({
  level,
  categories,
  title = 'Competencies',
}: {
  level: Level;
  categories: CompetencyCategory[];
  /** The heading the ladder declares for its competency section, else the app's own. */
  title?: string;
}) {
  const expectations = level.expectations ?? [];
  const groups = categories
    .map((category) => ({
      category,
      rows: category.areas.flatMap((area) => {
        const expectation = expectations.find((e) => e.area === area.id);
        return expectation === undefined ? [] : [{ area, expectation }];
      }),
    }))
    .filter((group) => group.rows.length > 0);
  if (groups.length === 0) return null;
  return (
    <Card title={title} id="competencies">
      {groups.map(({ category, rows }) => (
        <section key={category.id} className="competency-category" aria-label={category.name}>
          <h3>{category.name}</h3>
          {category.description !== undefined && <p className="muted">{category.description}</p>}
          <dl className="competencies">
            {rows.map(({ area, expectation }) => (
              <div key={area.id} className="competency">
                <dt>{area.name}</dt>
                <dd>
                  <p>{expectation.text}</p>
                  {expectation.examples !== undefined && (
                    <ul className="examples" aria-label={`Examples for ${area.name}`}>
                      {expectation.examples.map((example) => (
                        <li key={example}>{example}</li>
                      ))}
                    </ul>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Card>
  );
}
