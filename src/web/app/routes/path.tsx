import { useQueries } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { ladderQueryOptions } from '../../features/ladder/api/get-ladder';
import { useLadders } from '../../features/ladder/api/get-ladders';
import { AsOfPicker } from '../../components/ui/as-of-picker';
import { useCases } from '../../features/cases/api/list-cases';
import { CandidateOutcome } from '../../features/cases/components/candidate-outcome';
import { OpenCaseCard } from '../../features/cases/components/open-case-card';
import { useBuilder } from '../../features/competencies/api/get-builder';
import { CompetencyEvidence } from '../../features/competencies/components/competency-evidence';
import { EvidenceForm, type EvidenceFormOptions } from '../../features/evidence/components/evidence-form';
import { RecordList } from '../../features/evidence/components/record-list';
import { PathPage } from '../../features/path/components/path-page';
import { PointsCard } from '../../features/points/components/points-card';
import { ReadinessTrendCard } from '../../features/trends/components/readiness-trend';
import type { CompetencyCategory, LadderDocument, Level } from '../../types/ladder';
import { builderEmailOf, type Session } from '../../lib/auth';
import { RequireSession } from '../require-session';
import { t } from '../../i18n/i18n';

function isSelfOrLead(session: Session, email: string): boolean {
  return session.role === 'leadership' || builderEmailOf(session) === email;
}

/** Pickers for the evidence form from the ladder: modules and checklist items of every level, competency areas. */
function formOptions(levels: Level[], categories: CompetencyCategory[]): EvidenceFormOptions {
  return {
    competencies: categories.flatMap((c) =>
      c.areas.map((a) => ({ value: a.id, label: `${c.name} · ${a.name}` })),
    ),
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

/**
 * The ladder a builder is on: the one in force whose tracks hold the builder's track (several ladders may
 * be published), else the first while the builder is still loading or cannot be read.
 */
function useBuilderLadder(
  email: string,
  at: string | undefined,
): { ladder: LadderDocument | undefined; pending: boolean } {
  const ladders = useLadders();
  const builder = useBuilder(email);
  const documents = useQueries({
    queries: (ladders.data?.ladders ?? []).map((l) => ladderQueryOptions(l.ladder, at)),
  });
  const loaded = documents.flatMap((q) => (q.data === undefined ? [] : [q.data.document]));
  const track = builder.data?.track;
  const ladder = loaded.find((doc) => doc.tracks.some((candidate) => candidate.id === track)) ?? loaded[0];
  // Still loading: the page's words depend on the ladder (which requirement is the tenure), so it waits
  // rather than showing one sentence and then another. A failed or empty list is not pending.
  const pending = ladders.isPending || builder.isPending || documents.some((q) => q.isPending);
  return { ladder, pending };
}

function BuilderPath({ session, email, at }: { session: Session; email: string; at: string | undefined }) {
  const { ladder, pending } = useBuilderLadder(email, at);
  const builder = useBuilder(email);
  const levels = ladder?.levels ?? [];
  if (pending) return <p className="muted">{t('Loading the ladder…')}</p>;
  return (
    <>
      <AsOfPicker />
      {builderEmailOf(session) === email && <MyCases email={email} />}
      {session.role === 'leadership' && builderEmailOf(session) !== email && (
        <OpenCaseCard
          candidate={email}
          {...(builder.data === undefined ? {} : { name: builder.data.name })}
        />
      )}
      <PathPage
        email={email}
        {...(at === undefined ? {} : { at })}
        levels={levels}
        isSelf={email === builderEmailOf(session)}
        renderRecords={(ids) => <RecordList ids={ids} />}
        competencies={
          <CompetencyEvidence
            email={email}
            at={at}
            categories={ladder?.competency_categories ?? []}
            level={levels.find((l) => l.id === builder.data?.level)}
            renderRecords={(ids) => <RecordList ids={ids} />}
          />
        }
        trend={<ReadinessTrendCard email={email} levels={levels} shownDay={at} />}
        evidenceForm={
          isSelfOrLead(session, email) ? (
            <EvidenceForm
              builder={email}
              recorder={session.email}
              options={formOptions(levels, ladder?.competency_categories ?? [])}
            />
          ) : undefined
        }
      />
      {/* Only a ladder that scores points has a points answer (ADR 0021). */}
      {ladder?.points !== undefined && (
        <PointsCard email={email} at={at} renderRecords={(ids) => <RecordList ids={ids} />} />
      )}
    </>
  );
}

/** /path (my own) and /builders/:email (a mentee's or, for leadership, anyone's); ?at= picks the day. */
export function PathRoute() {
  const { email: emailParam } = useParams();
  const [params] = useSearchParams();
  const at = params.get('at') ?? undefined;
  return (
    <RequireSession>
      {(session) => {
        const email = emailParam ?? builderEmailOf(session);
        if (email === null) return <p>{t('Pick a builder from the roster to see their path.')}</p>;
        return <BuilderPath session={session} email={email} at={at} />;
      }}
    </RequireSession>
  );
}
