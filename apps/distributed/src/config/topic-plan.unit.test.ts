import { EVENT_CATALOG } from '@eventmart/contracts';
import { describe, expect, it } from 'vitest';
import { topicPlan, topicTable } from './topic-plan.js';

describe('topic plan', () => {
  it('puts every event type of the catalog on exactly one topic, keyed by subject', () => {
    const plan = topicPlan();
    const types = plan.flatMap((row) => row.eventTypes);
    expect(types.sort()).toEqual(EVENT_CATALOG.map((d) => `${d.type}@${String(d.version)}`).sort());
    expect(new Set(plan.map((row) => row.topic)).size).toBe(plan.length);
    expect(plan.every((row) => row.key === 'subject')).toBe(true);
  });

  it('renders one Markdown row per topic', () => {
    const table = topicTable();
    expect(table.split('\n')).toHaveLength(topicPlan().length + 2);
    expect(table).toContain('| `orders.new` | `order.placed@1` | subject |');
  });
});
