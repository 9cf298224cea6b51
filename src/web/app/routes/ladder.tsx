import { useSearchParams } from 'react-router';
import { RequireSession } from '../require-session';
import { LadderPage, type LadderPageState } from '../../features/ladder/components/ladder-page';

/** /ladder?ladder=&level=&at=&compare= — the state lives in the URL so views can be linked. */
export function LadderRoute() {
  const [params, setParams] = useSearchParams();
  const state: LadderPageState = {
    ladderId: params.get('ladder') ?? undefined,
    level: params.get('level') ?? undefined,
    at: params.get('at') ?? undefined,
    compare: params.get('compare') ?? undefined,
    choices: params.get('choices') ?? undefined,
  };
  return (
    <RequireSession>
      {() => (
        <LadderPage
          state={state}
          onChange={(next) => {
            const out = new URLSearchParams();
            for (const [key, value] of Object.entries(next))
              if (typeof value === 'string' && value !== '')
                out.set(key === 'ladderId' ? 'ladder' : key, value);
            setParams(out);
          }}
        />
      )}
    </RequireSession>
  );
}
