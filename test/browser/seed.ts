import type { ApiSession } from './harness.js';

/**
 * A small organisation built through the public API (until the demo organisation lands, and to keep each
 * test's numbers its own): one client and its contact, leadership, and builders at given levels.
 */
export const org = {
  lead: 'lena.lead@example.test',
  client: 'acme',
  clientContact: 'carla@acme.test',
  track: 'ai-first-business-manager',
};

export interface SeedBuilder {
  email: string;
  name: string;
  level: string;
  since: string;
  rateMinor?: number;
  /** When the builder's placement starts (default: the level start). */
  placedOn?: string;
}

/** Adds leadership and client people, the client, and each builder with a placement at the client. */
export async function seedOrganisation(lead: ApiSession, builders: SeedBuilder[]): Promise<void> {
  await lead.send('POST', '/api/people', { email: org.lead, name: 'Lena Lead', role: 'leadership' });
  await lead.send('POST', '/api/people', {
    email: org.clientContact,
    name: 'Carla Client',
    role: 'client_stakeholder',
  });
  await lead.send('POST', '/api/clients', { id: org.client, name: 'Acme' });
  for (const builder of builders) {
    const rate = builder.rateMinor ?? 800_000;
    await lead.send('POST', '/api/builders', {
      email: builder.email,
      name: builder.name,
      track: org.track,
      levels: [{ level: builder.level, since: builder.since }],
      rates: [{ since: builder.since, rate_minor: rate, currency: 'EUR' }],
    });
    await lead.send('POST', '/api/placements', {
      id: `p-${builder.email.split('@')[0]}`,
      builder: builder.email,
      client: org.client,
      start: builder.placedOn ?? builder.since,
      end: null,
      rate_minor: rate,
      currency: 'EUR',
      extended: false,
      requested_back: false,
    });
  }
}
