import { isActiveOn, type PersonRole } from '../roster/roster.types.js';
import type { EvidenceInput } from './evidence.schema.js';

/**
 * Who may correct what, and whose word a record may carry (issue 14). These are the ledger's own rules,
 * decided here once and applied by every way a record enters it: the API and the CLI (through
 * services/evidence.service.ts) and `ladder import` (through core/roster/check-organisation.ts). They
 * read the names ON the record — `recorded_by`, `confirmed_by` — because that is what the metrics
 * trust; services/evidence.service.ts already makes sure a person other than leadership can only put
 * their own name there, so a rule on `recorded_by` is a rule on the acting person.
 */

/** The rules by name: a refusal says which one it applied. */
export const EVIDENCE_RULES = {
  correctionAuthor: 'a correction is made by whoever recorded the original, or by leadership',
  correctionDate: 'a correction is dated on or after the record it corrects',
  vouchNotCarried: "a vouch does not carry over to the builder's own correction",
  contactOwnClient: "a client contact's feedback and escalations name the client they speak for",
  contactPlacement: "a client contact's record is about a builder placed with their client on its date",
  assessor:
    "a milestone is assessed by the builder's mentor on its date or by leadership, never by the builder",
} as const;
export type EvidenceRuleName = keyof typeof EVIDENCE_RULES;

/** Rules whose refusal means "not you" (HTTP 403) rather than "not this data" (HTTP 400). */
export const FORBIDDING_RULES: ReadonlySet<EvidenceRuleName> = new Set(['correctionAuthor', 'assessor']);

/** One refusal: the field it is about, the message (naming the record and the rule) and the rule. */
export interface EvidenceRuleProblem {
  field: string;
  message: string;
  rule: EvidenceRuleName;
}

/** What the rules need to know about the record a correction names. */
export interface CorrectedRecord {
  date: string;
  recorded_by: string;
  confirmed_by: string | null;
}

/** The people and placements the rules ask about (from the roster and the accounts, or an import's files). */
export interface EvidenceRuleFacts {
  /** The person's role in the roster (a builder is `builder`); undefined for an unknown email. */
  roleOf(email: string): PersonRole | undefined;
  /**
   * The client a client stakeholder speaks for: their account's client. Undefined when they have no
   * account (an import may name contacts who never signed in): then only the placement rule applies.
   */
  clientOf(email: string): string | undefined;
  /** The builder's placements (any dates). */
  placementsOf(builder: string): readonly { client: string; start: string; end: string | null }[];
  /**
   * The mentorships in which the builder is the mentee (any dates), for the assessor rule. Absent: no
   * mentor is known, so only leadership may assess (the rule fails closed).
   */
  mentorshipsOf?(builder: string): readonly { mentor: string; start: string; end: string | null }[];
}

const CLIENT_VOICE_KINDS: ReadonlySet<string> = new Set(['client_feedback', 'escalation']);

/**
 * Applies the correction, vouching and client-contact rules to one well-formed record. `original` is
 * the record `supersedes` names (undefined when there is none or it is unknown — the reference check
 * reports that). Returns every refusal, each naming its field and rule.
 */
export function checkEvidenceRules(
  record: EvidenceInput,
  original: CorrectedRecord | undefined,
  facts: EvidenceRuleFacts,
): EvidenceRuleProblem[] {
  const problems: EvidenceRuleProblem[] = [];
  const refuse = (rule: EvidenceRuleName, field: string, detail: string): void => {
    problems.push({ field, rule, message: `${detail} (rule: ${EVIDENCE_RULES[rule]})` });
  };

  if (record.supersedes !== null && original !== undefined) {
    const target = record.supersedes;
    // The recorder of the original may fix their own record; leadership may fix anyone's. Nobody else —
    // above all not the builder the record judges, who would otherwise rewrite what others said of them.
    if (original.recorded_by !== record.recorded_by && facts.roleOf(record.recorded_by) !== 'leadership') {
      refuse(
        'correctionAuthor',
        'supersedes',
        `${record.id} would correct ${target}, which ${original.recorded_by} recorded; ${record.recorded_by} may not`,
      );
    }
    // A back-dated correction would erase the original from dates it was already true on.
    if (record.date < original.date) {
      refuse(
        'correctionDate',
        'date',
        `${record.id} is dated ${record.date}, before ${target} (${original.date}) which it corrects`,
      );
    }
    // Someone vouched for the original, not for what the builder changed it to: the builder's correction
    // must be vouched for again, so it may not bring the original's confirmer along.
    if (
      record.recorded_by === record.builder &&
      original.confirmed_by !== null &&
      original.confirmed_by !== record.builder &&
      record.confirmed_by === original.confirmed_by
    ) {
      refuse(
        'vouchNotCarried',
        'confirmed_by',
        `${record.id} is ${record.builder}'s own correction of ${target}; ${original.confirmed_by} confirmed ` +
          `${target}, not this correction — leave confirmed_by empty until it is confirmed again`,
      );
    }
  }

  // Points rest on assessments (ADR 0021, 0025): the builder's own word would let anyone raise their
  // band, so an assessment is the mentor's or leadership's — whoever records it, import included.
  if (record.kind === 'milestone_assessment') {
    if (record.recorded_by === record.builder) {
      refuse(
        'assessor',
        'recorded_by',
        `${record.id}: ${record.builder} may not assess their own milestones; their mentor or leadership records the assessment`,
      );
    } else if (
      facts.roleOf(record.recorded_by) !== 'leadership' &&
      !(facts.mentorshipsOf?.(record.builder) ?? []).some(
        (m) => m.mentor === record.recorded_by && isActiveOn(m, record.date),
      )
    ) {
      refuse(
        'assessor',
        'recorded_by',
        `${record.id}: ${record.recorded_by} is neither leadership nor ${record.builder}'s mentor on ${record.date}`,
      );
    }
  }

  if (CLIENT_VOICE_KINDS.has(record.kind) && facts.roleOf(record.recorded_by) === 'client_stakeholder') {
    const client = 'client' in record ? record.client : '';
    const speaksFor = facts.clientOf(record.recorded_by);
    if (speaksFor !== undefined && speaksFor !== client) {
      refuse(
        'contactOwnClient',
        'client',
        `${record.id} names ${client}, but ${record.recorded_by} speaks for ${speaksFor}`,
      );
    } else if (
      !facts
        .placementsOf(record.builder)
        .some((placement) => placement.client === client && isActiveOn(placement, record.date))
    ) {
      refuse(
        'contactPlacement',
        'date',
        `${record.id}: ${record.builder} was not placed with ${client} on ${record.date}`,
      );
    }
  }
  return problems;
}
