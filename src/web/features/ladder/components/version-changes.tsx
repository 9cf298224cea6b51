import { QueryView } from '../../../components/ui/query-state';
import { t } from '../../../i18n/i18n';
import { formatDay, humanize } from '../../../lib/format';
import type { LadderDocument, Level } from '../../../types/ladder';
import { useLadder } from '../api/get-ladder';
import { useLadderVersions } from '../api/get-ladder-versions';

/** A level's field as a change names it ("billing tier"); a field this list does not know reads as is. */
function fieldWords(key: string): string {
  switch (key) {
    case 'label':
      return t('label');
    case 'title':
      return t('title');
    case 'track':
      return t('track');
    case 'status':
      return t('status');
    case 'tagline':
      return t('tagline');
    case 'summary':
      return t('summary');
    case 'what_you_do':
      return t('what you do');
    case 'ai_skills':
      return t('ai skills');
    case 'self_evaluation':
      return t('self evaluation');
    case 'curriculum':
      return t('curriculum');
    case 'ranking_standard':
      return t('ranking standard');
    case 'promotion':
      return t('promotion');
    case 'mentorship':
      return t('mentorship');
    case 'billing_tier':
      return t('billing tier');
    case 'panel_eligible':
      return t('panel eligible');
    case 'bridges_to':
      return t('bridges to');
    case 'equivalent_to':
      return t('equivalent to');
    case 'unlocks':
      return t('unlocks');
    case 'content':
      return t('content');
    default:
      return humanize(key);
  }
}

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
    .map((area) => names.get(area) ?? area);
}

/** Sections of each level that differ between two versions ("L5: billing tier"), in ladder order. */
export function changedSections(before: LadderDocument, after: LadderDocument): string[] {
  const changes: string[] = [];
  if (JSON.stringify(before.competency_categories) !== JSON.stringify(after.competency_categories))
    changes.push(t('competency areas'));
  const ids = [...new Set([...after.levels.map((l) => l.id), ...before.levels.map((l) => l.id)])];
  for (const id of ids) {
    const a = before.levels.find((l) => l.id === id);
    const b = after.levels.find((l) => l.id === id);
    if (a === undefined) changes.push(t('{level}: new level', { level: id }));
    else if (b === undefined) changes.push(t('{level}: removed', { level: id }));
    else {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])] as (keyof Level)[];
      for (const key of keys) {
        if (JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
        // Expectations change competency by competency, so each changed area is named on its own.
        if (key === 'expectations')
          for (const area of changedCompetencies(a, b, after))
            changes.push(t('{level}: competency {name}', { level: id, name: area }));
        else changes.push(t('{level}: {field}', { level: id, field: fieldWords(key) }));
      }
    }
  }
  if (JSON.stringify(before.tracks) !== JSON.stringify(after.tracks)) changes.push(t('tracks'));
  return changes;
}

function Diff({ ladderId, previous, shown }: { ladderId: string; previous: string; shown: LadderDocument }) {
  const query = useLadder(ladderId, previous);
  return (
    <QueryView query={query} label={t('Comparing with the previous version…')}>
      {(data) => {
        const changes = changedSections(data.document, shown);
        return (
          <div data-testid="version-changes">
            <h3>{t('Changed since {date}', { date: formatDay(previous) })}</h3>
            {changes.length === 0 ? (
              <p>{t('Nothing in the levels changed.')}</p>
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
