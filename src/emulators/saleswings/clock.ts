/**
 * The emulator's clock: `serverTime` of every answer and the `updatedAt` of every change come
 * from it. Tests pin or move it to make incremental runs exact.
 */

export type ClockSource = () => Date;

export class EmulatorClock {
  readonly #initial: ClockSource;
  #source: ClockSource;
  #offsetMs = 0;

  constructor(source: ClockSource = () => new Date()) {
    this.#initial = source;
    this.#source = source;
  }

  now(): Date {
    return new Date(this.#source().getTime() + this.#offsetMs);
  }

  /**
   * Pins the clock to an instant (it stands still there until moved) or hands it a new
   * source. Clears any offset from `advance`.
   */
  set(to: Date | string | ClockSource): void {
    if (typeof to === 'function') this.#source = to;
    else {
      const at = new Date(to);
      if (Number.isNaN(at.getTime())) throw new Error('setClock: not a valid instant');
      this.#source = () => new Date(at.getTime());
    }
    this.#offsetMs = 0;
  }

  /** Moves the clock forward (or back, with a negative value) by `ms`. */
  advance(ms: number): void {
    this.#offsetMs += ms;
  }

  /** Back to the clock the emulator was started with. */
  reset(): void {
    this.#source = this.#initial;
    this.#offsetMs = 0;
  }
}
