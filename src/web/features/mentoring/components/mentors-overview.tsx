import { useState } from 'react';
import { Link } from 'react-router';
import { PersonPicker } from '../../../components/ui/person-picker';
import { useStaffOptions } from '../../../lib/people-options';
import { TableScroll } from '../../../components/ui/table-scroll';
import { Card } from '../../../components/ui/card';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { StatusBadge } from '../../../components/ui/status-badge';
import { useMentorshipOverview } from '../api/get-mentorship-overview';
import type { MentorshipOverviewItem } from '../types';
import { t } from '../../../i18n/i18n';

interface MentorRow {
  mentor: string;
  name: string;
  mentees: MentorshipOverviewItem[];
  overdue: number;
  due: number;
}

/** Active mentorships grouped by mentor, busiest first, then by name. */
function byMentor(mentorships: MentorshipOverviewItem[]): MentorRow[] {
  const rows = new Map<string, MentorRow>();
  for (const m of mentorships.filter((x) => x.active)) {
    const row = rows.get(m.mentor) ?? {
      mentor: m.mentor,
      name: m.mentor_name,
      mentees: [],
      overdue: 0,
      due: 0,
    };
    row.mentees.push(m);
    if (m.checkins?.status === 'overdue') row.overdue += 1;
    if (m.checkins?.status === 'due') row.due += 1;
    rows.set(m.mentor, row);
  }
  return [...rows.values()].sort(
    (a, b) => b.overdue - a.overdue || b.mentees.length - a.mentees.length || a.name.localeCompare(b.name),
  );
}

/**
 * Leadership's Mentoring page before a mentor is picked: every mentor with their active mentees and how
 * their check-ins stand, so the page answers "who mentors whom, and who is behind" without typing.
 */
export function MentorsOverview({ onPick }: { onPick: (mentor: string) => string }) {
  const overview = useMentorshipOverview();
  return (
    <Card title={t('Mentors and their mentees')} id="mentors">
      <QueryView query={overview} label={t('Loading mentorships…')}>
        {(data) => {
          const rows = byMentor(data.mentorships);
          if (rows.length === 0)
            return (
              <EmptyState title={t('No active mentorship')}>
                {t('Assign a mentee to a mentor with the form above.')}
              </EmptyState>
            );
          return (
            <TableScroll label={t('Mentors')}>
              <table aria-label={t('Mentors')} className="table-wrap">
                <thead>
                  <tr>
                    <th scope="col">{t('Mentor')}</th>
                    <th scope="col">{t('Mentees')}</th>
                    <th scope="col">{t('Check-ins')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.mentor} data-testid={`mentor-${row.mentor}`}>
                      <th scope="row">
                        <Link to={onPick(row.mentor)}>{row.name}</Link>
                        <div className="muted">{row.mentor}</div>
                      </th>
                      <td>{row.mentees.map((m) => m.mentee_name).join(', ')}</td>
                      <td>
                        {row.overdue > 0 && (
                          <StatusBadge
                            status="overdue"
                            label={t('{count} overdue', { count: row.overdue })}
                          />
                        )}{' '}
                        {row.due > 0 && (
                          <StatusBadge status="due" label={t('{count} due', { count: row.due })} />
                        )}
                        {row.overdue === 0 && row.due === 0 && <StatusBadge status="ok" />}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          );
        }}
      </QueryView>
    </Card>
  );
}

/**
 * Leadership picks the mentor whose screen to read from a searchable list of people by name (no typed
 * email); picking one opens it at once.
 */
export function PickMentorForm({ mentor, onPick }: { mentor: string; onPick: (mentor: string) => void }) {
  const people = useStaffOptions(true);
  const [value, setValue] = useState(mentor);
  return (
    <form className="form-row" aria-label={t('Pick a mentor')} onSubmit={(e) => e.preventDefault()}>
      <PersonPicker
        label={t('Mentor')}
        options={people.data ?? []}
        loading={people.isPending}
        value={value}
        onChange={(next) => {
          setValue(next);
          if (next !== '' && next !== mentor) onPick(next);
        }}
      />
      {mentor !== '' && (
        <div className="field">
          <span aria-hidden="true">&nbsp;</span>
          <button type="button" className="button button-secondary" onClick={() => onPick('')}>
            {t('Every mentor')}
          </button>
        </div>
      )}
    </form>
  );
}
