import { createBrowserRouter } from 'react-router';
import { AppLayout } from './layout';
import { AccountsRoute } from './routes/accounts';
import { EvidenceRoute } from './routes/evidence';
import { FeedbackRoute } from './routes/feedback';
import { HomeRoute } from './routes/home';
import { LadderRoute } from './routes/ladder';
import {
  AuditRoute,
  PayoutsRoute,
  ReadinessBoardRoute,
  RosterRoute,
  SourcesRoute,
} from './routes/leadership';
import { MentoringRoute, MentorStatementRoute } from './routes/mentoring';
import { NotFoundRoute } from './routes/not-found';
import { CaseRoute, PanelRoute } from './routes/panel';
import { PathRoute } from './routes/path';
import { SignInRoute } from './routes/sign-in';

/** Every screen of the app by URL; each route composes features, features never import each other. */
export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <AppLayout />,
      children: [
        { index: true, element: <HomeRoute /> },
        { path: 'sign-in', element: <SignInRoute /> },
        { path: 'ladder', element: <LadderRoute /> },
        { path: 'path', element: <PathRoute /> },
        { path: 'builders/:email', element: <PathRoute /> },
        { path: 'evidence', element: <EvidenceRoute /> },
        { path: 'feedback', element: <FeedbackRoute /> },
        { path: 'mentoring', element: <MentoringRoute /> },
        { path: 'mentoring/statement', element: <MentorStatementRoute /> },
        { path: 'panel', element: <PanelRoute /> },
        { path: 'panel/cases/:id', element: <CaseRoute /> },
        { path: 'leadership', element: <ReadinessBoardRoute /> },
        { path: 'leadership/roster', element: <RosterRoute /> },
        { path: 'leadership/payouts', element: <PayoutsRoute /> },
        { path: 'leadership/audit', element: <AuditRoute /> },
        { path: 'leadership/sources', element: <SourcesRoute /> },
        { path: 'leadership/accounts', element: <AccountsRoute /> },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ]);
}
