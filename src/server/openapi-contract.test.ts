import { expect, it } from 'vitest';
import { contractIsCurrent } from './openapi-contract.js';

// The web's API types come from this file: a route schema changed without regenerating it is drift.
it('the committed web contract (src/web/api/openapi.d.ts) is what the server routes produce', async () => {
  const { current } = await contractIsCurrent();
  expect(current, 'run `npm run contract` and commit src/web/api/openapi.d.ts').toBe(true);
}, 120_000);
