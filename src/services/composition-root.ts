import type { Clock } from '../core/clock.js';
import type { Database, DatabaseHandle } from '../db/connection.js';
import { assessmentOfLatestCase, type ReadinessProvider } from './promotion-case.service.js';
import { readinessProvider, type AssessmentProvider } from './readiness.service.js';

/**
 * The one composition root (ADR 0010): the server's route plugins and every CLI command take their
 * services from `buildServices`, so the links between modules are wired here and nowhere else.
 *
 * Service functions stay plain functions taking `deps` and the acting `actor`; `Services` is the one
 * deps object that satisfies every service's deps type (`RosterDeps`, `ReadinessDeps`, `PromotionDeps`,
 * …). The cross-module links are required fields of those deps types, so a caller that builds deps by
 * hand without them does not compile, and no case ever "quietly needs an override" because readiness was
 * not wired in.
 */
export interface Services {
  db: Database;
  clock: Clock;
  /** Readiness's assessment requirement: the latest decided promotion case (promotion → evaluation). */
  assessmentOf: AssessmentProvider;
  /** What a promotion case pins as `eligible_for_case` when it opens (evaluation → promotion). */
  readiness: ReadinessProvider;
}

/** What the composition root is built from: an open database and the clock. */
export interface ServiceRoots {
  database: DatabaseHandle;
  clock: Clock;
}

/**
 * Wires the services over one open database. Holds no state of its own: everything another process
 * needs (sessions, limits, locks, audit sequence) lives in the database, so any number of servers and
 * CLIs may each build their own on one PostgreSQL database.
 */
export function buildServices({ database, clock }: ServiceRoots): Services {
  const assessmentOf: AssessmentProvider = assessmentOfLatestCase;
  return { db: database.db, clock, assessmentOf, readiness: readinessProvider(clock, assessmentOf) };
}
