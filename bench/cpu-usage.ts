/**
 * CPU time spent during a phase: by the benchmark process (worker, emulators, harness) and by
 * the Temporal dev server process. On a machine shared with other work, wall times stretch with
 * the load; CPU time much less so, which makes it the steadier basis for comparing executions.
 */
import fs from 'node:fs';

export interface CpuFigures {
  /** User + system CPU of this process, ms. */
  processMs: number;
  /** User + system CPU of the Temporal server process, ms (Linux `/proc`; absent elsewhere). */
  temporalServerMs?: number;
}

/** Kernel clock ticks per second; 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of a process from `/proc/<pid>/stat`, in ms; undefined when unreadable. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
    return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

export class CpuMeter {
  private readonly startProcess = process.cpuUsage();
  private readonly startServer: number | undefined;

  constructor(private readonly serverPid?: number) {
    this.startServer = serverPid === undefined ? undefined : processCpuMs(serverPid);
  }

  stop(): CpuFigures {
    const used = process.cpuUsage(this.startProcess);
    const figures: CpuFigures = { processMs: Math.round((used.user + used.system) / 1000) };
    const server = this.serverPid === undefined ? undefined : processCpuMs(this.serverPid);
    if (server !== undefined && this.startServer !== undefined) figures.temporalServerMs = Math.round(server - this.startServer);
    return figures;
  }
}
