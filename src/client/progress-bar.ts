/**
 * Progress as text: a bar for terminals, a plain `done/total (pct)` for pipes and log files,
 * where block characters and ANSI codes only add noise.
 */

export interface ProgressOptions {
  /** Draw a bar (stdout is a terminal). */
  tty: boolean;
  /** Bar width in characters. */
  width?: number;
}

/** `[██████░░░░░░]  6/12  50%` in a terminal, `6/12 (50%)` otherwise. An unknown total shows the count only. */
export function progressBar(done: number, total: number | undefined, options: ProgressOptions): string {
  if (total === undefined || total <= 0) return `${done}`;
  const ratio = Math.min(1, Math.max(0, done / total));
  const pct = `${Math.floor(ratio * 100)}%`;
  if (!options.tty) return `${done}/${total} (${pct})`;
  const width = options.width ?? 24;
  const filled = Math.round(ratio * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${pct}`;
}
