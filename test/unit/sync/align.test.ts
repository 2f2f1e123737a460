import { planAlignment, type ExistingRecord } from '../../../src/sync/align';

const existing = (id: string, key: string, fields: ExistingRecord['fields']): ExistingRecord => ({ id, key, fields });

describe('planAlignment', () => {
  it('creates desired records that do not exist yet', () => {
    const plan = planAlignment({ existing: [], desired: [{ key: 't1', fields: { Name: 'Hot lead' } }] });
    expect(plan.create).toEqual([{ key: 't1', fields: { Name: 'Hot lead' } }]);
    expect(plan.update).toEqual([]);
    expect(plan.unchanged).toBe(0);
  });

  it('updates only the fields that changed', () => {
    const plan = planAlignment({
      existing: [existing('a01', 't1', { Name: 'Old', Archived__c: false })],
      desired: [{ key: 't1', fields: { Name: 'New', Archived__c: false } }],
    });
    expect(plan.update).toEqual([{ id: 'a01', key: 't1', fields: { Name: 'New' } }]);
    expect(plan.create).toEqual([]);
  });

  it('plans no write at all when nothing changed', () => {
    const plan = planAlignment({
      existing: [existing('a01', 't1', { Name: 'Same', Value__c: 5, At__c: '2024-01-31T10:00:00.000+0000' })],
      desired: [{ key: 't1', fields: { Name: 'Same', Value__c: 5.001, At__c: '2024-01-31T10:00:00Z' } }],
      deleteMissing: true,
    });
    expect(plan).toMatchObject({ create: [], update: [], delete: [], unchanged: 1 });
  });

  it('matches keys case-insensitively', () => {
    const plan = planAlignment({
      existing: [existing('a01', 'ABC-1', { Name: 'x' })],
      desired: [{ key: 'abc-1', fields: { Name: 'x' } }],
      deleteMissing: true,
    });
    expect(plan.create).toEqual([]);
    expect(plan.delete).toEqual([]);
    expect(plan.unchanged).toBe(1);
  });

  it('uses the last of duplicate desired keys and reports the duplicate', () => {
    const plan = planAlignment({
      existing: [],
      desired: [
        { key: 'k1', fields: { Name: 'first' } },
        { key: 'K1', fields: { Name: 'second' } },
      ],
    });
    expect(plan.create).toEqual([{ key: 'K1', fields: { Name: 'second' } }]);
    expect(plan.duplicates).toEqual(['K1']);
  });

  it('sends create-only fields on create', () => {
    const plan = planAlignment({
      existing: [],
      desired: [{ key: 'k1', fields: { Name: 'x', Account__c: '001A' }, createOnly: ['Account__c'] }],
    });
    expect(plan.create[0].fields).toEqual({ Name: 'x', Account__c: '001A' });
  });

  it('never updates a create-only field even when it differs', () => {
    const plan = planAlignment({
      existing: [existing('a01', 'k1', { Name: 'x', Account__c: '001OTHER' })],
      desired: [{ key: 'k1', fields: { Name: 'x', Account__c: '001A' }, createOnly: ['Account__c'] }],
    });
    expect(plan.update).toEqual([]);
    expect(plan.unchanged).toBe(1);
  });

  it('compares only the listed fields when compareFields is given', () => {
    const plan = planAlignment({
      existing: [existing('a01', 'k1', { Name: 'old', Value__c: 1 })],
      desired: [{ key: 'k1', fields: { Name: 'new', Value__c: 2 } }],
      compareFields: ['Value__c'],
    });
    expect(plan.update).toEqual([{ id: 'a01', key: 'k1', fields: { Value__c: 2 } }]);
  });

  it('deletes records no desired record claims when deleteMissing is on', () => {
    const plan = planAlignment({
      existing: [existing('a01', 'keep', {}), existing('a02', 'gone', {})],
      desired: [{ key: 'keep', fields: {} }],
      deleteMissing: true,
    });
    expect(plan.delete).toEqual([{ id: 'a02', key: 'gone' }]);
  });

  it('deletes nothing unless deleteMissing is on', () => {
    const plan = planAlignment({ existing: [existing('a02', 'gone', {})], desired: [] });
    expect(plan.delete).toEqual([]);
  });

  it('keeps the first of existing records sharing a key and deletes the surplus when deleting', () => {
    const plan = planAlignment({
      existing: [existing('a01', 'k1', { Name: 'x' }), existing('a02', 'K1', { Name: 'x' })],
      desired: [{ key: 'k1', fields: { Name: 'x' } }],
      deleteMissing: true,
    });
    expect(plan.existingDuplicates).toEqual([{ id: 'a02', key: 'K1' }]);
    expect(plan.delete).toEqual([{ id: 'a02', key: 'K1' }]);
    expect(plan.unchanged).toBe(1);
  });

  it('returns the desired record itself on create so extra data such as parent refs survives', () => {
    const desired = { key: 'p1:t1', fields: { Name: 'Tag' }, refs: { prospectSwId: 'p1', tagSwId: 't1' } };
    const plan = planAlignment({ existing: [], desired: [desired] });
    expect(plan.create[0].refs).toEqual({ prospectSwId: 'p1', tagSwId: 't1' });
  });
});
