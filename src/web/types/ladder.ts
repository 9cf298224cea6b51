/**
 * The ladder document as GET /api/ladders/{id} returns it, and its parts, as the server's route schemas
 * define them (the generated contract, ADR 0023): aliases, never copies.
 */
import type { ApiResponse } from '../api/contract';

/** The version of a ladder in force on a day, with its document. */
export type LadderInForce = ApiResponse<'/api/ladders/{id}'>;
export type LadderDocument = LadderInForce['document'];
/** A published version's metadata (GET /api/ladders/{id}/versions). */
export type VersionMeta = ApiResponse<'/api/ladders/{id}/versions'>['versions'][number];

export type Level = LadderDocument['levels'][number];
export type DescribedItem = NonNullable<Level['what_you_do']>[number];
export type Metric = NonNullable<Level['ranking_standard']>[number];
export type CurriculumPhase = NonNullable<Level['curriculum']>[number];
export type Promotion = NonNullable<Level['promotion']>;
export type PanelCriterion = NonNullable<Promotion['panel']>['criteria'][number];
/** Something a panel weighs in a promotion, and the evidence kinds the ladder names for it. */
export type WeighedItem = NonNullable<Promotion['weighs']>[number];
export type Mentorship = NonNullable<Level['mentorship']>;
/** What a level expects in one competency area, with examples. */
export type Expectation = NonNullable<Level['expectations']>[number];
export type CompetencyCategory = NonNullable<LadderDocument['competency_categories']>[number];
/** A competency area of the ladder (issue 16); ids are unique across the ladder. */
export type CompetencyArea = CompetencyCategory['areas'][number];
/** A page section the ladder declares (heading, kind, the level field or content.<name> that fills it). */
export type SectionDefinition = NonNullable<LadderDocument['sections']>[number];
/** What a level writes for one of the ladder's own sections (`content.<name>`). */
export type SectionContent = NonNullable<Level['content']>[string];
