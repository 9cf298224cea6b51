/**
 * zod keeps each schema's definition on `_zod.def`. The ladder's messages (schema-problems.ts) and its
 * field suggestions (suggest-field.ts) walk the ladder schema through it; only the parts that lead to
 * nested schemas, and the enum values a message names, matter here.
 */
export interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  element?: unknown;
  options?: unknown[];
  discriminator?: string;
  valueType?: unknown;
  items?: unknown[];
  in?: unknown;
  getter?: () => unknown;
  values?: unknown[];
}

/** The zod definition of a schema, or undefined for anything that is not a zod schema. */
export function defOf(schema: unknown): SchemaDef | undefined {
  if (schema === null || typeof schema !== 'object' || !('_zod' in schema)) return undefined;
  return (schema as { _zod: { def: SchemaDef } })._zod.def;
}
