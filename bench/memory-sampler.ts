/**
 * Peak memory of the benchmark process while a phase runs, sampled every 200 ms. The worker,
 * both emulators and the harness share the process (the Temporal server does not), so the RSS
 * is an upper bound of the worker's own; the starting value is kept to show the growth.
 */

export interface MemoryFigures {
  /** RSS when sampling started, MiB. */
  startRssMb: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
  samples: number;
}

const MB = 1024 * 1024;
const round = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

export class MemorySampler {
  private timer?: NodeJS.Timeout;
  private startRss = 0;
  private peakRss = 0;
  private peakHeap = 0;
  private samples = 0;

  constructor(private readonly intervalMs = 200) {}

  start(): void {
    const first = process.memoryUsage();
    this.startRss = first.rss;
    this.peakRss = first.rss;
    this.peakHeap = first.heapUsed;
    this.samples = 1;
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    // Sampling must never keep the process alive.
    this.timer.unref();
  }

  stop(): MemoryFigures {
    clearInterval(this.timer);
    this.sample();
    return { startRssMb: round(this.startRss), peakRssMb: round(this.peakRss), peakHeapUsedMb: round(this.peakHeap), samples: this.samples };
  }

  private sample(): void {
    const usage = process.memoryUsage();
    this.samples += 1;
    this.peakRss = Math.max(this.peakRss, usage.rss);
    this.peakHeap = Math.max(this.peakHeap, usage.heapUsed);
  }
}
