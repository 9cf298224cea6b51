import { useParams, useSearchParams } from 'react-router';
import { useLadder } from '../../features/ladder/api/get-ladder';
import { useLadders } from '../../features/ladder/api/get-ladders';
import { AsOfPicker } from '../../components/ui/as-of-picker';
import { useCases } from '../../features/cases/api/list-cases';
import { CandidateOutcome } from '../../features/cases/components/candidate-outcome';
import { EvidenceForm, type EvidenceFormOptions } from '../../features/evidence/components/evidence-form';
import { RecordList } from '../../features/evidence/components/record-list';
import { PathPage } from '../../features/path/components/path-page';
import type { Level } from '../../types/ladder';
import { builderEmailOf, type Session } from '../../lib/auth';
import { RequireSession } from '../require-session';

function isSelfOrLead(session: Session, email: string): boolean {
  return session.role === 'leadership' || builderEmailOf(session) === email;
}

/** Pickers for the evidence form from the ladder: curriculum modules and checklist items of every level. */
function formOptions(levels: Level[], _email: string): EvidenceFormOptions {
  return {
    modules: levels.flatMap((l) =>
      (l.curriculum ?? []).flatMap((p) =>
        p.modules.map((m) => ({ value: m.id, label: `${l.id} · ${m.name}` })),
      ),
    ),
    items: levels.flatMap((l) =>
      (l.self_evaluation ?? []).map((i) => ({ value: i.id, label: `${l.id} · ${i.text}` })),
    ),
  };
}

/** The promotion cases of which this person is the candidate: outcome and feedback once decided. */
function MyCases({ email }: { email: string }) {
  const cases = useCases({ candidate: email });
  return (
    <>
      {(cases.data ?? [])
        .filter((c) => c.candidate === email)
        .map((c) => (
          <CandidateOutcome key={c.id} caseId={c.id} />
        ))}
    </>
  );
}

/** /path (my own) and /builders/:email (a mentee's or, for leadership, anyone's); ?at= picks the day. */
export function PathRoute() {
  const { email: emailParam } = useParams();
  const [params] = useSearchParams();
  const at = params.get('at') ?? undefined;
  const ladders = useLadders();
  const ladder = useLadder(ladders.data?.ladders[0]?.ladder, at);
  return (
    <RequireSession>
      {(session) => {
        const email = emailParam ?? builderEmailOf(session);
        if (email === null) return <p>Pick a builder from the roster to see their path.</p>;
        return (
          <>
            <AsOfPicker />
            {builderEmailOf(session) === email && <MyCases email={email} />}
            <PathPage
              email={email}
              {...(at === undefined ? {} : { at })}
              levels={ladder.data?.document.levels ?? []}
              isSelf={email === builderEmailOf(session)}
              renderRecords={(ids) => <RecordList ids={ids} />}
              evidenceForm={
                isSelfOrLead(session, email) ? (
                  <EvidenceForm
                    builder={email}
                    recorder={session.email}
                    options={formOptions(ladder.data?.document.levels ?? [], email)}
                  />
                ) : undefined
              }
            />
          </>
        );
      }}
    </RequireSession>
  );
}
