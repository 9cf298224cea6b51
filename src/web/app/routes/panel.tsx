import { useParams } from 'react-router';
import { CaseList } from '../../features/cases/components/case-list';
import { CasePage } from '../../features/cases/components/case-page';
import { t } from '../../i18n/i18n';
import { RequireSession } from '../require-session';

/** /panel — the cases a panelist sits on (leadership: every case). */
export function PanelRoute() {
  return (
    <RequireSession roles={['builder', 'leadership']}>
      {(session) => (
        <div>
          <h1>{session.role === 'leadership' ? t('Promotion cases') : t('My panel cases')}</h1>
          <CaseList emptyHint={t('When leadership seats you on a panel, the case shows here.')} />
        </div>
      )}
    </RequireSession>
  );
}

/** /panel/cases/:id — portfolio, score sheet and result of one case. */
export function CaseRoute() {
  const { id } = useParams();
  const caseId = Number(id);
  return (
    <RequireSession roles={['builder', 'leadership']}>
      {(session) =>
        Number.isInteger(caseId) && caseId > 0 ? (
          <CasePage caseId={caseId} viewerEmail={session.email} canDecide={session.role === 'leadership'} />
        ) : (
          <p role="alert">{t('No such case.')}</p>
        )
      }
    </RequireSession>
  );
}
