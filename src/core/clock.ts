/** The source of "now". Core code never reads the system clock; it receives a Clock or a date. */
export interface Clock {
  now(): Date;
}

/** The real clock, for the server and the CLI. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant, for tests and reproducible evaluations. */
export function fixedClock(iso: string): Clock {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) throw new Error(`fixedClock: not a date: ${iso}`);
  return { now: () => new Date(instant) };
}
