/**
 * Small hand-made SalesWings data for tests that need exact control.
 */
import { type Prospect, type Score, type Tag } from '../../src/saleswings/contract';
import { type Dataset } from '../../src/emulators/saleswings';

const T0 = '2026-01-15T09:00:00.000Z';

export function tag(id: string, name = `Tag ${id}`): Tag {
  return { id, name, description: null, archived: false, updatedAt: T0 };
}

export function score(id: string, name = `Score ${id}`): Score {
  return { id, name, description: null, updatedAt: T0 };
}

export function prospect(id: string, email: string | null, overrides: Partial<Prospect> = {}): Prospect {
  return {
    id,
    email,
    firstName: 'Pat',
    lastName: `Prospect ${id}`,
    lifecycle: 'Active',
    mergedIntoId: null,
    favorite: false,
    ownerEmail: null,
    leadScore: 42,
    temperature: 'WARM',
    lastVisitAt: '2026-01-10T08:30:00.000Z',
    tags: [],
    scores: [],
    updatedAt: T0,
    ...overrides,
  };
}

export function dataset(parts: Partial<Dataset>): Dataset {
  return { tags: [], scores: [], prospects: [], activities: [], ...parts };
}
