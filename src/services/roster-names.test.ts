import { expect, it } from 'vitest';
import { forEachEngine } from '../../test/helpers/database.js';
import { insertPeople } from '../db/repositories/roster.repository.js';
import { nameLookup, namesOfPeople } from './roster.service.js';

it('a name lookup answers the name by email, case-blind, and the email itself for anyone unknown', () => {
  const nameOf = nameLookup([
    { email: 'ana@example.test', name: 'Ana Berg' },
    { email: 'blank@example.test', name: '  ' },
  ]);
  expect(nameOf('ana@example.test')).toBe('Ana Berg');
  expect(nameOf('Ana@Example.test')).toBe('Ana Berg');
  expect(nameOf('blank@example.test')).toBe('blank@example.test');
  expect(nameOf('gone@example.test')).toBe('gone@example.test');
});

forEachEngine('names of people from the roster', (getDb) => {
  it('reads the names of thousands of people at once, and leaves an unknown email as it is', async () => {
    const { db } = getDb();
    // 2 500 people: more than one query's chunk of emails, so every chunk is read.
    const people = Array.from({ length: 2500 }, (_, i) => ({
      email: `p${String(i).padStart(4, '0')}@example.test`,
      name: `Person ${i}`,
      role: 'client_stakeholder' as const,
    }));
    await insertPeople(db, people, new Date('2026-11-01T09:00:00Z'));
    const nameOf = await namesOfPeople(db, [...people.map((p) => p.email), 'nobody@example.test']);
    expect(nameOf('p0000@example.test')).toBe('Person 0');
    expect(nameOf('p1500@example.test')).toBe('Person 1500');
    expect(nameOf('p2499@example.test')).toBe('Person 2499');
    expect(nameOf('nobody@example.test')).toBe('nobody@example.test');
  });
});
