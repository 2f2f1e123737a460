/**
 * The emulator's HTTP admin API under `/__admin/` (no Bearer token: bind the emulator to
 * loopback). It mirrors the in-process control methods so a standalone emulator (cli.ts) can be
 * driven from curl, another process or a benchmark. See docs/emulators/saleswings.md.
 */
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { isoInstant } from '../../saleswings/contract';
import { TARGETED_CHANGES } from './changes';
import { type EmulatorControl } from './control';
import { faultSpecSchema } from './faults';
import { ApiError, readJson, sendJson } from './http-io';

const count = z.number().int().min(0).optional();

const generateSchema = z.object({
  seed: z.union([z.number(), z.string()]),
  prospects: z.number().int().min(0),
  tags: count,
  archivedTagShare: z.number().min(0).max(1).optional(),
  scores: count,
  activitiesPerProspect: z.number().min(0).optional(),
  lifecycleMix: z.object({ active: z.number().min(0), merged: z.number().min(0), deleted: z.number().min(0) }).partial().optional(),
  nullEmailShare: z.number().min(0).max(1).optional(),
  awkwardEmailShare: z.number().min(0).max(1).optional(),
  asOf: isoInstant.optional(),
  spreadDays: z.number().min(0).optional(),
});

const datasetBodySchema = z.union([
  z.object({ generate: generateSchema }).strict(),
  z.object({ dataset: z.unknown() }).strict(),
]);

const changesSchema = z
  .object({
    seed: z.union([z.number(), z.string()]).optional(),
    edit: count,
    emailChange: count,
    merge: count,
    delete: count,
    purge: count,
    create: count,
    activity: count,
    tagCreate: count,
    tagRename: count,
    tagArchive: count,
    tagDelete: count,
    scoreCreate: count,
    scoreRename: count,
    scoreDelete: count,
    ids: z.partialRecord(z.enum(TARGETED_CHANGES), z.array(z.string())).optional(),
  })
  .strict();

const faultsBodySchema = z.object({ faults: z.array(faultSpecSchema), replace: z.boolean().optional() }).strict();
const clockBodySchema = z
  .object({ now: z.union([isoInstant, z.literal('real')]).optional(), advanceMs: z.number().int().optional() })
  .strict();
/** Any prospect fields; the result is checked against the contract by `updateProspect`. */
const prospectPatchSchema = z.record(z.string(), z.unknown());

type Handler = (control: EmulatorControl, req: IncomingMessage, params: string[]) => Promise<unknown>;

function summary(control: EmulatorControl) {
  const { store } = control;
  return {
    now: control.now().toISOString(),
    counts: {
      tags: store.tags.size,
      scores: store.scores.size,
      prospects: store.prospects.size,
      activities: [...store.activities.values()].reduce((sum, list) => sum + list.length, 0),
      recordRequests: store.recordRequests.length,
      metrics: store.metrics.length,
    },
    faults: control.listFaults(),
  };
}

const ROUTES: { method: string; pattern: RegExp; handle: Handler }[] = [
  { method: 'GET', pattern: /^\/state$/, handle: async (control) => summary(control) },
  { method: 'GET', pattern: /^\/dataset$/, handle: async (control) => control.store.snapshot() },
  {
    method: 'POST',
    pattern: /^\/dataset$/,
    handle: async (control, req) => {
      const body = await readJson(req, datasetBodySchema);
      try {
        if ('generate' in body) control.generate(body.generate);
        else control.load(body.dataset as never);
      } catch (error) {
        throw new ApiError(400, 'invalid_request', (error as Error).message);
      }
      return summary(control);
    },
  },
  {
    method: 'POST',
    pattern: /^\/changes$/,
    handle: async (control, req) => {
      const body = await readJson(req, changesSchema);
      try {
        return control.simulateChanges(body);
      } catch (error) {
        throw new ApiError(400, 'invalid_request', (error as Error).message);
      }
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/prospects\/([^/]+)$/,
    handle: async (control, req, [id]) => {
      const patch = await readJson(req, prospectPatchSchema);
      if (!control.store.prospects.get(id)) throw new ApiError(404, 'not_found', `unknown prospect ${id}`);
      try {
        return control.updateProspect(id, patch);
      } catch (error) {
        throw new ApiError(400, 'invalid_request', (error as Error).message);
      }
    },
  },
  { method: 'GET', pattern: /^\/faults$/, handle: async (control) => ({ faults: control.listFaults() }) },
  {
    method: 'POST',
    pattern: /^\/faults$/,
    handle: async (control, req) => {
      const body = await readJson(req, faultsBodySchema);
      if (body.replace) control.setFaults(body.faults);
      else control.addFaults(body.faults);
      return { faults: control.listFaults() };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/faults$/,
    handle: async (control) => {
      control.clearFaults();
      return { faults: [] };
    },
  },
  {
    method: 'GET',
    pattern: /^\/received\/records$/,
    handle: async (control) => ({ records: control.receivedRecords(), requests: control.recordRequests() }),
  },
  { method: 'GET', pattern: /^\/received\/metrics$/, handle: async (control) => ({ metrics: control.metricsRequests() }) },
  {
    method: 'GET',
    pattern: /^\/requests$/,
    handle: async (control) => ({ counts: control.requestCounts(), log: control.requestLog() }),
  },
  {
    method: 'DELETE',
    pattern: /^\/requests$/,
    handle: async (control) => {
      control.clearRequestLog();
      return { counts: {} };
    },
  },
  {
    method: 'POST',
    pattern: /^\/reset$/,
    handle: async (control) => {
      control.reset();
      return summary(control);
    },
  },
  { method: 'GET', pattern: /^\/clock$/, handle: async (control) => ({ now: control.now().toISOString() }) },
  {
    method: 'POST',
    pattern: /^\/clock$/,
    handle: async (control, req) => {
      const body = await readJson(req, clockBodySchema);
      if (body.now === 'real') control.setClock(() => new Date());
      else if (body.now !== undefined) control.setClock(body.now);
      if (body.advanceMs !== undefined) control.advanceClock(body.advanceMs);
      return { now: control.now().toISOString() };
    },
  },
];

/** Answers a request whose path starts with `/__admin/` (`path` is the part after it, with `/`). */
export async function handleAdmin(control: EmulatorControl, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const method = req.method ?? 'GET';
  let pathKnown = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathKnown = true;
    if (route.method !== method) continue;
    const params = match.slice(1).map((p) => decodeURIComponent(p));
    sendJson(res, 200, await route.handle(control, req, params));
    return;
  }
  if (pathKnown) throw new ApiError(405, 'method_not_allowed', `${method} is not allowed on /__admin${path}`);
  throw new ApiError(404, 'not_found', `no admin route /__admin${path}`);
}
