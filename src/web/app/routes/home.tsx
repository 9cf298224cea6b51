import { BuilderHome } from '../../features/home/components/builder-home';
import { ClientHome } from '../../features/home/components/client-home';
import { LeadershipHome } from '../../features/home/components/leadership-home';
import { RequireSession } from '../require-session';
import { t } from '../../i18n/i18n';

/**
 * `/` — each role's home with its answer on top: a builder's next level and what is due (and, for a
 * mentor or panelist, their mentees and cases to score); leadership's eligible builders, overdue
 * check-ins, cases waiting and the month's payouts; a client contact's builders and feedback to give.
 */
export function HomeRoute() {
  return (
    <RequireSession>
      {(session) => {
        switch (session.role) {
          case 'leadership':
            return (
              <div>
                <h1>{t('Today in the organisation')}</h1>
                <LeadershipHome />
              </div>
            );
          case 'builder':
            return (
              <div>
                <h1>{t('Your home')}</h1>
                <BuilderHome builder={session.builder_id} onRoster={session.on_roster} />
              </div>
            );
          case 'client_stakeholder':
            return (
              <div>
                <h1>{t('Your builders')}</h1>
                <ClientHome />
              </div>
            );
        }
      }}
    </RequireSession>
  );
}
