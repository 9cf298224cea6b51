import { useSearchParams } from 'react-router';
import { AssignMenteeForm } from '../../features/mentoring/components/assign-mentee-form';
import { MentorPage } from '../../features/mentoring/components/mentor-page';
import {
  MentorStatement,
  MentorStatementHeading,
} from '../../features/mentoring/components/mentor-statement';
import { MentorsOverview, PickMentorForm } from '../../features/mentoring/components/mentors-overview';
import { builderEmailOf } from '../../lib/auth';
import { monthOf } from '../../lib/format';
import { RequireSession } from '../require-session';
import { t } from '../../i18n/i18n';

/**
 * /mentoring?mentor= — a mentor's own screen; leadership sees every mentor and their mentees until one
 * is picked, and may assign mentees.
 */
export function MentoringRoute() {
  const [params, setParams] = useSearchParams();
  return (
    <RequireSession roles={['builder', 'leadership']}>
      {(session) => {
        const isLead = session.role === 'leadership';
        const mentor = params.get('mentor') ?? builderEmailOf(session) ?? '';
        return (
          <div>
            <h1>{isLead ? t('Mentoring') : t('My mentees')}</h1>
            {isLead && (
              <PickMentorForm
                key={`pick:${mentor}`}
                mentor={mentor}
                onPick={(email) => setParams(email === '' ? {} : { mentor: email })}
              />
            )}
            {isLead && <AssignMenteeForm key={mentor} {...(mentor === '' ? {} : { mentor })} />}
            {mentor === '' && isLead && (
              <MentorsOverview onPick={(email) => `/mentoring?mentor=${encodeURIComponent(email)}`} />
            )}
            {mentor !== '' && (
              <MentorPage
                mentor={mentor}
                canRecord={!isLead}
                canSeeMoney
                own={mentor === builderEmailOf(session)}
              />
            )}
          </div>
        );
      }}
    </RequireSession>
  );
}

/**
 * /mentoring/statement?month=&mentor= — what a mentor is owed for a month, by currency, with the
 * accruals behind each amount. A builder reads their own; leadership names the mentor.
 */
export function MentorStatementRoute() {
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? monthOf();
  return (
    <RequireSession roles={['builder', 'leadership']}>
      {(session) => {
        const mentor =
          session.role === 'leadership' ? (params.get('mentor') ?? '') : (builderEmailOf(session) ?? '');
        const setMonth = (next: string) => {
          const query = new URLSearchParams(params);
          query.set('month', next);
          setParams(query);
        };
        return (
          <div>
            {mentor === '' ? (
              <h1>{t('Referral statement')}</h1>
            ) : (
              <MentorStatementHeading mentor={mentor} month={month} own={session.role !== 'leadership'} />
            )}
            {mentor === '' ? (
              <p>{t('Pick a mentor on the Mentoring page to read their statement.')}</p>
            ) : (
              <MentorStatement mentor={mentor} month={month} onMonth={setMonth} />
            )}
          </div>
        );
      }}
    </RequireSession>
  );
}
