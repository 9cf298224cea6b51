import type { EvidenceInput } from '../evidence/evidence.schema.js';
import type { Builder, Client, Mentorship, Person, Placement } from './roster.types.js';

/**
 * A whole organisation in memory: what `ladder import` reads from files, `ladder export` writes, and the
 * demo generator produces. `people` are the people who are not builders (builders carry their own
 * person data). Evidence records may carry `recorded_at`; when they do not, the import sets it.
 */
export interface OrganisationData {
  people: Person[];
  builders: Builder[];
  clients: Client[];
  placements: Placement[];
  mentorships: Mentorship[];
  evidence: EvidenceInput[];
}

export type OrganisationCollection = keyof OrganisationData;

/** One problem with one entity of an OrganisationData, by collection, position and field. */
export interface OrganisationProblem {
  collection: OrganisationCollection;
  index: number;
  field: string;
  message: string;
}

/** An empty organisation. */
export function emptyOrganisation(): OrganisationData {
  return { people: [], builders: [], clients: [], placements: [], mentorships: [], evidence: [] };
}
