import { useSearchParams } from 'react-router';
import { AsOfPicker } from '../../components/ui/as-of-picker';
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

/** /leadership?level=&at= — the readiness board of one level (levels from the ladder in force). */
export function ReadinessBoardRoute() {
  const [params, setParams] = useSearchParams();
  const at = params.get('at') ?? undefined;
  const ladders = useLadders();
  const ladder = useLadder(ladders.data?.ladders[0]?.ladder, at);
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
          <nav className="level-tabs" aria-label={t('Levels')}>
            {order.map((id) => (
              <button
                key={id}
                type="button"
                className={`tab ${id === level ? 'tab-active' : ''}`}
                aria-pressed={id === level}
                onClick={() => setParams(at === undefined ? { level: id } : { level: id, at })}
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
