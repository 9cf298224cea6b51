import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_OUTCOMES, CASE_STATUSES } from '../../core/promotion/case-state.js';
import { COMPONENT_RESULTS } from '../../core/promotion/score-sheet.js';
import {
  addCaseNote,
  decideCase,
  getCase,
  getCaseOutcome,
  getCasePortfolio,
  getCaseSheets,
  listPromotionCases,
  openCase,
  saveSheet,
  setPanel,
  withdrawCase,
} from '../../services/promotion-case.service.js';
import { listPanelCandidates } from '../../services/panel-candidates.service.js';
import { fromParams, policy } from '../access/route-access.js';
import type { AppDeps } from '../app.js';
import { buildServices } from '../../services/composition-root.js';
import { isoDateSchema } from '../../core/input/safe-input.js';

const isoDay = isoDateSchema; // one date rule everywhere (src/core/input/safe-input.ts)
const caseParams = z.object({ id: z.coerce.number().int().positive() });
const byCase = fromParams({ caseId: 'id' });
const notes = z.string().max(20_000).optional();
/** The version the caller read; a write on a case (or sheet) that moved on since is refused with a conflict. */
const version = z.number().int().min(0);

const sheetBody = z.object({
  components: z.array(z.object({ id: z.string(), result: z.enum(COMPONENT_RESULTS), notes })),
  criteria: z.array(z.object({ id: z.string(), score: z.number(), notes })),
  summary: notes,
  base_version: version.optional(),
});

// Response shapes (the service's views), so the OpenAPI document describes them and serialization checks them.
const outcome = z.enum(CASE_OUTCOMES);
const caseSummary = z.object({
  id: z.number().int(),
  candidate: z.string(),
  candidate_name: z.string().meta({ description: "The candidate's name on the roster, else the email" }),
  from_level: z.string(),
  target_level: z.string(),
  status: z.enum(CASE_STATUSES),
  opened_on: z.string(),
  outcome: outcome.nullable(),
});
const sheetView = z.object({
  panelist: z.string(),
  position: z.number().int(),
  version: z.number().int(),
  submitted_at: z.string().nullable(),
  components: z.array(
    z.object({ id: z.string(), result: z.enum(COMPONENT_RESULTS), notes: z.string().optional() }),
  ),
  criteria: z.array(z.object({ id: z.string(), score: z.number(), notes: z.string().optional() })),
  summary: z.string().nullable(),
});
const tallies = {
  components: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      passes: z.number(),
      fails: z.number(),
      passed: z.boolean(),
    }),
  ),
  criteria: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      gate: z.boolean(),
      scores: z.array(z.number()),
      median: z.number(),
      required: z.number(),
      passed: z.boolean(),
    }),
  ),
  reasons: z.array(z.string()),
};
const noteView = z.object({
  id: z.number().int(),
  author: z.string(),
  evidence_id: z.string().nullable(),
  text: z.string(),
  at: z.string(),
});
const caseView = caseSummary.extend({
  from_label: z.string().meta({ description: 'How from_level is shown: its label, else the id' }),
  target_label: z.string().meta({ description: 'How target_level is shown: its label, else the id' }),
  viewer: z.enum(['panelist', 'staff']),
  version: z.number().int(),
  ladder: z.object({ id: z.string(), version: z.string(), version_id: z.number().int() }),
  opened_at: z.string(),
  opened_by: z.string(),
  eligible_at_opening: z.boolean(),
  open_override_reason: z.string().nullable(),
  readiness_snapshot: z.unknown(),
  withdrawn_at: z.string().nullable(),
  withdraw_reason: z.string().nullable(),
  assessment: z.array(z.object({ id: z.string(), name: z.string(), description: z.string().nullable() })),
  criteria: z.array(
    z.object({ id: z.string(), name: z.string(), description: z.string(), gate: z.boolean() }),
  ),
  scale: z.object({ min: z.number(), max: z.number(), anchors: z.record(z.string(), z.string()) }),
  decision_rule: z.object({
    component_pass: z.string(),
    gate_median_min: z.number(),
    other_median_min: z.number(),
  }),
  panel: z.object({
    size: z.number().int(),
    submitted: z.number().int(),
    members: z.array(
      z.object({
        position: z.number().int(),
        email: z.string(),
        name: z.string().meta({ description: "The panelist's name on the roster, else the email" }),
        level: z.string().nullable(),
        leadership: z.boolean(),
        submitted: z.boolean(),
      }),
    ),
  }),
  sheets: z.array(sheetView),
  computed: z.object({ outcome, ...tallies }).nullable(),
  decision: z
    .object({
      computed_outcome: outcome,
      outcome,
      overridden: z.boolean(),
      override_reason: z.string().nullable(),
      note: z.string(),
      decided_by: z.string(),
      decided_at: z.string(),
      effective_date: z.string().nullable(),
      ...tallies,
    })
    .nullable(),
  notes: z.array(noteView),
  events: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), detail: z.unknown() })),
});
const outcomeView = caseSummary.extend({
  panel_size: z.number().int(),
  submitted: z.number().int(),
  ladder_id: z.string(),
  effective_date: z.string().nullable(),
  feedback: z
    .object({
      outcome,
      overridden: z.boolean(),
      overrideReason: z.string().nullable(),
      decisionNote: z.string(),
      components: z.array(z.object({ id: z.string(), name: z.string(), passed: z.boolean() })),
      reasons: z.array(z.string()),
      feedback: z.array(z.object({ from: z.string(), about: z.string(), text: z.string() })),
    })
    .nullable(),
});
const panelCandidatesView = z.object({
  case_id: z.number().int(),
  candidate: z.string(),
  from_level: z.string(),
  target_level: z.string(),
  on: z.string(),
  panel_size: z.number().int(),
  eligibility: z.object({ min_level: z.string(), leadership: z.boolean() }),
  seating: z.object({ open: z.boolean(), reason: z.string().nullable() }),
  seated: z.array(z.string()),
  matched: z.number().int().meta({ description: 'people matching q (the whole roster without q)' }),
  candidates: z.array(
    z.object({
      email: z.string(),
      name: z.string(),
      role: z.string(),
      level: z.string().nullable(),
      level_label: z.string().nullable(),
      eligible: z.boolean(),
      refusal: z.enum(['panelist_conflict', 'panelist_not_eligible']).nullable(),
      reason: z.string(),
      seated: z.boolean(),
    }),
  ),
});
const errorBody = z.object({ error: z.string(), message: z.string(), details: z.unknown().optional() });
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/**
 * Promotion cases: `/api/cases…`. Every write goes through one service function with the caller as
 * actor; reads project the case for the caller (panelist, leadership, candidate) in the service, so the
 * visibility rule holds on every endpoint whatever the route policy lets through.
 */
export function promotionCaseRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  // Opening a case pins readiness as the evaluation module computes it: linked in the composition root.
  const services = buildServices(deps);
  return async (app) => {
    app.get(
      '/api/cases',
      {
        // Everyone signed in may list; the service returns leadership everything and others their own cases.
        config: { access: policy('case.list') },
        schema: {
          tags: ['cases'],
          summary: 'Promotion cases the caller may know of (all for leadership)',
          querystring: z.object({
            candidate: z.string().optional(),
            status: z.enum(CASE_STATUSES).optional(),
          }),
          response: { 200: z.array(caseSummary), ...errors },
        },
      },
      async (request) => listPromotionCases(services, request.actor, request.query),
    );

    app.post(
      '/api/cases',
      {
        config: { access: policy('case.manage') },
        schema: {
          tags: ['cases'],
          summary: 'Open a case (needs eligible_for_case, or override_reason from leadership)',
          body: z.object({
            candidate: z.string().min(1),
            override_reason: z.string().max(5000).optional(),
            // One of the level's targets (bare or track/level); the usual next step when absent.
            target_level: z.string().min(1).max(200).optional(),
          }),
          response: { 201: caseView, ...errors },
        },
      },
      async (request, reply) => reply.status(201).send(await openCase(services, request.actor, request.body)),
    );

    app.get(
      '/api/cases/:id',
      {
        config: { access: policy('case.read', byCase) },
        schema: {
          tags: ['cases'],
          summary: 'The case as the panel or leadership sees it',
          params: caseParams,
          response: { 200: caseView, ...errors },
        },
      },
      async (request) => getCase(services, request.actor, request.params.id),
    );

    app.get(
      '/api/cases/:id/sheets',
      {
        config: { access: policy('case.read', byCase) },
        schema: {
          tags: ['cases'],
          summary: 'Score sheets the caller may read (own; others’ submitted ones after submitting)',
          params: caseParams,
          response: { 200: z.array(sheetView), ...errors },
        },
      },
      async (request) => getCaseSheets(services, request.actor, request.params.id),
    );

    app.get(
      '/api/cases/:id/outcome',
      {
        config: { access: policy('case.outcome.read', byCase) },
        schema: {
          tags: ['cases'],
          summary: 'The outcome as the candidate sees it: feedback once decided, no panelist identities',
          params: caseParams,
          response: { 200: outcomeView, ...errors },
        },
      },
      async (request) => getCaseOutcome(services, request.actor, request.params.id),
    );

    app.get(
      '/api/cases/:id/portfolio',
      {
        config: { access: policy('case.outcome.read', byCase) },
        schema: {
          tags: ['cases'],
          summary: 'The candidate’s portfolio from the ledger, with notes',
          params: caseParams,
        },
      },
      async (request) => getCasePortfolio(services, request.actor, request.params.id),
    );

    app.get(
      '/api/cases/:id/panel-candidates',
      {
        config: { access: policy('case.manage', byCase) },
        schema: {
          tags: ['cases'],
          summary:
            'Who may sit on the panel today, and why each other person may not (the seating rules): people whose name or email holds q, eligible first, at most limit (default 50, max 200; matched says how many match)',
          params: caseParams,
          querystring: z.object({
            q: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(200).optional(),
          }),
          response: { 200: panelCandidatesView, ...errors },
        },
      },
      async (request) => {
        const query: { q?: string; limit?: number } = {};
        if (request.query.q !== undefined) query.q = request.query.q;
        if (request.query.limit !== undefined) query.limit = request.query.limit;
        return listPanelCandidates(services, request.actor, request.params.id, query);
      },
    );

    app.put(
      '/api/cases/:id/panel',
      {
        config: { access: policy('case.manage', byCase) },
        schema: {
          tags: ['cases'],
          summary: 'Seat the panel (size and eligibility from the ladder; conflicts refused)',
          params: caseParams,
          body: z.object({
            panelists: z.array(z.string().min(1)).min(1),
            expected_version: version.optional(),
          }),
          response: { 200: caseView, ...errors },
        },
      },
      async (request) => setPanel(services, request.actor, request.params.id, request.body),
    );

    app.put(
      '/api/cases/:id/sheet',
      {
        config: { access: policy('case.score', byCase) },
        schema: {
          tags: ['cases'],
          summary: 'Save the caller’s score sheet as a private draft',
          params: caseParams,
          body: sheetBody,
          response: { 200: sheetView, ...errors },
        },
      },
      async (request) =>
        saveSheet(services, request.actor, request.params.id, request.body, { submit: false }),
    );

    app.post(
      '/api/cases/:id/sheet/submit',
      {
        config: { access: policy('case.score', byCase) },
        schema: {
          tags: ['cases'],
          summary: 'Submit the caller’s complete score sheet (final)',
          params: caseParams,
          body: sheetBody,
          response: { 200: sheetView, ...errors },
        },
      },
      async (request) =>
        saveSheet(services, request.actor, request.params.id, request.body, { submit: true }),
    );

    app.post(
      '/api/cases/:id/decision',
      {
        config: { access: policy('case.decide', byCase) },
        schema: {
          tags: ['cases'],
          summary: 'Confirm the computed outcome with a note, or override it with a reason',
          params: caseParams,
          body: z.object({
            outcome: z.enum(CASE_OUTCOMES).optional(),
            note: z.string().max(20_000),
            override_reason: z.string().max(20_000).optional(),
            effective_date: isoDay.optional(),
            expected_version: version.optional(),
          }),
          response: { 200: caseView, ...errors },
        },
      },
      async (request) =>
        decideCase(services, request.actor, request.params.id, {
          outcome: request.body.outcome,
          note: request.body.note,
          overrideReason: request.body.override_reason,
          effective_date: request.body.effective_date,
          expected_version: request.body.expected_version,
        }),
    );

    app.post(
      '/api/cases/:id/withdraw',
      {
        config: { access: policy('case.manage', byCase) },
        schema: {
          tags: ['cases'],
          summary: 'Withdraw an undecided case',
          params: caseParams,
          body: z.object({ reason: z.string().max(20_000), expected_version: version.optional() }),
          response: { 200: caseView, ...errors },
        },
      },
      async (request) => withdrawCase(services, request.actor, request.params.id, request.body),
    );

    app.post(
      '/api/cases/:id/notes',
      {
        // The candidate, the panel and leadership add notes; the service checks which one the caller is.
        config: { access: policy('case.note', byCase) },
        schema: {
          tags: ['cases'],
          summary: 'Add a note to the case or to one portfolio record',
          params: caseParams,
          body: z.object({ text: z.string().max(20_000), evidence_id: z.string().max(128).optional() }),
          response: { 201: noteView, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await addCaseNote(services, request.actor, request.params.id, request.body)),
    );
  };
}
