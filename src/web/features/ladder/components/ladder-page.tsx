import { Card } from '../../../components/ui/card';
import { CheckboxField, SelectField } from '../../../components/ui/form';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { t } from '../../../i18n/i18n';
import { formatDay } from '../../../lib/format';
import { useLadder } from '../api/get-ladder';
import { useLadders } from '../api/get-ladders';
import { LevelChoices } from './level-choices';
import { LevelComparison } from './level-comparison';
import { LevelView } from './level-view';
import { VersionChanges } from './version-changes';
import { VersionHistory } from './version-history';

export interface LadderPageState {
  ladderId?: string | undefined;
  level?: string | undefined;
  at?: string | undefined;
  compare?: string | undefined;
  /** 'true': the page lists the organisation's own choices (which numbers are not the source's). */
  choices?: string | undefined;
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
      <EmptyState title={t('No ladder published yet')}>
        {t('Leadership publishes the ladder file; it then shows here.')}
      </EmptyState>
    );
  }
  return (
    <QueryView query={ladder} label={t('Loading the ladder…')}>
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
                {data.version === activeVersion
                  ? t('Version of {date} (in force)', { date: formatDay(doc.version) })
                  : t('Version of {date} (a past or future version)', { date: formatDay(doc.version) })}
              </p>
              {(ladders.data?.ladders.length ?? 0) > 1 && (
                <SelectField
                  className="ladder-picker"
                  label={t('Ladder')}
                  value={doc.ladder}
                  onChange={(event) => onChange({ ladderId: event.target.value })}
                  options={(ladders.data?.ladders ?? []).map((l) => ({ value: l.ladder, label: l.name }))}
                />
              )}
            </header>
            <nav className="level-tabs" aria-label={t('Levels')}>
              {levels.map((level) => (
                <button
                  key={level.id}
                  type="button"
                  className={`tab ${level.id === shown?.id ? 'tab-active' : ''}`}
                  aria-pressed={level.id === shown?.id}
                  onClick={() => onChange({ ...state, level: level.id })}
                >
                  {level.id}
                  {level.status === 'not_written' && (
                    <span className="sr-only"> {t('(not written yet)')}</span>
                  )}
                </button>
              ))}
            </nav>
            <div className="two-column">
              <div>
                {shown === undefined ? (
                  <EmptyState title={t('This ladder has no levels')} />
                ) : (
                  <LevelView
                    level={shown}
                    categories={doc.competency_categories ?? []}
                    points={doc.points}
                    sections={doc.sections ?? []}
                    lang={doc.locale ?? 'en'}
                    choices={
                      state.choices === 'true' ? (
                        <LevelChoices
                          ladderId={doc.ladder}
                          levelRef={`${shown.track}/${shown.id}`}
                          at={state.at}
                          lang={doc.locale ?? 'en'}
                        />
                      ) : undefined
                    }
                  />
                )}
              </div>
              <aside>
                <Card title={t('Version history')}>
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
                <Card title={t('Compare levels')}>
                  {shown !== undefined && (
                    <SelectField
                      label={t('Compare {level} with', { level: shown.id })}
                      value={state.compare ?? ''}
                      onChange={(event) => onChange({ ...state, compare: event.target.value || undefined })}
                      options={[
                        { value: '', label: t('Choose a level') },
                        ...levels
                          .filter((l) => l.id !== shown.id)
                          .map((l) => ({ value: l.id, label: `${l.id} — ${l.title}` })),
                      ]}
                    />
                  )}
                </Card>
                <Card title={t('Where the numbers come from')}>
                  <CheckboxField
                    label={t('Show which numbers are the organisation’s own choices')}
                    checked={state.choices === 'true'}
                    onChange={(event) =>
                      onChange({ ...state, choices: event.target.checked ? 'true' : undefined })
                    }
                  />
                </Card>
              </aside>
            </div>
            {shown !== undefined && other !== undefined && (
              <Card
                title={t('{left} and {right} side by side', { left: shown.id, right: other.id })}
                id="comparison"
              >
                <LevelComparison left={shown} right={other} categories={doc.competency_categories ?? []} />
              </Card>
            )}
          </div>
        );
      }}
    </QueryView>
  );
}
