import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.js';
import { mentorshipId } from '../../src/core/roster/roster.schema.js';
import type { Mentorship } from '../../src/core/roster/roster.types.js';
import { findDecision } from '../../src/db/repositories/promotion-case.repository.js';
import { findMentorship, upsertMentorship } from '../../src/db/repositories/roster.repository.js';
import { buildApp } from '../../src/server/app.js';
import type { Services } from '../../src/services/composition-root.js';
import { importOrganisation } from '../../src/services/interchange/import.service.js';
import { assignMentorship } from '../../src/services/mentorship.service.js';
import {
  decideCase,
  getCase,
  saveSheet,
  setPanel,
  withdrawCase,
  openCase,
} from '../../src/services/promotion-case.service.js';
import { createMentorship } from '../../src/services/roster.service.js';
import { asActor } from '../helpers/actors.js';
import {
  caseClock,
  leadership,
  openSeatedCase,
  ops,
  panelActors,
  seedCaseWorld,
  submitSheets,
} from '../helpers/case-world.js';
import { forEachEngine } from '../helpers/database.js';
import { buildSheet } from '../helpers/promotion-fixtures.js';

const at = (name: string): string => `${name}@example.test`;
const link = (
  mentor: string,
  mentee: string,
  start = '2026-11-20',
  end: string | null = null,
): Mentorship => ({
  id: mentorshipId({ mentor, mentee, start }),
  mentor,
  mentee,
  start,
  end,
});

async function codeOf(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a refusal').toBeInstanceOf(DomainError);
  return error as DomainError;
}

forEachEngine('conflicts of interest on a promotion panel', (getDb) => {
  let services: Services;
  let app: FastifyInstance;
  const [p1, p2] = panelActors as [(typeof panelActors)[number], (typeof panelActors)[number]];

  beforeAll(async () => {
    services = await seedCaseWorld(
      getDb(),
      ['k1', 'k2', 'k3', 'k4', 'k5'].map(at),
      ['m5', 'm6', 'm7'].map(at),
    );
    app = await buildApp({ database: getDb(), clock: caseClock }, { authenticate: asActor(leadership) });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  describe('seating', () => {
    it.each([
      ['a mentorship that ended before the case', 'm5', '2024-02-01', '2025-01-31'],
      ['a mentorship that starts after the panel is seated', 'm6', '2027-01-01', null],
    ])('refuses %s, naming the record', async (_label, mentor, start, end) => {
      const opened = await openCase(services, leadership, { candidate: at('k1'), override_reason: 'test' });
      try {
        await createMentorship(services, ops, { mentor: at(mentor), mentee: at('k1'), start, end });
        const id = mentorshipId({ mentor: at(mentor), mentee: at('k1'), start });
        const error = await codeOf(
          setPanel(services, leadership, opened.id, { panelists: [at(mentor), at('p2'), at('p3')] }),
        );
        expect(error).toMatchObject({ code: 'panelist_conflict' });
        expect(error.message).toBe(`${at(mentor)} is or was the candidate's mentor (mentorship ${id})`);
        expect((await getCase(services, leadership, opened.id)).panel.members).toEqual([]);
      } finally {
        await withdrawCase(services, leadership, opened.id, { reason: 'test over' });
      }
    });
  });

  describe('a relation created while the case is live', () => {
    let id: number;
    beforeAll(async () => {
      id = await openSeatedCase(services, at('k2'));
    });

    it('refuses making a seated panelist the candidate’s mentor (assign), writing nothing', async () => {
      const wanted = link(at('p1'), at('k2'));
      const error = await codeOf(
        assignMentorship(services, leadership, {
          mentor: wanted.mentor,
          mentee: wanted.mentee,
          start: wanted.start,
          end: null,
        }),
      );
      expect(error.code).toBe('panelist_conflict');
      expect(error.message).toContain(
        `mentorship ${wanted.id}: mentorship ${wanted.id} (p1@example.test mentors k2@example.test)`,
      );
      expect(error.message).toContain(
        `panelist p1@example.test the mentor of k2@example.test, the candidate of live case ${id}`,
      );
      expect(await findMentorship(getDb().db, wanted.id)).toBeUndefined();
    });

    it('refuses it through the HTTP API with 409 panelist_conflict', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/mentorships',
        payload: { mentor: at('p1'), mentee: at('k2'), start: '2026-11-21', end: null },
      });
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json()).toMatchObject({ error: 'panelist_conflict' });
    });

    it('refuses the candidate mentoring a seated panelist (roster record), writing nothing', async () => {
      const wanted = link(at('k2'), at('p2'));
      const error = await codeOf(
        createMentorship(services, ops, {
          mentor: wanted.mentor,
          mentee: wanted.mentee,
          start: wanted.start,
          end: null,
        }),
      );
      expect(error.code).toBe('panelist_conflict');
      expect(error.message).toContain(`panelist p2@example.test the mentee of k2@example.test`);
      expect(await findMentorship(getDb().db, wanted.id)).toBeUndefined();
    });

    it('refuses it in an import, naming the file and line, and the whole import writes nothing', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'ladder-conflict-'));
      try {
        await writeFile(
          path.join(dir, 'mentorships.csv'),
          `mentor_email,mentee_email,start,end\n${at('m7')},${at('k3')},2026-11-01,\n${at('p3')},${at('k2')},2026-11-01,\n`,
        );
        const error = await codeOf(importOrganisation(services, ops, dir));
        expect(error.code).toBe('panelist_conflict');
        expect(error.message).toMatch(
          /^mentorships\.csv:3: \w+: mentorship ms-[0-9a-f]+ \(p3@example\.test mentors k2@example\.test\)/,
        );
        expect(await findMentorship(getDb().db, link(at('m7'), at('k3'), '2026-11-01').id)).toBeUndefined();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('still allows a mentorship of a candidate whose panel the mentor does not sit on', async () => {
      const made = await assignMentorship(services, leadership, {
        mentor: at('p1'),
        mentee: at('k3'),
        start: '2026-11-20',
        end: null,
      });
      expect(made.relation).toBe('receives');
    });

    it('allows the same mentorship once the case is no longer live', async () => {
      await withdrawCase(services, leadership, id, { reason: 'panel to be redone' });
      const made = await assignMentorship(services, leadership, {
        mentor: at('p1'),
        mentee: at('k2'),
        start: '2026-11-22',
        end: null,
      });
      expect(made.mentor).toBe(at('p1'));
    });
  });

  // Relations that reached the database without the check (written before the rule, or by a path that
  // skipped it) are caught again at submit and at the decision.
  describe('at submit and at the decision', () => {
    it('refuses a conflicted panelist’s submit, naming the panelist and the relation; others still submit', async () => {
      const id = await openSeatedCase(services, at('k4'));
      const tie = link(at('p1'), at('k4'), '2026-10-01');
      await upsertMentorship(getDb().db, tie);
      const error = await codeOf(saveSheet(services, p1, id, buildSheet(), { submit: true }));
      expect(error.code).toBe('panelist_conflict');
      expect(error.message).toBe(
        `p1@example.test's sheet on case ${id} cannot be submitted: p1@example.test is or was the candidate's mentor (mentorship ${tie.id}); leadership replaces the panelist or withdraws the case`,
      );
      await saveSheet(services, p2, id, buildSheet(), { submit: true });
      const view = await getCase(services, leadership, id);
      expect(view.panel.members.filter((m) => m.submitted).map((m) => m.email)).toEqual([at('p2')]);
    });

    it('refuses the decision while a panelist is conflicted, naming them; nothing is decided', async () => {
      const id = await openSeatedCase(services, at('k5'));
      await submitSheets(services, id, [0, 1, 2]);
      const tie = link(at('k5'), at('p3'), '2026-11-25');
      await upsertMentorship(getDb().db, tie);
      const error = await codeOf(decideCase(services, leadership, id, { note: 'go' }));
      expect(error.code).toBe('panelist_conflict');
      expect(error.message).toContain(
        `case ${id} cannot be decided with p3@example.test on the panel: p3@example.test is or was mentored by the candidate (mentorship ${tie.id})`,
      );
      expect(await findDecision(getDb().db, id)).toBeUndefined();
      expect((await getCase(services, leadership, id)).status).toBe('assessing');
    });
  });
});
