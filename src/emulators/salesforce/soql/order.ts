/**
 * ORDER BY semantics: ASC sorts nulls first and DESC nulls last unless NULLS FIRST/LAST says
 * otherwise; text sorts case-insensitively (ids and case-sensitive fields by their exact value,
 * so keyset paging `WHERE Id > :last ORDER BY Id` is consistent).
 */
export interface SortKey<T> {
  get(x: T): unknown;
  desc: boolean;
  nullsFirst: boolean;
  foldCase: boolean;
}

export function sortKey<T>(get: (x: T) => unknown, order?: string, nulls?: string, foldCase = true): SortKey<T> {
  const desc = order?.toUpperCase() === 'DESC';
  const nullsFirst = nulls ? nulls.toUpperCase() === 'FIRST' : !desc;
  return { get, desc, nullsFirst, foldCase };
}

export function sortBy<T>(items: T[], keys: SortKey<T>[]): T[] {
  if (keys.length === 0) return items;
  const decorated = items.map((item) => ({ item, values: keys.map((k) => k.get(item)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i += 1) {
      const { desc, nullsFirst, foldCase } = keys[i];
      const av = a.values[i];
      const bv = b.values[i];
      const an = av === null || av === undefined;
      const bn = bv === null || bv === undefined;
      if (an || bn) {
        if (an && bn) continue;
        return an === nullsFirst ? -1 : 1;
      }
      const x = foldCase && typeof av === 'string' ? av.toLowerCase() : (av as string | number | boolean);
      const y = foldCase && typeof bv === 'string' ? bv.toLowerCase() : (bv as string | number | boolean);
      if (x === y) continue;
      const c = x < y ? -1 : 1;
      return desc ? -c : c;
    }
    return 0;
  });
  return decorated.map((d) => d.item);
}
