import { useParams, useSearchParams } from 'react-router';
import { useLadder } from '../../features/ladder/api/get-ladder';
import { useLadders } from '../../features/ladder/api/get-ladders';
import { PathPage } from '../../features/path/components/path-page';
import { builderEmailOf } from '../../lib/auth';
import { RequireSession } from '../require-session';

/** /path (my own) and /builders/:email (a mentee's or, for leadership, anyone's); ?at= picks the day. */
export function PathRoute() {
  const { email: emailParam } = useParams();
  const [params] = useSearchParams();
  const at = params.get('at') ?? undefined;
  const ladders = useLadders();
  const ladder = useLadder(ladders.data?.ladders[0]?.ladder, at);
  return (
    <RequireSession>
      {(session) => {
        const email = emailParam ?? builderEmailOf(session);
        if (email === null) return <p>Pick a builder from the roster to see their path.</p>;
        return (
          <PathPage
            email={email}
            {...(at === undefined ? {} : { at })}
            levels={ladder.data?.document.levels ?? []}
            isSelf={email === builderEmailOf(session)}
            renderRecords={(ids) => (
              <ul className="records">
                {ids.map((id) => (
                  <li key={id}>{id}</li>
                ))}
              </ul>
            )}
          />
        );
      }}
    </RequireSession>
  );
}
