import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_OUTCOMES, CASE_STATUSES } from '../../core/promotion/case-state.js';
import { COMPONENT_RESULTS } from '../../core/promotion/score-sheet.js';
import {
  addCaseNote,
  assessmentOfLatestCase,
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
  type PromotionDeps,
} from '../../services/promotion-case.service.js';
import { readinessProvider } from '../../services/readiness.service.js';
import { fromParams, policy } from '../access/route-access.js';
import type { AppDeps } from '../app.js';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const caseParams = z.object({ id: z.coerce.number().int().positive() });
const byCase = fromParams({ caseId: 'id' });
const notes = z.string().max(20_000).optional();

const sheetBody = z.object({
  components: z.array(z.object({ id: z.string(), result: z.enum(COMPONENT_RESULTS), notes })),
  criteria: z.array(z.object({ id: z.string(), score: z.number(), notes })),
  summary: notes,
});

/**
 * Promotion cases: `/api/cases…`. Every write goes through one service function with the caller as
 * actor; reads project the case for the caller (panelist, leadership, candidate) in the service, so the
 * visibility rule holds on every endpoint whatever the route policy lets through.
 */
export function promotionCaseRoutes(
  deps: AppDeps & { readiness?: PromotionDeps['readiness'] },
): FastifyPluginAsyncZod {
  const services: PromotionDeps = {
    db: deps.database.db,
    clock: deps.clock,
    // Opening a case pins readiness as the evaluation module computes it, with this module's decided cases.
    readiness: deps.readiness ?? readinessProvider(deps.clock, assessmentOfLatestCase),
  };
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
          body: z.object({ candidate: z.string().min(1), override_reason: z.string().max(5000).optional() }),
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

    app.put(
      '/api/cases/:id/panel',
      {
        config: { access: policy('case.manage', byCase) },
        schema: {
          tags: ['cases'],
          summary: 'Seat the panel (size and eligibility from the ladder; conflicts refused)',
          params: caseParams,
          body: z.object({ panelists: z.array(z.string().min(1)).min(1) }),
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
          }),
        },
      },
      async (request) =>
        decideCase(services, request.actor, request.params.id, {
          outcome: request.body.outcome,
          note: request.body.note,
          overrideReason: request.body.override_reason,
          effective_date: request.body.effective_date,
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
          body: z.object({ reason: z.string().max(20_000) }),
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
        },
      },
      async (request, reply) =>
        reply.status(201).send(await addCaseNote(services, request.actor, request.params.id, request.body)),
    );
  };
}
