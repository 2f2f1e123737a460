import { fieldsOf, seedAccount, seedContact, writeCalls } from './fixtures';
import { rollupActivity, rollupInput, useRollupStack } from './step-fixtures';

describe('AggregateTemperature', () => {
  const { stack, defs } = useRollupStack();
  const aggregateTemperature = rollupActivity(stack, 'aggregateTemperature');
  // Account Aggregation stays off: the seed shows no gate for this step.
  const input = rollupInput('AggregateTemperature');
  const accountWith = (name: string, temperatures: (string | null)[], fields: Record<string, unknown> = {}) => {
    const id = seedAccount(stack.sf, name, fields);
    for (const temperature of temperatures) seedContact(stack.sf, defs, id, { temperature });
    return id;
  };
  const temperatureOf = (id: string) => fieldsOf(stack.sf, 'Account', id, ['Temperature__c']).Temperature__c;

  it('takes the middle temperature of an odd number of contacts', async () => {
    const acme = accountWith('Acme', ['HOT', 'FROZEN', 'NORMAL']);
    await aggregateTemperature(input());
    expect(temperatureOf(acme)).toBe('NORMAL');
  });

  it('takes the hotter of the two middle temperatures of an even number of contacts', async () => {
    const acme = accountWith('Acme', ['COLD', 'HOT', 'FROZEN', 'WARM']);
    const globex = accountWith('Globex', ['COLD', 'NORMAL']);
    await aggregateTemperature(input());
    expect(temperatureOf(acme)).toBe('WARM');
    expect(temperatureOf(globex)).toBe('NORMAL');
  });

  it("takes a single contact's temperature", async () => {
    const acme = accountWith('Acme', ['COLD']);
    await aggregateTemperature(input());
    expect(temperatureOf(acme)).toBe('COLD');
  });

  it('ignores contacts without a temperature', async () => {
    const acme = accountWith('Acme', [null, 'FROZEN', null, 'HOT', 'HOT']);
    await aggregateTemperature(input());
    expect(temperatureOf(acme)).toBe('HOT');
  });

  it('empties the temperature of an account without contacts or without any contact temperature', async () => {
    const empty = accountWith('Empty', [], { Temperature__c: 'WARM' });
    const silent = accountWith('Silent', [null, null], { Temperature__c: 'COLD' });

    const result = await aggregateTemperature(input());

    expect(temperatureOf(empty)).toBeNull();
    expect(temperatureOf(silent)).toBeNull();
    expect(result).toEqual(expect.objectContaining({ examined: 2, updated: 2, failed: 0 }));
  });

  it('writes only the accounts whose temperature changes, and nothing on a second run', async () => {
    const same = accountWith('Same', ['HOT'], { Temperature__c: 'HOT' });
    const changed = accountWith('Changed', ['FROZEN', 'COLD', 'COLD'], { Temperature__c: 'HOT' });
    accountWith('Blank', []);
    stack.sf.admin.resetCounters();

    const first = await aggregateTemperature(input());
    const writes = writeCalls(stack.sf);
    stack.sf.admin.resetCounters();
    const second = await aggregateTemperature(input());

    expect(temperatureOf(same)).toBe('HOT');
    expect(temperatureOf(changed)).toBe('COLD');
    expect(first).toEqual(expect.objectContaining({ examined: 3, updated: 1, failed: 0 }));
    expect(writes).toEqual({ 'collections-update': 1 });
    expect(second).toEqual(expect.objectContaining({ examined: 3, updated: 0 }));
    // Accounts, then contacts counted per account and temperature: two queries per page.
    expect(stack.sf.admin.counters().byKind).toEqual({ query: 2 });
  });

  it('writes the target mapped from temperature', async () => {
    const acme = accountWith('Acme', ['WARM']);

    await aggregateTemperature(input({}, { fieldMappings: { Account: [{ source: 'temperature', target: 'Industry' }] } }));

    expect(fieldsOf(stack.sf, 'Account', acme, ['Industry', 'Temperature__c'])).toEqual({ Industry: 'WARM', Temperature__c: null });
  });

  it('reads nothing without an Account mapping for temperature', async () => {
    accountWith('Acme', ['WARM']);
    stack.sf.admin.resetCounters();

    const result = await aggregateTemperature(input({}, { fieldMappings: { Account: [{ source: 'tags', target: 'Tags__c' }] } }));

    expect(result).toEqual(expect.objectContaining({ examined: 0, updated: 0, details: { noTemperatureMapping: 1 } }));
    expect(stack.sf.admin.counters().total).toBe(0);
  });

  it('dry run writes nothing and counts the accounts it would update', async () => {
    const acme = accountWith('Acme', ['WARM', 'WARM']);
    stack.sf.admin.resetCounters();

    const result = await aggregateTemperature(input({ dryRun: true }));

    expect(temperatureOf(acme)).toBeNull();
    expect(writeCalls(stack.sf)).toEqual({});
    expect(result).toEqual(expect.objectContaining({ examined: 1, updated: 1 }));
  });

  it('reports an account rejected by a validation rule', async () => {
    const acme = accountWith('Acme', ['HOT']);
    const globex = accountWith('Globex', ['COLD']);
    stack.sf.admin.addValidationRule({ object: 'Account', name: 'No_Hot', condition: "Temperature__c = 'HOT'", message: 'HOT accounts are set by sales ops', field: 'Temperature__c' });

    const result = await aggregateTemperature(input());

    expect(temperatureOf(acme)).toBeNull();
    expect(temperatureOf(globex)).toBe('COLD');
    expect(result).toEqual(expect.objectContaining({ updated: 1, failed: 1 }));
    expect(result.errors).toEqual([{ recordId: acme, code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'HOT accounts are set by sales ops' }]);
  });
});
