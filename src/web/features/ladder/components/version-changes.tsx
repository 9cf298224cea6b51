import { QueryView } from '../../../components/ui/query-state';
import { formatDay, humanize } from '../../../lib/format';
import type { LadderDocument, Level } from '../../../types/ladder';
import { useLadder } from '../api/get-ladder';
import { useLadderVersions } from '../api/get-ladder-versions';

/** The competency areas whose expectation differs between two versions of a level ("competency Communication"). */
function changedCompetencies(before: Level, after: Level, doc: LadderDocument): string[] {
  const names = new Map(
    [...(doc.competency_categories ?? [])].flatMap((c) => c.areas.map((a) => [a.id, a.name] as const)),
  );
  const areas = [
    ...new Set([...(after.expectations ?? []), ...(before.expectations ?? [])].map((e) => e.area)),
  ];
  return areas
    .filter(
      (area) =>
        JSON.stringify(before.expectations?.find((e) => e.area === area)) !==
        JSON.stringify(after.expectations?.find((e) => e.area === area)),
    )
    .map((area) => `competency ${names.get(area) ?? area}`);
}

/** Sections of each level that differ between two versions ("L5: billing tier"), in ladder order. */
export function changedSections(before: LadderDocument, after: LadderDocument): string[] {
  const changes: string[] = [];
  if (JSON.stringify(before.competency_categories) !== JSON.stringify(after.competency_categories))
    changes.push('competency areas');
  const ids = [...new Set([...after.levels.map((l) => l.id), ...before.levels.map((l) => l.id)])];
  for (const id of ids) {
    const a = before.levels.find((l) => l.id === id);
    const b = after.levels.find((l) => l.id === id);
    if (a === undefined) changes.push(`${id}: new level`);
    else if (b === undefined) changes.push(`${id}: removed`);
    else {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])] as (keyof Level)[];
      for (const key of keys) {
        if (JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
        // Expectations change competency by competency, so each changed area is named on its own.
        if (key === 'expectations')
          for (const area of changedCompetencies(a, b, after)) changes.push(`${id}: ${area}`);
        else changes.push(`${id}: ${humanize(key)}`);
      }
    }
  }
  if (JSON.stringify(before.tracks) !== JSON.stringify(after.tracks)) changes.push('tracks');
  return changes;
}

function Diff({ ladderId, previous, shown }: { ladderId: string; previous: string; shown: LadderDocument }) {
  const query = useLadder(ladderId, previous);
  return (
    <QueryView query={query} label="Comparing with the previous version…">
      {(data) => {
        const changes = changedSections(data.document, shown);
        return (
          <div data-testid="version-changes">
            <h3>Changed since {formatDay(previous)}</h3>
            {changes.length === 0 ? (
              <p>Nothing in the levels changed.</p>
            ) : (
              <ul>
                {changes.map((change) => (
                  <li key={change}>{change}</li>
                ))}
              </ul>
            )}
          </div>
        );
      }}
    </QueryView>
  );
}

/** What the shown version changed against the version before it (nothing for the first version). */
export function VersionChanges({ ladderId, shown }: { ladderId: string; shown: LadderDocument }) {
  const versions = useLadderVersions(ladderId);
  const list = versions.data?.versions ?? [];
  const index = list.findIndex((v) => v.version === shown.version);
  const previous = index > 0 ? list[index - 1] : undefined;
  if (previous === undefined) return null;
  return <Diff ladderId={ladderId} previous={previous.version} shown={shown} />;
}
