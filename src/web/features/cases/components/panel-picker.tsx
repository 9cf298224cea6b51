import { useMemo, useState, type FormEvent } from 'react';
import { Card } from '../../../components/ui/card';
import { FormMessage, TextField } from '../../../components/ui/form';
import { QueryView } from '../../../components/ui/query-state';
import { t } from '../../../i18n/i18n';
import { usePanelCandidates, type PanelCandidate } from '../api/get-panel-candidates';
import { useSetPanel } from '../api/set-panel';
import type { CaseView } from '../types';
import { formatList } from '../../../lib/format';
import { roleWords } from '../../../lib/role-words';
import { TableScroll } from '../../../components/ui/table-scroll';

function standingOf(person: PanelCandidate): string {
  return person.level_label ?? roleWords(person.role);
}

function matches(person: PanelCandidate, search: string): boolean {
  const q = search.trim().toLowerCase();
  return q === '' || person.name.toLowerCase().includes(q) || person.email.toLowerCase().includes(q);
}

/**
 * Leadership seats the panel from the people the server says may sit (GET …/panel-candidates, the seating
 * rules themselves), and reads why each other person may not. The server still checks the seating.
 */
export function PanelPicker({ view }: { view: CaseView }) {
  const query = usePanelCandidates(view.id);
  return (
    <QueryView query={query} label={t('Finding who may sit…')}>
      {(answer) => <PickerForm view={view} candidates={answer.candidates} size={answer.panel_size} />}
    </QueryView>
  );
}

function PickerForm({
  view,
  candidates,
  size,
}: {
  view: CaseView;
  candidates: PanelCandidate[];
  size: number;
}) {
  const seat = useSetPanel(view.id);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string[]>(() => view.panel.members.map((m) => m.email));
  const eligible = useMemo(() => candidates.filter((c) => c.eligible), [candidates]);
  const refused = useMemo(() => candidates.filter((c) => !c.eligible), [candidates]);
  const nameOf = (email: string) => candidates.find((c) => c.email === email)?.name ?? email;
  const toggle = (email: string) =>
    setChosen((now) => (now.includes(email) ? now.filter((e) => e !== email) : [...now, email]));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    seat.mutate({ panelists: chosen, expected_version: view.version });
  };
  const missing = size - chosen.length;
  return (
    <Card
      title={t('Seat the panel ({size, plural, one {# person} other {# people}})', { size })}
      id="panel-picker"
    >
      <form onSubmit={submit} aria-label={t('Seat the panel')}>
        <TextField
          label={t('Find a person')}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          hint={t('By name or email')}
        />
        <fieldset>
          <legend>
            {t('May sit ({eligible}) — {chosen} of {size} chosen', {
              eligible: eligible.length,
              chosen: chosen.length,
              size,
            })}
          </legend>
          {eligible.length === 0 && <p>{t('Nobody on the roster may sit on this panel today.')}</p>}
          <ul className="seat-list" data-testid="panel-eligible">
            {eligible
              .filter((c) => matches(c, search) || chosen.includes(c.email))
              .map((c) => {
                const checked = chosen.includes(c.email);
                const id = `seat-${c.email}`;
                return (
                  <li key={c.email} data-testid={`eligible-${c.email}`}>
                    <input
                      id={id}
                      type="checkbox"
                      checked={checked}
                      disabled={!checked && chosen.length >= size}
                      onChange={() => toggle(c.email)}
                    />
                    <label htmlFor={id}>
                      <strong>{c.name}</strong> <span className="muted">{standingOf(c)}</span>{' '}
                      <small className="muted">{c.email}</small>
                    </label>
                  </li>
                );
              })}
          </ul>
        </fieldset>
        <FormMessage
          error={seat.error?.message}
          success={
            seat.isSuccess
              ? t('Panel seated: {names}.', {
                  names: formatList(seat.data.panel.members.map((m) => nameOf(m.email))),
                })
              : null
          }
        />
        <button type="submit" className="button" disabled={missing !== 0 || seat.isPending}>
          {missing > 0
            ? t('Choose {count} more', { count: missing })
            : missing < 0
              ? t('Choose {count} fewer', { count: -missing })
              : t('Seat the panel')}
        </button>
      </form>
      <details className="picker-refused" open={refused.length <= 8}>
        <summary>{t('Who may not sit, and why ({count})', { count: refused.length })}</summary>
        <TableScroll label={t('People who may not sit on this panel')}>
          <table aria-label={t('People who may not sit on this panel')}>
            <thead>
              <tr>
                <th scope="col">{t('Person')}</th>
                <th scope="col">{t('Level')}</th>
                <th scope="col">{t('Why not')}</th>
              </tr>
            </thead>
            <tbody>
              {refused
                .filter((c) => matches(c, search))
                .map((c) => (
                  <tr key={c.email} data-testid={`refused-${c.email}`}>
                    <th scope="row">
                      {c.name}
                      <br />
                      <small className="muted">{c.email}</small>
                    </th>
                    <td>{standingOf(c)}</td>
                    <td>
                      {c.refusal === 'panelist_conflict'
                        ? t('Conflict of interest: {reason}', { reason: c.reason })
                        : t('Not eligible: {reason}', { reason: c.reason })}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </Card>
  );
}
