import { useState, type FormEvent } from 'react';
import { Card } from '../../../components/ui/card';
import { FormMessage, SelectField, TextAreaField, TextField } from '../../../components/ui/form';
import { StatusBadge } from '../../../components/ui/status-badge';
import { formatDay, humanize } from '../../../lib/format';
import { useDecideCase } from '../api/decide-case';
import type { CaseView, ComputedDecision } from '../types';
import { PromotionUnlocks } from './promotion-unlocks';
import { TableScroll } from '../../../components/ui/table-scroll';

function Tallies({ result }: { result: Pick<ComputedDecision, 'components' | 'criteria' | 'reasons'> }) {
  return (
    <>
      <TableScroll label="Criteria medians">
        <table aria-label="Criteria medians">
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Scores</th>
              <th scope="col" className="num">
                Median
              </th>
              <th scope="col" className="num">
                Needed
              </th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {result.criteria.map((c) => (
              <tr key={c.id} data-testid={`criterion-${c.id}`}>
                <th scope="row">
                  {c.name}
                  {c.gate && <span className="badge badge-warn">gate</span>}
                </th>
                <td>{c.scores.join(', ')}</td>
                <td className="num">{c.median}</td>
                <td className="num">≥ {c.required}</td>
                <td>
                  <StatusBadge
                    status={c.passed ? 'met' : 'not_met'}
                    label={c.passed ? 'Passed' : 'Not passed'}
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
            {c.name}: {c.passes} pass, {c.fails} fail —{' '}
            <StatusBadge status={c.passed ? 'met' : 'not_met'} label={c.passed ? 'Passed' : 'Not passed'} />
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
    return (
      <Card title="Decision" id="result">
        <p data-testid="case-outcome">
          <StatusBadge
            status={d.outcome === 'promoted' ? 'accepted' : 'not_met'}
            label={humanize(d.outcome)}
          />{' '}
          decided by {d.decided_by} on {formatDay(d.decided_at)}
          {d.overridden &&
            ` (the rule said ${humanize(d.computed_outcome)}; overridden: ${d.override_reason ?? ''})`}
        </p>
        {d.note !== '' && <p>{d.note}</p>}
        {d.outcome === 'promoted' && d.effective_date !== null && (
          <p data-testid="case-effective">
            {view.candidate_name} holds {view.target_label} from {formatDay(d.effective_date)}.
          </p>
        )}
        <Tallies result={d} />
        {d.outcome === 'promoted' && d.effective_date !== null && (
          <PromotionUnlocks
            ladder={view.ladder.id}
            level={view.target_level}
            since={d.effective_date}
            who={view.candidate_name}
          />
        )}
      </Card>
    );
  }
  if (view.computed === null) {
    return (
      <Card title="Result" id="result">
        <p>
          {view.panel.submitted} of {view.panel.size} sheets submitted. The result appears once every panelist
          has submitted.
        </p>
      </Card>
    );
  }
  return (
    <Card title="Result" id="result">
      <p data-testid="case-computed">
        The rule in the ladder gives:{' '}
        <StatusBadge
          status={view.computed.outcome === 'promoted' ? 'accepted' : 'not_met'}
          label={humanize(view.computed.outcome)}
        />
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
  const overriding = outcome !== computed;
  const submit = (event: FormEvent) => {
    event.preventDefault();
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
    <form onSubmit={submit} aria-label="Record the decision">
      <h3>Record the decision</h3>
      <SelectField
        label="Outcome"
        value={outcome}
        onChange={(e) => setOutcome(e.target.value)}
        options={[
          { value: 'promoted', label: 'Promoted' },
          { value: 'not_yet', label: 'Not yet' },
        ]}
      />
      <TextAreaField label="Decision note" required value={note} onChange={(e) => setNote(e.target.value)} />
      {outcome === 'promoted' && (
        <TextField
          label="Effective date"
          type="date"
          value={effective}
          min={view.opened_on}
          onChange={(e) => setEffective(e.target.value)}
          hint="The day the new level starts: slots, referral terms, billing tier and panel eligibility follow it. Empty: today."
        />
      )}
      {overriding && (
        <TextAreaField
          label="Reason for overriding the rule"
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      )}
      <FormMessage error={decide.error?.message} success={decide.isSuccess ? 'Decision recorded.' : null} />
      <button type="submit" className="button" disabled={decide.isPending}>
        Record decision
      </button>
    </form>
  );
}
