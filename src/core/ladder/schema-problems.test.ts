import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueMessage, problemsFromIssue, salvageDocument, salvageSteps } from './schema-problems.js';

// Schemas without messages of their own: every text below is ours, chosen by zod's issue code.
function problemsOf(schema: z.ZodType, data: unknown): string[] {
  const result = schema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) =>
    problemsFromIssue(issue, data).map((p) => `${p.path.join('.')}${p.key ? ' (key)' : ''}: ${p.message}`),
  );
}

describe('zod issues in our words', () => {
  it.each<[string, z.ZodType, unknown, string]>([
    ['a wrong type', z.object({ a: z.array(z.string()) }), { a: 'x' }, 'a: expected a list'],
    ['a mapping expected', z.object({ a: z.object({}) }), { a: 1 }, 'a: expected a mapping (key: value)'],
    ['true or false', z.object({ a: z.boolean() }), { a: 'yes' }, 'a: expected true or false'],
    ['an enum', z.object({ a: z.enum(['x', 'y']) }), { a: 'z' }, 'a: expected one of: x, y'],
    ['a literal', z.object({ a: z.literal('x') }), { a: 'z' }, 'a: expected x'],
    ['a short list', z.object({ a: z.array(z.number()).min(1) }), { a: [] }, 'a: expected at least one item'],
    [
      'a long list',
      z.object({ a: z.array(z.number()).max(2) }),
      { a: [1, 2, 3] },
      'a: expected at most 2 items',
    ],
    ['empty text', z.object({ a: z.string().min(1) }), { a: '' }, 'a: expected non-empty text'],
    ['long text', z.object({ a: z.string().max(3) }), { a: 'abcd' }, 'a: expected at most 3 characters'],
    ['a small number', z.object({ a: z.number().min(0) }), { a: -1 }, 'a: expected a number ≥ 0'],
    ['a positive number', z.object({ a: z.number().positive() }), { a: 0 }, 'a: expected a number > 0'],
    ['a large number', z.object({ a: z.number().lt(10) }), { a: 10 }, 'a: expected a number < 10'],
    ['a multiple', z.object({ a: z.number().multipleOf(5) }), { a: 7 }, 'a: expected a multiple of 5'],
    [
      'a pattern',
      z.object({ a: z.string().regex(/^L\d$/) }),
      { a: 'x' },
      'a: expected text of the form /^L\\d$/',
    ],
    [
      'a prefix',
      z.object({ a: z.string().startsWith('L') }),
      { a: 'x' },
      'a: expected text starting with "L"',
    ],
    ['an email', z.object({ a: z.email() }), { a: 'x' }, 'a: expected a valid email'],
    [
      'a plain union',
      z.object({ a: z.union([z.string(), z.number()]) }),
      { a: [] },
      'a: expected text or a number',
    ],
    [
      'a discriminated union',
      z.object({
        a: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('p') }),
          z.object({ kind: z.literal('q') }),
        ]),
      }),
      { a: { kind: 'r' } },
      'a.kind: expected kind to be one of: p, q',
    ],
    [
      'a refused record key',
      z.object({ a: z.record(z.string().regex(/^\d+$/), z.string()) }),
      { a: { A: 'x' } },
      'a.A (key): field name "A": expected text of the form /^\\d+$/',
    ],
    [
      'an unknown field',
      z.strictObject({ name: z.string() }),
      { name: 'x', nmae: 'y' },
      'nmae (key): unknown field',
    ],
    [
      'a refinement without a message',
      z.object({ a: z.string().refine(() => false) }),
      { a: 'x' },
      'a: not accepted here',
    ],
    ['a missing field', z.object({ a: z.object({ b: z.string() }) }), { a: {} }, 'a.b: required'],
    ['a missing choice', z.object({ a: z.enum(['x', 'y']) }), {}, 'a: required: one of: x, y'],
  ])('%s', (_name, schema, data, expected) => {
    expect(problemsOf(schema, data)).toEqual([expected]);
  });

  it('keeps a message the schema wrote itself', () => {
    const schema = z.object({ a: z.number({ error: 'expected months' }).int('expected whole months') });
    expect(problemsOf(schema, { a: 'x' })).toEqual(['a: expected months']);
    expect(problemsOf(schema, { a: 1.5 })).toEqual(['a: expected whole months']);
  });

  it('never passes zod’s own English through', () => {
    const schema = z.strictObject({
      a: z.record(z.string().regex(/^\d+$/), z.string()),
      b: z.union([z.string(), z.object({ c: z.number() })]),
      d: z.array(z.number()).length(2),
    });
    const result = schema.safeParse({ a: { A: 'x' }, b: 1, d: [1], e: 1 });
    expect(result.success).toBe(false);
    if (result.success) return;
    for (const issue of result.error.issues) {
      expect(issueMessage(issue)).not.toMatch(/^(Invalid|Too (small|big)|Unrecognized)/);
    }
  });
});

describe('salvageDocument', () => {
  const schema = z.strictObject({
    items: z.array(
      z.strictObject({ id: z.string(), size: z.number().positive(), note: z.string().optional() }),
    ),
    extra: z.object({ flag: z.boolean() }).optional(),
  });
  const salvage = (data: unknown) => {
    const result = schema.safeParse(data);
    return salvageDocument(schema, data, result.success ? [] : salvageSteps(result.error.issues, data));
  };

  it('takes out a refused list item as a hole, so the items after it keep their index', () => {
    const salvaged = salvage({
      items: [
        { id: 'a', size: 1 },
        { id: 2, size: 1 },
        { id: 'c', size: 1 },
      ],
    });
    expect(salvaged?.removed).toEqual([['items', 1]]);
    const items = salvaged?.document.items as unknown[];
    expect(items).toHaveLength(3);
    expect(1 in items).toBe(false);
    expect(items[2]).toEqual({ id: 'c', size: 1 });
  });

  it('takes out a refused optional field, keeps an out-of-bounds scalar, removes unknown fields', () => {
    const salvaged = salvage({
      items: [{ id: 'a', size: 0, note: 5, typo: 1 }],
      extra: { flag: 'yes' },
    });
    expect(salvaged?.document).toEqual({ items: [{ id: 'a', size: 0 }] });
    expect(salvaged?.removed).toEqual([['items', 0, 'note'], ['items', 0, 'typo'], ['extra']]);
  });

  it('gives nothing for a root that is not a mapping', () => {
    expect(salvage([1])).toBeUndefined();
    expect(salvage(null)).toBeUndefined();
  });
});
