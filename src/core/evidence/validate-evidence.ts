import type { z } from 'zod';
import {
  EVIDENCE_KIND_VALUES,
  evidenceInputSchema,
  isEvidenceKind,
  type EvidenceInput,
  type EvidenceKindName,
} from './evidence.schema.js';
import { checkEvidenceRules, type EvidenceRuleFacts, type EvidenceRuleName } from './evidence-rules.js';

/** One problem with one record, naming the field (`evidence_ids[1]`, `client`, …; '' for the record). */
export interface EvidenceProblem {
  field: string;
  message: string;
  /** Set when the problem is one of the ledger's rules (evidence-rules.ts) rather than bad data. */
  rule?: EvidenceRuleName;
}

export type EvidenceParse = { ok: true; value: EvidenceInput } | { ok: false; problems: EvidenceProblem[] };

/** Formats a zod path the way people read it: `evidence_ids[1]`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = raw;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** Turns zod issues into field problems; a field that is absent reads "required field is missing". */
export function problemsFromZod(raw: unknown, error: z.ZodError): EvidenceProblem[] {
  const problems: EvidenceProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          field: formatFieldPath([...issue.path, key]),
          message: 'unknown field for this kind',
        });
      }
      continue;
    }
    // Optional fields never raise an issue when absent, so an absent value here is a required field.
    const missing = issue.path.length > 0 && valueAt(raw, issue.path) === undefined;
    problems.push({
      field: formatFieldPath(issue.path),
      message: missing ? 'required field is missing' : issue.message,
    });
  }
  return problems;
}

/**
 * Checks the shape of one record (an NDJSON line or an API body): an object, a known kind, every field
 * of that kind present and well-formed, no unknown field. References are checked separately, against
 * the roster and the ledger (`checkEvidenceReferences`).
 */
export function parseEvidenceInput(raw: unknown): EvidenceParse {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [{ field: '', message: 'expected a JSON object' }] };
  }
  const kind = (raw as Record<string, unknown>).kind;
  if (kind === undefined)
    return { ok: false, problems: [{ field: 'kind', message: 'required field is missing' }] };
  if (!isEvidenceKind(kind)) {
    return {
      ok: false,
      problems: [
        {
          field: 'kind',
          message: `unknown evidence kind ${JSON.stringify(kind)}; expected one of: ${EVIDENCE_KIND_VALUES.join(', ')}`,
        },
      ],
    };
  }
  const parsed = evidenceInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(raw, parsed.error) };
  return { ok: true, value: parsed.data };
}

/** What reference checks need to know about an existing (or same-batch) record. */
export interface KnownEvidence {
  kind: EvidenceKindName;
  builder: string;
  date: string;
  recorded_by: string;
  confirmed_by: string | null;
  /** Id of the record that already corrects this one, if any. */
  superseded_by: string | null;
}

/** Answers reference questions from the roster, the ledger and the active ladder (and the rules' facts). */
export interface EvidenceReferences extends EvidenceRuleFacts {
  isBuilder(email: string): boolean;
  isPerson(email: string): boolean;
  isClient(id: string): boolean;
  evidence(id: string): KnownEvidence | undefined;
  /** Curriculum module ids of the active ladder; null when no ladder is active (the check is skipped). */
  curriculumModules: ReadonlySet<string> | null;
  /** Self-evaluation checklist item ids of the active ladder; null when no ladder is active. */
  selfEvaluationItems: ReadonlySet<string> | null;
  /** Competency area ids of the active ladder; null when no ladder is active (the check is skipped). */
  competencyAreas: ReadonlySet<string> | null;
  /** Area id → milestone count of the active ladders' points blocks; null when no ladder is active. */
  pointsMilestones: ReadonlyMap<string, number> | null;
}

/**
 * Checks every reference of a well-formed record: builder, recorded_by/confirmed_by people, client,
 * feature_id, review_id, mentee, evidence_ids, supersedes, and module/item/competency ids against the ladder. Each
 * problem names its field. A record may not reference itself. Then the ledger's rules of who may
 * correct what and whose word a record carries (evidence-rules.ts), so every way in applies them.
 */
export function checkEvidenceReferences(record: EvidenceInput, refs: EvidenceReferences): EvidenceProblem[] {
  const problems: EvidenceProblem[] = [];
  const add = (field: string, message: string): void => {
    problems.push({ field, message });
  };
  if (!refs.isBuilder(record.builder)) add('builder', `unknown builder ${record.builder}`);
  if (!refs.isPerson(record.recorded_by)) add('recorded_by', `unknown person ${record.recorded_by}`);
  if (record.confirmed_by !== null && !refs.isPerson(record.confirmed_by)) {
    add('confirmed_by', `unknown person ${record.confirmed_by}`);
  }
  const evidenceOfKind = (field: string, id: string, kind: EvidenceKindName | null): void => {
    if (id === record.id) {
      add(field, 'a record cannot reference itself');
      return;
    }
    const known = refs.evidence(id);
    if (known === undefined) add(field, `unknown evidence record ${id}`);
    else if (kind !== null && known.kind !== kind)
      add(field, `${id} is a ${known.kind} record, expected ${kind}`);
  };

  if (record.supersedes !== null) {
    const target = refs.evidence(record.supersedes);
    if (record.supersedes === record.id) add('supersedes', 'a record cannot supersede itself');
    else if (target === undefined) add('supersedes', `unknown evidence record ${record.supersedes}`);
    else if (target.kind !== record.kind) {
      add(
        'supersedes',
        `${record.supersedes} is a ${target.kind} record; a correction keeps the kind (${record.kind})`,
      );
    } else if (target.builder !== record.builder) {
      add('supersedes', `${record.supersedes} belongs to ${target.builder}; a correction keeps the builder`);
    } else if (target.superseded_by !== null && target.superseded_by !== record.id) {
      add(
        'supersedes',
        `${record.supersedes} is already corrected by ${target.superseded_by}; correct that record instead`,
      );
    }
  }

  const areas = refs.competencyAreas;
  if (areas !== null) {
    (record.competencies ?? []).forEach((area, index) => {
      if (areas.has(area)) return;
      add(
        `competencies[${index}]`,
        areas.size === 0
          ? `unknown competency area ${area}: the active ladder declares no competencies`
          : `unknown competency area ${area} in the active ladder (areas: ${[...areas].join(', ')})`,
      );
    });
  }

  switch (record.kind) {
    case 'decision':
    case 'feature':
    case 'client_feedback':
    case 'escalation':
      if (!refs.isClient(record.client)) add('client', `unknown client ${record.client}`);
      break;
    case 'retro':
      evidenceOfKind('feature_id', record.feature_id, 'feature');
      break;
    case 'review_citation': {
      evidenceOfKind('review_id', record.review_id, 'code_review');
      // A citation counts for the builder it is filed under (distinct_citers): it must cite their review,
      // or a citation "of" one builder could name another's review and fall out of their metric.
      const review = refs.evidence(record.review_id);
      if (review?.kind === 'code_review' && review.builder !== record.builder) {
        add(
          'review_id',
          `${record.review_id} is a code review of ${review.builder}, not of ${record.builder}`,
        );
      }
      break;
    }
    case 'mentee_review':
    case 'checkin':
      if (!refs.isBuilder(record.mentee)) add('mentee', `unknown builder ${record.mentee}`);
      else if (record.mentee === record.builder) add('mentee', 'a builder cannot be their own mentee');
      break;
    case 'curriculum':
      if (refs.curriculumModules !== null && !refs.curriculumModules.has(record.module_id)) {
        add('module_id', `unknown curriculum module ${record.module_id} in the active ladder`);
      }
      break;
    case 'self_evaluation':
      if (refs.selfEvaluationItems !== null && !refs.selfEvaluationItems.has(record.item_id)) {
        add('item_id', `unknown self-evaluation item ${record.item_id} in the active ladder`);
      }
      record.evidence_ids.forEach((id, index) => evidenceOfKind(`evidence_ids[${index}]`, id, null));
      break;
    case 'milestone_assessment': {
      const milestones = refs.pointsMilestones;
      if (milestones === null) break;
      const count = milestones.get(record.competency);
      if (count === undefined) {
        add(
          'competency',
          milestones.size === 0
            ? `competency area ${record.competency} has no milestones: no active ladder scores points`
            : `competency area ${record.competency} has no milestones in the active ladder (areas with milestones: ${[...milestones.keys()].join(', ')})`,
        );
      } else if (record.milestone > count) {
        add(
          'milestone',
          `unknown milestone ${record.milestone} of ${record.competency}: the active ladder gives it milestones 1–${count}`,
        );
      }
      break;
    }
    case 'adr':
    case 'code_review':
      break;
  }
  // Once the people and the original are known (a rule about an unknown one would say nothing true), and
  // whatever else is wrong, so a refusal for correcting someone else's record is never hidden by a typo.
  if (!problems.some((p) => p.field === 'builder' || p.field === 'recorded_by' || p.field === 'supersedes')) {
    const original = record.supersedes === null ? undefined : refs.evidence(record.supersedes);
    problems.push(...checkEvidenceRules(record, original, refs));
  }
  return problems;
}
