import { useState, type FormEvent } from 'react';
import { Card } from '../../../components/ui/card';
import { DateField } from '../../../components/ui/date-field';
import { FormMessage, SelectField, TextAreaField } from '../../../components/ui/form';
import { StatusBadge } from '../../../components/ui/status-badge';
import { t, tx } from '../../../i18n/i18n';
import { formatDay, formatNumber } from '../../../lib/format';
import { useDecideCase } from '../api/decide-case';
import { outcomeWord } from '../case-words';
import type { CaseView, ComputedDecision } from '../types';
import { PromotionUnlocks } from './promotion-unlocks';
import { TableScroll } from '../../../components/ui/table-scroll';

function Tallies({ result }: { result: Pick<ComputedDecision, 'components' | 'criteria' | 'reasons'> }) {
  return (
    <>
      <TableScroll label={t('Criteria medians')}>
        <table aria-label={t('Criteria medians')}>
          <thead>
            <tr>
              <th scope="col">{t('Criterion')}</th>
              <th scope="col">{t('Scores')}</th>
              <th scope="col" className="num">
                {t('Median')}
              </th>
              <th scope="col" className="num">
                {t('Needed')}
              </th>
              <th scope="col">{t('Result')}</th>
            </tr>
          </thead>
          <tbody>
            {result.criteria.map((c) => (
              <tr key={c.id} data-testid={`criterion-${c.id}`}>
                <th scope="row">
                  {c.name}
                  {c.gate && (
                    <>
                      {' '}
                      <span className="badge badge-warn">{t('gate')}</span>
                    </>
                  )}
                </th>
                <td>{c.scores.map(formatNumber).join(' · ')}</td>
                <td className="num">{formatNumber(c.median)}</td>
                <td className="num">≥ {formatNumber(c.required)}</td>
                <td>
                  <StatusBadge
                    status={c.passed ? 'met' : 'not_met'}
                    label={c.passed ? t('Passed') : t('Not passed')}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ul>
        {result.components.map((c) => (
          <li key={c.id}>
            {tx('{component}: {passes} pass, {fails} fail — {result}', {
              component: c.name,
              passes: c.passes,
              fails: c.fails,
              result: (
                <StatusBadge
                  status={c.passed ? 'met' : 'not_met'}
                  label={c.passed ? t('Passed') : t('Not passed')}
                />
              ),
            })}
          </li>
        ))}
      </ul>
      {result.reasons.length > 0 && (
        <ul className="gap-list">
          {result.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The result: what the rule makes of the submitted sheets, and the recorded decision. */
export function CaseResult({ view, canDecide }: { view: CaseView; canDecide: boolean }) {
  if (view.decision !== null) {
    const d = view.decision;
    const outcome = (
      <StatusBadge
        status={d.outcome === 'promoted' ? 'accepted' : 'not_met'}
        label={outcomeWord(d.outcome)}
      />
    );
    return (
      <Card title={t('Decision')} id="result">
        <p data-testid="case-outcome">
          {d.overridden
            ? tx('{outcome} decided by {who} on {date} (the rule said {computed}; overridden: {reason})', {
                outcome,
                who: d.decided_by,
                date: formatDay(d.decided_at),
                computed: outcomeWord(d.computed_outcome),
                reason: d.override_reason ?? '',
              })
            : tx('{outcome} decided by {who} on {date}', {
                outcome,
                who: d.decided_by,
                date: formatDay(d.decided_at),
              })}
        </p>
        {d.note !== '' && <p>{d.note}</p>}
        {d.outcome === 'promoted' && d.effective_date !== null && (
          <p data-testid="case-effective">
            {t('{name} holds {level} from {date}.', {
              name: view.candidate_name,
              level: view.target_label,
              date: formatDay(d.effective_date),
            })}
          </p>
        )}
        <Tallies result={d} />
        {d.outcome === 'promoted' && d.effective_date !== null && (
          <PromotionUnlocks
            ladder={view.ladder.id}
            level={view.target_level}
            levelLabel={view.target_label}
            since={d.effective_date}
            candidate={view.candidate_name}
          />
        )}
      </Card>
    );
  }
  if (view.computed === null) {
    return (
      <Card title={t('Result')} id="result">
        <p>
          {t(
            '{submitted} of {size, plural, one {# sheet} other {# sheets}} submitted. The result appears once every panelist has submitted.',
            { submitted: view.panel.submitted, size: view.panel.size },
          )}
        </p>
      </Card>
    );
  }
  return (
    <Card title={t('Result')} id="result">
      <p data-testid="case-computed">
        {tx('The rule in the ladder gives: {outcome}', {
          outcome: (
            <StatusBadge
              status={view.computed.outcome === 'promoted' ? 'accepted' : 'not_met'}
              label={outcomeWord(view.computed.outcome)}
            />
          ),
        })}
      </p>
      <Tallies result={view.computed} />
      {canDecide && <DecisionForm view={view} />}
    </Card>
  );
}

function DecisionForm({ view }: { view: CaseView }) {
  const decide = useDecideCase(view.id);
  const computed = view.computed?.outcome ?? 'not_yet';
  const [outcome, setOutcome] = useState<string>(computed);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [effective, setEffective] = useState('');
  // False while the effective date field holds text that is not a day on or after the opening.
  const [effectiveOk, setEffectiveOk] = useState(true);
  const overriding = outcome !== computed;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (outcome === 'promoted' && !effectiveOk) return;
    decide.mutate({
      outcome: outcome as 'promoted' | 'not_yet',
      note,
      expected_version: view.version,
      ...(overriding ? { override_reason: reason } : {}),
      // Only a promotion has an effective date; empty means the decision day (the server's default).
      ...(outcome === 'promoted' && effective !== '' ? { effective_date: effective } : {}),
    });
  };
  return (
    <form onSubmit={submit} aria-label={t('Record the decision')}>
      <h3>{t('Record the decision')}</h3>
      <SelectField
        label={t('Outcome')}
        value={outcome}
        onChange={(e) => setOutcome(e.target.value)}
        options={[
          { value: 'promoted', label: outcomeWord('promoted') },
          { value: 'not_yet', label: outcomeWord('not_yet') },
        ]}
      />
      <TextAreaField
        label={t('Decision note')}
        required
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {outcome === 'promoted' && (
        <DateField
          label={t('Effective date')}
          value={effective}
          min={view.opened_on}
          onChange={(iso) => {
            setEffectiveOk(iso !== null);
            if (iso !== null) setEffective(iso);
          }}
          hint={t(
            'The day the new level starts: slots, referral terms, billing tier and panel eligibility follow it. Empty: today.',
          )}
        />
      )}
      {overriding && (
        <TextAreaField
          label={t('Reason for overriding the rule')}
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      )}
      <FormMessage
        error={decide.error?.message}
        success={decide.isSuccess ? t('Decision recorded.') : null}
      />
      <button type="submit" className="button" disabled={decide.isPending}>
        {t('Record decision')}
      </button>
    </form>
  );
}
