/**
 * Keyset paging (`WHERE Id > :last ORDER BY Id LIMIT n`), plain and grouped, visits every row
 * exactly once: ORDER BY and the comparison agree on how Ids sort (exactly, not case-folded).
 */
import { connect, startEmulator, type SalesforceEmulator } from './support';

describe('keyset paging over Ids', () => {
  let emu: SalesforceEmulator;
  let accounts: string[];
  beforeAll(async () => {
    emu = await startEmulator();
    // More than 36 rows of one key prefix: Ids then differ only in letter case at some position.
    accounts = emu.admin.insert('Account', Array.from({ length: 90 }, (_, i) => ({ Name: `A${i}` }))) as string[];
    emu.admin.insert('Contact', accounts.map((accountId, i) => ({ LastName: `C${i}`, AccountId: accountId })));
  });
  afterAll(() => emu.stop());

  async function pageAll(build: (last: string) => string, key: string): Promise<string[]> {
    const conn = connect(emu);
    const seen: string[] = [];
    let last = '';
    for (;;) {
      const result = await conn.query<Record<string, string>>(build(last));
      if (result.records.length === 0) return seen;
      seen.push(...result.records.map((r) => r[key]));
      last = seen[seen.length - 1];
    }
  }

  it('plain queries page through every row once', async () => {
    const seen = await pageAll((last) => `SELECT Id FROM Account${last ? ` WHERE Id > '${last}'` : ''} ORDER BY Id LIMIT 7`, 'Id');
    expect(seen).toHaveLength(90);
    expect(new Set(seen)).toEqual(new Set(accounts));
  });

  it('grouped queries page through every group once', async () => {
    const seen = await pageAll(
      (last) => `SELECT AccountId, COUNT(Id) n FROM Contact${last ? ` WHERE AccountId > '${last}'` : ''} GROUP BY AccountId ORDER BY AccountId LIMIT 7`,
      'AccountId',
    );
    expect(seen).toHaveLength(90);
    expect(new Set(seen)).toEqual(new Set(accounts));
  });
});
