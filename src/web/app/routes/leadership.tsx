import { useSearchParams } from 'react-router';
import { AsOfPicker } from '../../components/ui/as-of-picker';
import { SelectField } from '../../components/ui/form';
import { AuditPage } from '../../features/audit/components/audit-page';
import { OpenCaseButton } from '../../features/cases/components/open-case-button';
import { useLadder } from '../../features/ladder/api/get-ladder';
import { useLadders } from '../../features/ladder/api/get-ladders';
import { PayoutsPage } from '../../features/payouts/components/payouts-page';
import { ReadinessBoard } from '../../features/readiness-board/components/readiness-board';
import { RosterPage } from '../../features/roster/components/roster-page';
import { SourcesPage } from '../../features/sources/components/sources-page';
import { RequireSession } from '../require-session';
import { t } from '../../i18n/i18n';
import { useInstance } from '../../features/instance/api/get-instance';

/**
 * /leadership?ladder=&level=&at= — the readiness board of one level (levels from the ladder in force:
 * by default the organisation's, the one holding most builders, as GET /api/instance says).
 */
export function ReadinessBoardRoute() {
  const [params, setParams] = useSearchParams();
  const at = params.get('at') ?? undefined;
  const ladders = useLadders();
  const instance = useInstance();
  const list = ladders.data?.ladders ?? [];
  const ladderId =
    params.get('ladder') ??
    list.find((l) => l.ladder === instance.data?.locale_ladder)?.ladder ??
    list[0]?.ladder;
  const ladder = useLadder(ladderId, at);
  const go = (next: { ladder?: string; level?: string }): void => {
    const query = new URLSearchParams();
    const chosenLadder = next.ladder ?? params.get('ladder');
    if (chosenLadder !== null) query.set('ladder', chosenLadder);
    if (next.level !== undefined) query.set('level', next.level);
    if (at !== undefined) query.set('at', at);
    setParams(query);
  };
  const doc = ladder.data?.document;
  const order = doc?.tracks.flatMap((track) => track.levels) ?? [];
  const level =
    params.get('level') ??
    order.find((id) => doc?.levels.find((l) => l.id === id)?.status === 'written') ??
    order[0];
  const definition = doc?.levels.find((l) => l.id === level);
  return (
    <RequireSession roles={['leadership']}>
      {() => (
        <div>
          <h1>{t('Readiness board')}</h1>
          <AsOfPicker />
          {list.length > 1 && (
            <SelectField
              label={t('Ladder')}
              value={ladderId ?? ''}
              options={list.map((l) => ({ value: l.ladder, label: l.name }))}
              onChange={(event) => go({ ladder: event.target.value })}
            />
          )}
          <nav className="level-tabs" aria-label={t('Levels')}>
            {order.map((id) => (
              <button
                key={id}
                type="button"
                className={`tab ${id === level ? 'tab-active' : ''}`}
                aria-pressed={id === level}
                onClick={() => go({ level: id })}
              >
                {id}
              </button>
            ))}
          </nav>
          {level !== undefined && (
            <ReadinessBoard
              key={level}
              level={level}
              {...(at === undefined ? {} : { at })}
              metricCount={definition?.ranking_standard?.length ?? 0}
              rowAction={(builder, eligible) => <OpenCaseButton candidate={builder} eligible={eligible} />}
            />
          )}
        </div>
      )}
    </RequireSession>
  );
}

export function RosterRoute() {
  return <RequireSession roles={['leadership']}>{() => <RosterPage />}</RequireSession>;
}

/** /leadership/payouts?month=YYYY-MM (default: this month). */
export function PayoutsRoute() {
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? new Date().toISOString().slice(0, 7);
  return (
    <RequireSession roles={['leadership']}>
      {() => <PayoutsPage month={month} onMonth={(next) => setParams({ month: next })} />}
    </RequireSession>
  );
}

export function AuditRoute() {
  return <RequireSession roles={['leadership']}>{() => <AuditPage />}</RequireSession>;
}

export function SourcesRoute() {
  return <RequireSession roles={['leadership']}>{() => <SourcesPage />}</RequireSession>;
}
