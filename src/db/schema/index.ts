// The one pg-core schema, split by area. drizzle-kit reads this file; each area adds one line.
export * from './system.schema.js';
export * from './ladders.schema.js';
export * from './roster.schema.js';
export * from './evidence.schema.js';
export * from './promotion.schema.js';
export * from './auth.schema.js';
export * from './integrations.schema.js';
export * from './demo.schema.js';
export * from './evaluation.schema.js';
export * from './ranking-snapshots.schema.js';
export * from './contributions.schema.js';
