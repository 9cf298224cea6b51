import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { trackRequestsInFlight } from './requests-in-flight.js';

// The refresher's fill waits on this between builders (main.ts): it must see a request from arrival to
// its answer, and let the fill go on once none is left (or after the cap under a load that never stops).

const held: ServerResponse[] = [];
const server = createServer((_request, response) => held.push(response));
const inFlight = trackRequestsInFlight(server);

afterEach(() => {
  for (const response of held.splice(0)) response.end('ok');
});

async function listening(): Promise<string> {
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

async function untilHeld(n: number): Promise<void> {
  while (held.length < n) await new Promise((resolve) => setTimeout(resolve, 5));
}

it('counts a request until its answer is sent, and whenIdle waits for that answer', async () => {
  const url = await listening();
  expect(inFlight.count()).toBe(0);
  await inFlight.whenIdle(60_000); // nothing in flight: at once
  const answered = fetch(url).then((response) => response.text());
  await untilHeld(1);
  expect(inFlight.count()).toBe(1);
  const order: string[] = [];
  const waited = inFlight.whenIdle(60_000).then(() => order.push('idle'));
  await new Promise((resolve) => setTimeout(resolve, 50));
  order.push('answer');
  held.shift()!.end('ok');
  expect(await answered).toBe('ok');
  await waited;
  expect(order).toEqual(['answer', 'idle']);
  expect(inFlight.count()).toBe(0);
});

it('a client that goes away before its answer is counted down too', async () => {
  const url = await listening();
  const abort = new AbortController();
  const request = fetch(url, { signal: abort.signal }).catch(() => 'aborted');
  await untilHeld(1);
  expect(inFlight.count()).toBe(1);
  abort.abort();
  expect(await request).toBe('aborted');
  await inFlight.whenIdle(60_000);
  expect(inFlight.count()).toBe(0);
  held.splice(0);
});

it('whenIdle gives up after its cap while a request is still in flight', async () => {
  const url = await listening();
  const answered = fetch(url).then((response) => response.text());
  await untilHeld(1);
  await inFlight.whenIdle(20);
  expect(inFlight.count()).toBe(1);
  held.shift()!.end('ok');
  expect(await answered).toBe('ok');
  server.close();
});
