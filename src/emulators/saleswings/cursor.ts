/**
 * Opaque `GET /prospects` cursors: base64url JSON of the last served position
 * (updatedAt in ms, id) and the `since` the paging started with. Keyset paging — not an
 * offset — so a prospect changed while a client pages moves behind the cursor and is served
 * again later, never skipped.
 */
import { z } from 'zod';

export interface CursorPosition {
  /** `updatedAt` of the last prospect served, epoch ms. */
  t: number;
  /** Its id (ties on `updatedAt` are broken by id). */
  id: string;
  /** `since` of the first page, epoch ms; null for a full read. */
  since: number | null;
}

const cursorSchema = z.object({
  v: z.literal(1),
  t: z.number().int(),
  id: z.string().min(1),
  s: z.number().int().nullable(),
});

export function encodeCursor(position: CursorPosition): string {
  const json = JSON.stringify({ v: 1, t: position.t, id: position.id, s: position.since });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** The position in a cursor, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string): CursorPosition | undefined {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? { t: parsed.data.t, id: parsed.data.id, since: parsed.data.s } : undefined;
  } catch {
    return undefined;
  }
}
