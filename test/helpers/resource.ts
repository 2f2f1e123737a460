/**
 * A resource a whole test file (or describe block) shares: started in beforeAll, stopped in
 * afterAll. Jest runs afterAll hooks in declaration order, so a resource that has to outlive
 * another is declared first.
 */
export function useResource<T>(what: string, start: () => Promise<T>, stop: (resource: T) => Promise<void>): () => T {
  let resource: T | undefined;
  beforeAll(async () => {
    resource = await start();
  });
  afterAll(async () => {
    if (resource !== undefined) await stop(resource);
  });
  return () => {
    if (resource === undefined) throw new Error(`${what} starts in beforeAll; use it inside tests or hooks`);
    return resource;
  };
}

/** An object whose `keys` read through to the started resource (methods bound to it). */
export function delegateTo<T extends object, K extends keyof T>(resource: () => T, keys: readonly K[]): Pick<T, K> {
  const view = {} as Pick<T, K>;
  for (const key of keys) {
    Object.defineProperty(view, key, {
      enumerable: true,
      get: () => {
        const target = resource();
        const value = target[key];
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
  return view;
}
