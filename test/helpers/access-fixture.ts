import { operatorActor } from '../../src/core/actor.js';
import type { Clock } from '../../src/core/clock.js';
import type { Database } from '../../src/db/connection.js';
import { promotionCases, promotionPanelMembers } from '../../src/db/schema/promotion.schema.js';
import { evidence } from '../../src/db/schema/evidence.schema.js';
import {
  builderLevels,
  builderRates,
  builders,
  clients,
  mentorships,
  people,
  placements,
} from '../../src/db/schema/roster.schema.js';
import { publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { createTestAccount } from './sign-in.js';

/**
 * A small organisation in which every relation of the access policy exists once, all about one
 * builder, Ana: she is `self`; Bo is another builder; Mo mentors Ana; Pat sits on Ana's promotion
 * panel; Cleo speaks for Acme, where Ana is placed; Lee is leadership. Each has an account.
 */
export const PERSONAS = {
  leadership: 'lee@org.test',
  self: 'ana@org.test',
  other: 'bo@org.test',
  mentor: 'mo@org.test',
  panelist: 'pat@org.test',
  client: 'cleo@acme.test',
} as const;

export type Persona = keyof typeof PERSONAS | 'anonymous';

/** Mo also mentors Kai (L2) and earns a referral cut on Kai's placement, so Mo has payouts. */
export const MENTEE_WITH_REFERRAL = 'kai@org.test';

export interface AccessFixture {
  clientId: string;
  placementId: string;
  mentorshipId: string;
  caseId: number;
  evidenceId: string;
  ladderId: string;
}

/** Seeds the organisation straight into the tables (the services of other areas are not under test here). */
export async function seedAccessFixture(db: Database, clock: Clock): Promise<AccessFixture> {
  const at = clock.now();
  const [ladder] = await publishShippedLaddersIfEmpty({ db, clock }, operatorActor('fixture'));
  if (ladder === undefined) throw new Error('no shipped ladder');
  await db.insert(people).values([
    { email: PERSONAS.leadership, name: 'Lee', role: 'leadership', createdAt: at },
    { email: PERSONAS.self, name: 'Ana', role: 'builder', createdAt: at },
    { email: PERSONAS.other, name: 'Bo', role: 'builder', createdAt: at },
    { email: PERSONAS.mentor, name: 'Mo', role: 'builder', createdAt: at },
    { email: PERSONAS.panelist, name: 'Pat', role: 'builder', createdAt: at },
    { email: PERSONAS.client, name: 'Cleo', role: 'client_stakeholder', createdAt: at },
    { email: MENTEE_WITH_REFERRAL, name: 'Kai', role: 'builder', createdAt: at },
  ]);
  const track = 'ai-first-business-manager';
  const builderEmails = [PERSONAS.self, PERSONAS.other, PERSONAS.mentor, PERSONAS.panelist];
  await db
    .insert(builders)
    .values([...builderEmails, MENTEE_WITH_REFERRAL].map((email) => ({ email, track })));
  await db.insert(builderLevels).values([
    { builderEmail: PERSONAS.self, level: 'L4', track, since: '2024-01-01' },
    { builderEmail: PERSONAS.other, level: 'L4', track, since: '2024-01-01' },
    { builderEmail: PERSONAS.mentor, level: 'L5', track, since: '2023-01-01' },
    { builderEmail: PERSONAS.panelist, level: 'L5', track, since: '2023-01-01' },
    { builderEmail: MENTEE_WITH_REFERRAL, level: 'L2', track, since: '2025-06-01' },
  ]);
  await db.insert(builderRates).values(
    builderEmails.map((email) => ({
      builderEmail: email,
      since: '2024-01-01',
      rateMinor: 900_000,
      currency: 'EUR',
    })),
  );
  await db.insert(clients).values({ id: 'acme', name: 'Acme' });
  await db.insert(placements).values({
    id: 'pl-kai-acme',
    builderEmail: MENTEE_WITH_REFERRAL,
    clientId: 'acme',
    start: '2026-03-01',
    end: null,
    rateMinor: 650_000,
    currency: 'EUR',
    extended: false,
    requestedBack: false,
  });
  await db.insert(mentorships).values({
    id: 'ms-mo-kai',
    mentorEmail: PERSONAS.mentor,
    menteeEmail: MENTEE_WITH_REFERRAL,
    start: '2026-02-01',
    end: null,
  });
  await db.insert(placements).values({
    id: 'pl-ana-acme',
    builderEmail: PERSONAS.self,
    clientId: 'acme',
    start: '2026-01-01',
    end: null,
    rateMinor: 1_200_000,
    currency: 'EUR',
    extended: false,
    requestedBack: false,
  });
  await db.insert(mentorships).values({
    id: 'ms-mo-ana',
    mentorEmail: PERSONAS.mentor,
    menteeEmail: PERSONAS.self,
    start: '2026-01-01',
    end: null,
  });
  await db.insert(evidence).values({
    id: 'ev-ana-1',
    kind: 'adr',
    builderEmail: PERSONAS.self,
    date: '2026-10-01',
    recordedBy: PERSONAS.self,
    recordedAt: at,
    confirmedBy: null,
    supersedes: null,
    fields: { title: 'Use PGlite', status: 'accepted', link: 'docs/adr/0001.md' },
  });
  const [opened] = await db
    .insert(promotionCases)
    .values({
      candidateEmail: PERSONAS.self,
      ladderId: ladder.ladderId,
      ladderVersionId: ladder.versionId,
      ladderVersion: ladder.version,
      fromLevel: 'L4',
      targetLevel: 'L5',
      status: 'open',
      openedOn: '2026-11-01',
      openedAt: at,
      openedBy: PERSONAS.leadership,
      readinessSnapshot: {},
      eligibleAtOpening: true,
    })
    .returning({ id: promotionCases.id });
  if (opened === undefined) throw new Error('case not created');
  await db.insert(promotionPanelMembers).values({
    caseId: opened.id,
    panelistEmail: PERSONAS.panelist,
    position: 1,
    levelAtAssignment: 'L5',
    leadership: false,
    addedAt: at,
  });
  await createTestAccount(db, { email: PERSONAS.leadership, role: 'leadership' });
  for (const email of builderEmails) await createTestAccount(db, { email, role: 'builder' });
  await createTestAccount(db, { email: PERSONAS.client, role: 'client_stakeholder', clientId: 'acme' });
  return {
    clientId: 'acme',
    placementId: 'pl-ana-acme',
    mentorshipId: 'ms-mo-ana',
    caseId: opened.id,
    evidenceId: 'ev-ana-1',
    ladderId: ladder.ladderId,
  };
}
