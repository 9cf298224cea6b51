import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { ContributionRow } from '../../core/evaluation/contributions.js';
import type { Executor } from '../connection.js';
import { readinessContributionMarkers, readinessContributions } from '../schema/contributions.schema.js';
import { readinessAnswers } from '../schema/evaluation.schema.js';

/**
 * Per-rule contributions (ADR 0017): writes and removals. They are read in the readiness inputs
 * statement (evaluation.repository.ts `loadReadinessInputs`), in the snapshot of the key.
 */

/** A built rule: its key and its rows (each with the record's ledger position), in ledger order. */
export interface ContributionBuild {
  ruleKey: string;
  rows: readonly (ContributionRow & { seq: number })[];
}

/**
 * The data-modifying CTEs that store `builds` under `key` (stamp and epoch), for a statement that
 * defines `"now_key"` (the builder's current key, read in the statement): markers are upserted only
 * while `key` is current and only where the stored marker is under another key, and rows are inserted
 * only for the markers that statement wrote — so two reads building under the same key store one set
 * of rows, and a build under a key that moved stores nothing. The builder's rows under any other key
 * (never readable again: keys never repeat) are removed, and so are their markers of other rules.
 */
export function storeContributionsCtes(
  email: string,
  key: { stamp: number; epoch: number },
  builds: readonly ContributionBuild[],
): SQL {
  const m = readinessContributionMarkers;
  const c = readinessContributions;
  const keys = JSON.stringify(builds.map((build) => build.ruleKey));
  // One array literal per column, unnested in SQL: a large builder sends thousands of rows, and
  // PostgreSQL reads arrays far faster than the same rows as JSON objects (json_to_recordset of 3 600
  // rows: ~60 ms on the loaded bench machine).
  const rows = builds.flatMap((build, k) => build.rows.map((row) => ({ k, row })));
  const column = (value: (entry: (typeof rows)[number]) => string | number | boolean | null): string =>
    arrayLiteral(rows.map(value));
  const stamp = sql`${key.stamp}::bigint`;
  const epoch = sql`${key.epoch}::bigint`;
  return sql`"marked" as (insert into ${m} as "m" (builder_email, rule_key, stamp, epoch)
      select ${email}, "k"."value", ${stamp}, ${epoch}
      from json_array_elements_text(${keys}::json) as "k"("value"), "now_key"
      where "now_key"."stamp" = ${stamp} and "now_key"."epoch" = ${epoch}
      on conflict (builder_email, rule_key) do update set stamp = excluded.stamp, epoch = excluded.epoch
        where "m"."stamp" <> excluded.stamp or "m"."epoch" <> excluded.epoch
      returning "m"."rule_key"),
    "unmarked" as (delete from ${m}
      where ${m.builderEmail} = ${email} and exists (select 1 from "marked")
        and (${m.stamp} <> ${stamp} or ${m.epoch} <> ${epoch})
        and not (${m.ruleKey} in (select "value" from json_array_elements_text(${keys}::json)))),
    "pruned" as (delete from ${c}
      where ${c.builderEmail} = ${email} and exists (select 1 from "marked")
        and (${c.stamp} <> ${stamp} or ${c.epoch} <> ${epoch})),
    "added" as (insert into ${c} (builder_email, rule_key, stamp, epoch, record_id, seq, date, superseded_on, tag, flag, extra_date)
      select ${email}, "marked"."rule_key", ${stamp}, ${epoch}, "r"."r", "r"."s", "r"."d", "r"."x", "r"."t", "r"."f", "r"."e"
      from unnest(${column((e) => e.k)}::integer[], ${column((e) => e.row.record)}::text[],
        ${column((e) => e.row.seq)}::bigint[], ${column((e) => e.row.date)}::date[],
        ${column((e) => e.row.supersededOn)}::date[], ${column((e) => e.row.tag)}::text[],
        ${column((e) => e.row.flag)}::boolean[], ${column((e) => e.row.extraDate)}::date[])
        as "r"("k", "r", "s", "d", "x", "t", "f", "e")
      join "marked" on "marked"."rule_key" = (${keys}::json ->> "r"."k"))`;
}

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

/** The builder's contribution markers: which rule keys are built, under which stamp and epoch. */
export async function listContributionMarkers(
  db: Executor,
  email: string,
): Promise<{ ruleKey: string; stamp: number; epoch: number; rows: number }[]> {
  const m = readinessContributionMarkers;
  const rows = await db
    .select({
      ruleKey: m.ruleKey,
      stamp: m.stamp,
      epoch: m.epoch,
      // Named in full: a column in a subquery's template renders unqualified.
      rows: sql<string | number>`(select count(*) from "readiness_contributions" as "c"
        where "c"."builder_email" = "readiness_contribution_markers"."builder_email"
          and "c"."rule_key" = "readiness_contribution_markers"."rule_key"
          and "c"."stamp" = "readiness_contribution_markers"."stamp"
          and "c"."epoch" = "readiness_contribution_markers"."epoch")`,
    })
    .from(m)
    .where(eq(m.builderEmail, email))
    .orderBy(asc(m.ruleKey));
  return rows.map((row) => ({ ...row, rows: Number(row.rows) }));
}
