import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { ContributionRow } from '../../core/evaluation/contributions.js';
import type { Executor } from '../connection.js';
import { readinessContributionMarkers, readinessContributions } from '../schema/contributions.schema.js';
import {
  evaluationEpoch,
  evaluationStamps,
  evidenceCorrected,
  readinessAnswers,
} from '../schema/evaluation.schema.js';
import { evidence } from '../schema/evidence.schema.js';

/**
 * Per-rule contributions (ADR 0017, 0019): built with a readiness answer, appended to by the evidence
 * service's writes, removed. They are read in the readiness inputs statement (evaluation.repository.ts
 * `loadReadinessInputs`), in the snapshot of the key.
 */

/** A built rule: its key, its canonical JSON and its rows (each with the record's ledger position), in ledger order. */
export interface ContributionBuild {
  ruleKey: string;
  /** `canonicalRule(rule)`: kept in the marker, so a write can select a new record's rows for it. */
  rule: string;
  rows: readonly (ContributionRow & { seq: number })[];
}

/**
 * The data-modifying CTEs that store `builds` under `key` (stamp and epoch), for a statement that
 * defines `"now_key"` (the builder's current key, read in the statement): markers are upserted only
 * while `key` is current and only where the stored marker is under another key, and rows are inserted
 * (carrying `key` as their build's key) only for the markers that statement wrote — so two reads
 * building under the same key store one set of rows, and a build under a key that moved stores nothing.
 * When something is stored, the builder's other markers that are not current, and those of other code
 * revisions (`keyPrefix` is this revision's), are removed, and so is every row that does not belong to
 * the build of a marker current under `key` (rows of earlier builds, revisions, rule keys): a builder
 * keeps at most one build per rule key of this revision.
 */
export function storeContributionsCtes(
  email: string,
  key: { stamp: number; epoch: number },
  builds: readonly ContributionBuild[],
  keyPrefix: string,
): SQL {
  const m = readinessContributionMarkers;
  const c = readinessContributions;
  const keys = JSON.stringify(builds.map((build) => build.ruleKey));
  const rules = JSON.stringify(builds.map((build) => build.rule));
  // One array literal per column, unnested in SQL: a large builder sends thousands of rows, and
  // PostgreSQL reads arrays far faster than the same rows as JSON objects (json_to_recordset of 3 600
  // rows: ~60 ms on the loaded bench machine).
  const rows = builds.flatMap((build, k) => build.rows.map((row) => ({ k, row })));
  const column = (value: (entry: (typeof rows)[number]) => string | number | boolean | null): string =>
    arrayLiteral(rows.map(value));
  const stamp = sql`${key.stamp}::bigint`;
  const epoch = sql`${key.epoch}::bigint`;
  return sql`"marked" as (insert into ${m} as "m" (builder_email, rule_key, stamp, epoch, build_stamp, build_epoch, rule)
      select ${email}, "k"."value", ${stamp}, ${epoch}, ${stamp}, ${epoch}, ${rules}::json ->> ("k"."n" - 1)::integer
      from json_array_elements_text(${keys}::json) with ordinality as "k"("value", "n"), "now_key"
      where "now_key"."stamp" = ${stamp} and "now_key"."epoch" = ${epoch}
      on conflict (builder_email, rule_key) do update set stamp = excluded.stamp, epoch = excluded.epoch,
          build_stamp = excluded.build_stamp, build_epoch = excluded.build_epoch, rule = excluded.rule
        where "m"."stamp" <> excluded.stamp or "m"."epoch" <> excluded.epoch
      returning "m"."rule_key"),
    "unmarked" as (delete from ${m}
      where ${m.builderEmail} = ${email} and exists (select 1 from "marked")
        and not (${m.ruleKey} in (select "value" from json_array_elements_text(${keys}::json)))
        and (${m.stamp} <> ${stamp} or ${m.epoch} <> ${epoch} or not starts_with(${m.ruleKey}, ${keyPrefix}))),
    "pruned" as (delete from ${c}
      where ${c.builderEmail} = ${email} and exists (select 1 from "marked")
        and not exists (select 1 from ${m} as "kept"
          where "kept"."builder_email" = ${c.builderEmail} and "kept"."rule_key" = ${c.ruleKey}
            and "kept"."build_stamp" = ${c.stamp} and "kept"."build_epoch" = ${c.epoch}
            and "kept"."stamp" = ${stamp} and "kept"."epoch" = ${epoch}
            and starts_with("kept"."rule_key", ${keyPrefix}))),
    "added" as (insert into ${c} (builder_email, rule_key, stamp, epoch, record_id, seq, date, superseded_on, tag, flag, extra_date)
      select ${email}, "marked"."rule_key", ${stamp}, ${epoch}, "r"."r", "r"."s", "r"."d", "r"."x", "r"."t", "r"."f", "r"."e"
      from unnest(${column((e) => e.k)}::integer[], ${column((e) => e.row.record)}::text[],
        ${column((e) => e.row.seq)}::bigint[], ${column((e) => e.row.date)}::date[],
        ${column((e) => e.row.supersededOn)}::date[], ${column((e) => e.row.tag)}::text[],
        ${column((e) => e.row.flag)}::boolean[], ${column((e) => e.row.extraDate)}::date[])
        as "r"("k", "r", "s", "d", "x", "t", "f", "e")
      join "marked" on "marked"."rule_key" = (${keys}::json ->> "r"."k"))`;
}

/** A marker current just before a write: its rule key and the rule's canonical JSON. */
export interface CurrentMarker {
  ruleKey: string;
  rule: string;
}

/** What a write to one builder's ledger found before it wrote (see `lockContributionKey`). */
export interface ContributionKeyLock {
  /** The builder's stamp and the epoch just before the write. */
  key: { stamp: number; epoch: number };
  /** The builder's markers of this code revision current under `key`. */
  markers: CurrentMarker[];
}

/**
 * Before a write to `email`'s ledger, in its transaction: locks the builder's stamp row (creating it
 * at 0 when the builder was never written, which means the same) so no other write can move the stamp
 * until this transaction ends, and reads the stamp, the epoch and the markers of this revision current
 * under them. Since the stamp cannot move in between, a marker current now is current just before this
 * transaction's own write: `appendContributions` may advance exactly those.
 */
export async function lockContributionKey(
  tx: Executor,
  email: string,
  keyPrefix: string,
): Promise<ContributionKeyLock> {
  const m = readinessContributionMarkers;
  const rows = await selectRows<{
    stamp: string | number;
    epoch: string | number | null;
    markers: string | null;
  }>(
    tx,
    sql`with "locked" as (insert into ${evaluationStamps} as "s" (builder_email, stamp) values (${email}, 0)
        on conflict (builder_email) do update set stamp = "s"."stamp"
        returning "s"."stamp")
      select "locked"."stamp", "e"."epoch",
        (select json_agg(json_build_array(${m.ruleKey}, ${m.rule}))::text from ${m}
          where ${m.builderEmail} = ${email} and ${m.stamp} = "locked"."stamp" and ${m.epoch} = "e"."epoch"
            and starts_with(${m.ruleKey}, ${keyPrefix})) as "markers"
      from "locked" left join ${evaluationEpoch} as "e" on "e"."id" = 1`,
  );
  const row = rows[0];
  const markers =
    row?.markers === null || row?.markers === undefined
      ? []
      : (JSON.parse(row.markers) as [string, string][]).map(([ruleKey, rule]) => ({ ruleKey, rule }));
  return { key: { stamp: Number(row?.stamp ?? 0), epoch: Number(row?.epoch ?? 0) }, markers };
}

/** One rule's rows for a newly written record (its seq and standing interval are read in SQL). */
export interface AppendedRows {
  ruleKey: string;
  rows: readonly ContributionRow[];
}

/**
 * After a write of record `recordId` to `email`'s ledger, in its transaction (which holds the stamp row
 * locked by `lockContributionKey`): advances the markers that were current under `before` to the
 * builder's stamp now (the write's own), appends `appended` to their builds — each row's ledger position
 * and standing interval read from the ledger — and, when the record corrects another, sets every row of
 * the records up its chain to the standing interval the write's trigger gave them. Markers that moved
 * meanwhile (another key, another build) are left stale. Returns how many markers advanced.
 */
export async function appendContributions(
  tx: Executor,
  email: string,
  before: { stamp: number; epoch: number },
  recordId: string,
  appended: readonly AppendedRows[],
): Promise<number> {
  if (appended.length === 0) return 0;
  const m = readinessContributionMarkers;
  const c = readinessContributions;
  const keys = JSON.stringify(appended.map((a) => a.ruleKey));
  const rows = appended.flatMap((a, k) => a.rows.map((row) => ({ k, row })));
  const column = (value: (entry: (typeof rows)[number]) => string | boolean | number | null): string =>
    arrayLiteral(rows.map(value));
  const result = await selectRows<{ advanced: string | number }>(
    tx,
    sql`with recursive "chain"("id") as (
        select ${evidence.supersedes} from ${evidence} where ${evidence.id} = ${recordId} and ${evidence.supersedes} is not null
        union
        select ${evidence.supersedes} from ${evidence} join "chain" on ${evidence.id} = "chain"."id"
          where ${evidence.supersedes} is not null),
      "advanced" as (update ${m} set stamp = ${currentStampOf(email)}
        where ${m.builderEmail} = ${email} and ${m.ruleKey} in (select "value" from json_array_elements_text(${keys}::json))
          and ${m.stamp} = ${before.stamp}::bigint and ${m.epoch} = ${before.epoch}::bigint
        returning ${m.ruleKey} as "rule_key", ${m.buildStamp} as "build_stamp", ${m.buildEpoch} as "build_epoch"),
      "added" as (insert into ${c} (builder_email, rule_key, stamp, epoch, record_id, seq, date, superseded_on, tag, flag, extra_date)
        select ${email}, "advanced"."rule_key", "advanced"."build_stamp", "advanced"."build_epoch", "r"."r",
          (select ${evidence.seq} from ${evidence} where ${evidence.id} = "r"."r"), "r"."d",
          (select ${evidenceCorrected.supersededOn} from ${evidenceCorrected} where ${evidenceCorrected.recordId} = "r"."r"),
          "r"."t", "r"."f", "r"."e"
        from unnest(${column((e) => e.k)}::integer[], ${column((e) => e.row.record)}::text[],
          ${column((e) => e.row.date)}::date[], ${column((e) => e.row.tag)}::text[],
          ${column((e) => e.row.flag)}::boolean[], ${column((e) => e.row.extraDate)}::date[])
          as "r"("k", "r", "d", "t", "f", "e")
        join "advanced" on "advanced"."rule_key" = (${keys}::json ->> "r"."k")),
      "corrected" as (update ${c} set superseded_on = ${evidenceCorrected.supersededOn}
        from "advanced", ${evidenceCorrected}
        where ${c.builderEmail} = ${email} and ${c.ruleKey} = "advanced"."rule_key"
          and ${c.stamp} = "advanced"."build_stamp" and ${c.epoch} = "advanced"."build_epoch"
          and ${c.recordId} in (select "id" from "chain")
          and ${evidenceCorrected.recordId} = ${c.recordId}
          and ${c.supersededOn} is distinct from ${evidenceCorrected.supersededOn})
      select count(*) as "advanced" from "advanced"`,
  );
  return Number(result[0]?.advanced ?? 0);
}

/** Rows of a raw statement: both drivers answer `{ rows }`, which drizzle types as unknown. */
async function selectRows<R>(tx: Executor, query: SQL): Promise<R[]> {
  const result: unknown = await tx.execute(query);
  return (result as { rows: R[] }).rows;
}

// The current stamp of one builder, as SQL (no row: never written, 0).
const currentStampOf = (email: string): SQL =>
  sql`coalesce((select ${evaluationStamps.stamp} from ${evaluationStamps} where ${evaluationStamps.builderEmail} = ${email}), 0)`;

// A PostgreSQL array literal: every text quoted (backslash and double quote escaped), null as NULL.
function arrayLiteral(values: readonly (string | number | boolean | null)[]): string {
  const items = values.map((value) => {
    if (value === null) return 'NULL';
    if (typeof value === 'number') return String(value);
    if (typeof value === 'boolean') return value ? 't' : 'f';
    return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
  });
  return `{${items.join(',')}}`;
}

/**
 * Removes the builder's stored readiness answers only: the next readiness is cold but finds its
 * contributions current (the bench's "readiness cold, contributions current").
 */
export async function removeStoredReadinessAnswers(db: Executor, email: string): Promise<void> {
  await db.execute(sql`delete from ${readinessAnswers} where ${readinessAnswers.builderEmail} = ${email}`);
}

/**
 * Removes the builder's stored readiness answers and contributions (with their markers): the next
 * readiness is cold and rebuilds the contributions from the records.
 */
export async function removeReadinessAnswersAndContributions(db: Executor, email: string): Promise<void> {
  const m = readinessContributionMarkers;
  const c = readinessContributions;
  await db.execute(sql`with "answers" as (delete from ${readinessAnswers} where ${readinessAnswers.builderEmail} = ${email}),
    "markers" as (delete from ${m} where ${m.builderEmail} = ${email})
    delete from ${c} where ${c.builderEmail} = ${email}`);
}

/** The builder's contribution markers: which rule keys are built, current under which key, their build's key and rows. */
export async function listContributionMarkers(
  db: Executor,
  email: string,
): Promise<
  { ruleKey: string; stamp: number; epoch: number; buildStamp: number; buildEpoch: number; rows: number }[]
> {
  const m = readinessContributionMarkers;
  const rows = await db
    .select({
      ruleKey: m.ruleKey,
      stamp: m.stamp,
      epoch: m.epoch,
      buildStamp: m.buildStamp,
      buildEpoch: m.buildEpoch,
      // Named in full: a column in a subquery's template renders unqualified.
      rows: sql<string | number>`(select count(*) from "readiness_contributions" as "c"
        where "c"."builder_email" = "readiness_contribution_markers"."builder_email"
          and "c"."rule_key" = "readiness_contribution_markers"."rule_key"
          and "c"."stamp" = "readiness_contribution_markers"."build_stamp"
          and "c"."epoch" = "readiness_contribution_markers"."build_epoch")`,
    })
    .from(m)
    .where(eq(m.builderEmail, email))
    .orderBy(asc(m.ruleKey));
  return rows.map((row) => ({ ...row, rows: Number(row.rows) }));
}
