import { Card } from '../../../components/ui/card';
import { SelectField } from '../../../components/ui/form';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { formatDay } from '../../../lib/format';
import { useLadder } from '../api/get-ladder';
import { useLadders } from '../api/get-ladders';
import { LevelComparison } from './level-comparison';
import { LevelView } from './level-view';
import { VersionChanges } from './version-changes';
import { VersionHistory } from './version-history';

export interface LadderPageState {
  ladderId?: string | undefined;
  level?: string | undefined;
  at?: string | undefined;
  compare?: string | undefined;
}

/** The ladder rendered from the version in force (or a past version), with history and comparison. */
export function LadderPage({
  state,
  onChange,
}: {
  state: LadderPageState;
  onChange: (next: LadderPageState) => void;
}) {
  const ladders = useLadders();
  const ladderId = state.ladderId ?? ladders.data?.ladders[0]?.ladder;
  const ladder = useLadder(ladderId, state.at);
  if (ladders.data !== undefined && ladders.data.ladders.length === 0) {
    return (
      <EmptyState title="No ladder published yet">
        Leadership publishes the ladder file; it then shows here.
      </EmptyState>
    );
  }
  return (
    <QueryView query={ladder} label="Loading the ladder…">
      {(data) => {
        const doc = data.document;
        const order = doc.tracks.flatMap((track) => track.levels);
        const levels = [...doc.levels].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
        const shown =
          levels.find((l) => l.id === state.level) ?? levels.find((l) => l.status === 'written') ?? levels[0];
        const other = levels.find((l) => l.id === state.compare);
        const activeVersion =
          ladders.data?.ladders.find((l) => l.ladder === doc.ladder)?.active_version ?? null;
        return (
          <div className="ladder-page">
            <header className="page-header">
              <h1>{doc.name}</h1>
              <p className="muted">
                Version of {formatDay(doc.version)}
                {data.version === activeVersion ? ' (in force)' : ' (a past or future version)'}
              </p>
              {(ladders.data?.ladders.length ?? 0) > 1 && (
                <SelectField
                  className="ladder-picker"
                  label="Ladder"
                  value={doc.ladder}
                  onChange={(event) => onChange({ ladderId: event.target.value })}
                  options={(ladders.data?.ladders ?? []).map((l) => ({ value: l.ladder, label: l.name }))}
                />
              )}
            </header>
            <nav className="level-tabs" aria-label="Levels">
              {levels.map((level) => (
                <button
                  key={level.id}
                  type="button"
                  className={`tab ${level.id === shown?.id ? 'tab-active' : ''}`}
                  aria-pressed={level.id === shown?.id}
                  onClick={() => onChange({ ...state, level: level.id })}
                >
                  {level.id}
                  {level.status === 'not_written' && <span className="sr-only"> (not written yet)</span>}
                </button>
              ))}
            </nav>
            <div className="two-column">
              <div>
                {shown === undefined ? (
                  <EmptyState title="This ladder has no levels" />
                ) : (
                  <LevelView
                    level={shown}
                    categories={doc.competency_categories ?? []}
                    points={doc.points}
                    sections={doc.sections ?? []}
                    lang={doc.locale ?? 'en'}
                  />
                )}
              </div>
              <aside>
                <Card title="Version history">
                  <VersionHistory
                    ladderId={doc.ladder}
                    shownVersion={data.version}
                    activeVersion={activeVersion}
                    onPick={(version) =>
                      onChange({ ...state, at: version === activeVersion ? undefined : version })
                    }
                  />
                  <VersionChanges ladderId={doc.ladder} shown={doc} />
                </Card>
                <Card title="Compare levels">
                  {shown !== undefined && (
                    <SelectField
                      label={`Compare ${shown.id} with`}
                      value={state.compare ?? ''}
                      onChange={(event) => onChange({ ...state, compare: event.target.value || undefined })}
                      options={[
                        { value: '', label: 'Choose a level' },
                        ...levels
                          .filter((l) => l.id !== shown.id)
                          .map((l) => ({ value: l.id, label: `${l.id} — ${l.title}` })),
                      ]}
                    />
                  )}
                </Card>
              </aside>
            </div>
            {shown !== undefined && other !== undefined && (
              <Card title={`${shown.id} and ${other.id} side by side`} id="comparison">
                <LevelComparison left={shown} right={other} categories={doc.competency_categories ?? []} />
              </Card>
            )}
          </div>
        );
      }}
    </QueryView>
  );
}
