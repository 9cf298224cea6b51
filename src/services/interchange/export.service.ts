import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import type { Database } from '../../db/connection.js';
import { countEvidence, streamAllEvidence } from '../../db/repositories/evidence.repository.js';
import {
  listAllBuilders,
  listAllClients,
  listAllMentorships,
  listAllPeople,
  listAllPlacements,
} from '../../db/repositories/roster.repository.js';
import { evidenceLine, formatRosterFiles } from './org-files.js';

export interface ExportDeps {
  db: Database;
  clock: Clock;
}

export interface ExportSummary {
  files: string[];
  builders: number;
  evidence: number;
}

/**
 * `ladder export DIR`: writes the whole organisation in the interchange format, in a canonical order
 * (people, builders and histories by email, clients and placements by id, mentorships by start, evidence
 * by date then id), so export → import into an empty database → export gives byte-identical files.
 * The ledger is streamed, never held in memory whole.
 */
export async function exportOrganisation(
  deps: ExportDeps,
  _actor: Actor,
  dir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<ExportSummary> {
  await mkdir(dir, { recursive: true });
  const people = await listAllPeople(deps.db);
  const builders = await listAllBuilders(deps.db);
  const builderEmails = new Set(builders.map((b) => b.email));
  const texts = formatRosterFiles({
    // Builders are written to builders.csv; people.csv holds everyone else.
    people: people.filter((p) => !builderEmails.has(p.email)),
    builders,
    clients: await listAllClients(deps.db),
    placements: await listAllPlacements(deps.db),
    mentorships: await listAllMentorships(deps.db),
  });
  const files: string[] = [];
  for (const [name, text] of Object.entries(texts)) {
    await writeFile(path.join(dir, name), text, 'utf8');
    files.push(name);
  }
  const total = await countEvidence(deps.db);
  const handle = await open(path.join(dir, 'evidence.ndjson'), 'w');
  let written = 0;
  try {
    for await (const batch of streamAllEvidence(deps.db)) {
      await handle.write(batch.map((record) => `${evidenceLine(record)}\n`).join(''));
      written += batch.length;
      onProgress?.(written, total);
    }
  } finally {
    await handle.close();
  }
  files.push('evidence.ndjson');
  return { files, builders: builders.length, evidence: written };
}
