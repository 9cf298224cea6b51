import { useSearchParams } from 'react-router';
import { EvidenceForm } from '../../features/evidence/components/evidence-form';
import { RequireSession } from '../require-session';

/**
 * /feedback — a client stakeholder gives feedback on (or reports an escalation about) a builder placed
 * with their client. The server checks the placement; the record counts because the client recorded it.
 */
export function FeedbackRoute() {
  // The home's "Give feedback" link names the builder (?builder=), so the form starts with them.
  const [params] = useSearchParams();
  return (
    <RequireSession roles={['client_stakeholder']}>
      {(session) => (
        <div>
          <h1>Feedback on your builders</h1>
          <p className="muted">
            What you record here is what the builder&apos;s &ldquo;client trust&rdquo; metric reads. Only
            builders placed with your company can be named.
          </p>
          <EvidenceForm
            builder={params.get('builder') ?? ''}
            recorder={session.email}
            builderEditable
            kinds={['client_feedback', 'escalation']}
            options={
              session.client_id === null
                ? {}
                : { clients: [{ value: session.client_id, label: session.client_id }] }
            }
          />
        </div>
      )}
    </RequireSession>
  );
}
