import { useSearchParams } from 'react-router';
import { TextField } from '../../components/ui/form';
import { AssignMenteeForm } from '../../features/mentoring/components/assign-mentee-form';
import { MentorPage } from '../../features/mentoring/components/mentor-page';
import { builderEmailOf } from '../../lib/auth';
import { RequireSession } from '../require-session';

/** /mentoring?mentor= — a mentor's own screen; leadership picks a mentor and may assign mentees. */
export function MentoringRoute() {
  const [params, setParams] = useSearchParams();
  return (
    <RequireSession roles={['builder', 'leadership']}>
      {(session) => {
        const isLead = session.role === 'leadership';
        const mentor = params.get('mentor') ?? builderEmailOf(session) ?? '';
        return (
          <div>
            <h1>{isLead ? 'Mentoring' : 'My mentees'}</h1>
            {isLead && (
              <form
                className="form-row"
                aria-label="Pick a mentor"
                onSubmit={(e) => {
                  e.preventDefault();
                  const value = new FormData(e.currentTarget).get('mentor');
                  setParams(typeof value === 'string' && value !== '' ? { mentor: value } : {});
                }}
              >
                <TextField label="Mentor (email)" name="mentor" type="email" defaultValue={mentor} />
                <div className="field">
                  <span aria-hidden="true">&nbsp;</span>
                  <button type="submit" className="button button-secondary">
                    Show
                  </button>
                </div>
              </form>
            )}
            {isLead && <AssignMenteeForm key={mentor} {...(mentor === '' ? {} : { mentor })} />}
            {mentor !== '' && <MentorPage mentor={mentor} canRecord={!isLead} canSeeMoney />}
          </div>
        );
      }}
    </RequireSession>
  );
}
