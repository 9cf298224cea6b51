#!/usr/bin/env node
// The CLI runs from TypeScript sources through tsx, so `npx ladder` works right after `npm install`
// without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
