import { useSearchParams } from 'react-router';
import { EvidenceForm } from '../../features/evidence/components/evidence-form';
import { LedgerCard } from '../../features/evidence/components/evidence-table';
import { builderEmailOf } from '../../lib/auth';
import { RequireSession } from '../require-session';

/** /evidence?builder= — record evidence and read a builder's ledger (leadership picks the builder). */
export function EvidenceRoute() {
  const [params] = useSearchParams();
  return (
    <RequireSession roles={['builder', 'leadership']}>
      {(session) => {
        const builder = params.get('builder') ?? builderEmailOf(session) ?? '';
        return (
          <div>
            <h1>Evidence</h1>
            <EvidenceForm
              builder={builder}
              recorder={session.email}
              builderEditable={session.role === 'leadership'}
            />
            {builder !== '' && <LedgerCard builder={builder} highlight={params.get('record') ?? undefined} />}
          </div>
        );
      }}
    </RequireSession>
  );
}
