// The functions' queries are built from their definitions (lib/queries.ts) and nothing else: `build`
// refuses a definition on another collection or with values that do not fit it. No emulator: a
// query is only built here, never run.
import { Firestore } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { refs } from '../../functions/src/lib/db';
import { Q, SERVER_QUERIES, build, sweepDue } from '../../functions/src/lib/queries';

const db = new Firestore({ projectId: 'demo-fengqiao-unit' });

describe('queries built from their definitions', () => {
  it('lists every definition, each once', () => {
    expect(SERVER_QUERIES.length).toBeGreaterThan(20);
    expect(new Set(SERVER_QUERIES.map((q) => q.name)).size).toBe(SERVER_QUERIES.length);
    expect(SERVER_QUERIES).toContain(Q.sweepDue);
    expect(SERVER_QUERIES).toContain(Q.unitOverdueEvents.grid);
  });
  it('refuses a definition on another collection', () => {
    expect(() => build(Q.sweepDue, refs(db).outboxes() as never, { range: [new Date()] })).toThrow(/runs on cases/);
    expect(() =>
      build(Q.unitEvents.county, refs(db).caseEvents('c1') as never, { eq: ['621126'], range: [new Date(), new Date()] }),
    ).toThrow(/collection group/);
  });
  it('refuses values that do not fit the definition', () => {
    expect(() => build(Q.sweepDue, refs(db).cases(), {})).toThrow(/values/);
    expect(() => build(Q.outboxDue, refs(db).outboxes(), { eq: ['pending', 'x'], range: [new Date()] })).toThrow(/values/);
  });
  it('builds what the definition says', () => {
    const now = new Date();
    expect(sweepDue(db, now).isEqual(refs(db).cases().where('sweepAt', '<=', now).orderBy('sweepAt', 'asc'))).toBe(true);
  });
});
