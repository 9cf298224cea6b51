import { describe, expect, it } from 'vitest';
import { metricRuleSchema } from './rule-kinds.js';

describe('mentee_progress rule options', () => {
  const rule = { kind: 'mentee_progress', checkin_within_days: 14, min_reviews: 2 };

  it('accepts reviews_vouched_by_other as true or false, and leaves it absent by default', () => {
    expect(metricRuleSchema.parse({ ...rule, reviews_vouched_by_other: true })).toMatchObject({
      reviews_vouched_by_other: true,
    });
    expect(metricRuleSchema.parse({ ...rule, reviews_vouched_by_other: false })).toMatchObject({
      reviews_vouched_by_other: false,
    });
    expect(metricRuleSchema.parse(rule)).not.toHaveProperty('reviews_vouched_by_other');
  });

  it('refuses anything else, naming the option', () => {
    const parsed = metricRuleSchema.safeParse({ ...rule, reviews_vouched_by_other: 'yes' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['reviews_vouched_by_other'],
      message: 'expected true or false',
    });
  });
});
