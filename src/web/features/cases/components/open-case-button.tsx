import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { FormMessage } from '../../../components/ui/form';
import { t } from '../../../i18n/i18n';
import { useCandidateReadiness } from '../api/get-readiness';
import { useCases } from '../api/list-cases';
import { useOpenCase } from '../api/open-case';

const LIVE = new Set(['open', 'assessing']);

/**
 * Leadership's way into the promotion loop from an eligible builder: a link to the live case when there is
 * one, else "Open a case", which opens it (the server pins readiness and the ladder) and goes to the case.
 * A builder readiness does not call eligible gets no button; the server would refuse it anyway. When the
 * level leads to several targets (readiness lists `target_levels`), leadership chooses which one first.
 */
export function OpenCaseButton({
  candidate,
  name,
  eligible,
}: {
  candidate: string;
  /** How the builder is called on screen, for the button's accessible name. */
  name?: string;
  eligible: boolean;
}) {
  // One list for every row of a board: the query is shared by its key.
  const cases = useCases();
  const open = useOpenCase();
  const navigate = useNavigate();
  const live = cases.data?.find((c) => c.candidate === candidate && LIVE.has(c.status));
  // The same query as the builder page's card: one request per eligible builder, shared by key.
  const readiness = useCandidateReadiness(candidate, eligible && live === undefined);
  const targets = readiness.data?.target_levels ?? [];
  const [chosen, setChosen] = useState('');
  const target = chosen !== '' ? chosen : targets[0];
  const labelOf = (id: string): string => readiness.data?.labels?.[id] ?? id;
  if (live !== undefined)
    return (
      <Link to={`/panel/cases/${live.id}`} data-testid={`case-link-${candidate}`}>
        {live.status === 'open'
          ? t('Case #{id} (panel to seat)', { id: live.id })
          : t('Case #{id} (assessing)', { id: live.id })}
      </Link>
    );
  if (!eligible) return <span className="muted">—</span>;
  return (
    <span className="open-case">
      {targets.length > 1 && (
        <label>
          {t('Target level')}{' '}
          <select
            value={target}
            onChange={(e) => setChosen(e.target.value)}
            data-testid={`case-target-${candidate}`}
          >
            {targets.map((id) => (
              <option key={id} value={id}>
                {labelOf(id)}
              </option>
            ))}
          </select>{' '}
        </label>
      )}
      <button
        type="button"
        className="button button-small"
        disabled={open.isPending || cases.isPending}
        aria-label={t('Open a case for {name}', { name: name ?? candidate })}
        onClick={() =>
          open.mutate(
            targets.length > 1 && target !== undefined ? { candidate, target_level: target } : { candidate },
            { onSuccess: (opened) => void navigate(`/panel/cases/${opened.id}`) },
          )
        }
      >
        {open.isPending ? t('Opening…') : t('Open a case')}
      </button>
      <FormMessage error={open.error?.message} />
    </span>
  );
}
