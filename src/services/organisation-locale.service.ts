import type { LadderDocument } from '../core/ladder/ladder.schema.js';
import type { Locale } from '../core/ladder/ladder-locale.js';
import { countBuildersByTrack } from '../db/repositories/builder-tracks.repository.js';
import { loadActiveLadders } from './ladder-context.service.js';
import type { LadderServiceDeps } from './ladder.service.js';

/** The language the web app speaks for this organisation, and the ladder it comes from. */
export interface OrganisationLocale {
  locale: Locale;
  /** The ladder whose `locale` it is; null when no ladder is published or shipped. */
  ladderId: string | null;
}

/**
 * The organisation's ladder decides the web app's language (issue 16, ADR 0027): of the ladders in force,
 * the one whose tracks hold the most builders on the roster — ties, and a roster still empty, go to the
 * first by ladder id — and its `locale` (English when it names none).
 */
export async function organisationLocale(deps: LadderServiceDeps): Promise<OrganisationLocale> {
  const [documents, perTrack] = [await loadActiveLadders(deps), await countBuildersByTrack(deps.db)];
  const buildersOn = (doc: LadderDocument): number =>
    doc.tracks.reduce((sum, track) => sum + (perTrack.get(track.id) ?? 0), 0);
  let chosen: LadderDocument | undefined;
  for (const doc of [...documents].sort((a, b) => (a.ladder < b.ladder ? -1 : a.ladder > b.ladder ? 1 : 0)))
    if (chosen === undefined || buildersOn(doc) > buildersOn(chosen)) chosen = doc;
  return { locale: chosen?.locale ?? 'en', ladderId: chosen?.ladder ?? null };
}
