/**
 * The data a SalesWings emulator serves: tag and score definitions, prospects and their
 * activities. Built by `generateDataset` or supplied by a test; checked against the shared
 * contract schemas when loaded, so the emulator never serves data the contract forbids
 * (except through an injected `malformed` fault).
 */
import { z } from 'zod';
import { activitySchema, prospectSchema, scoreSchema, tagSchema, type Activity, type Prospect, type Score, type Tag } from '../../saleswings/contract';
import { formatZodError } from '../../saleswings/zod-issues';

export interface Dataset {
  tags: Tag[];
  scores: Score[];
  prospects: Prospect[];
  /** Flat list; each activity names its prospect. */
  activities: Activity[];
}

export const datasetSchema = z
  .object({
    tags: z.array(tagSchema),
    scores: z.array(scoreSchema),
    prospects: z.array(prospectSchema),
    activities: z.array(activitySchema).default([]),
  })
  .superRefine((data, ctx) => {
    const duplicate = (kind: 'tags' | 'scores' | 'prospects' | 'activities', ids: string[]): void => {
      const seen = new Set<string>();
      ids.forEach((id, index) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [kind, index, 'id'], message: `duplicate id ${id}` });
        seen.add(id);
      });
    };
    duplicate('tags', data.tags.map((t) => t.id));
    duplicate('scores', data.scores.map((s) => s.id));
    duplicate('prospects', data.prospects.map((p) => p.id));
    duplicate('activities', data.activities.map((a) => a.id));
  });

/** Validates a dataset from outside (a test, the admin API); the error names the field path. */
export function parseDataset(input: unknown): Dataset {
  const result = datasetSchema.safeParse(input);
  if (!result.success) throw new Error(`invalid dataset: ${formatZodError(result.error, input)}`);
  return result.data;
}

/** An empty dataset. */
export function emptyDataset(): Dataset {
  return { tags: [], scores: [], prospects: [], activities: [] };
}
