/**
 * The six endpoints of the SalesWings contract (docs/saleswings-api.md). Requests are
 * validated with the shared zod schemas; a handler returns the 200 body or throws `ApiError`.
 */
import { type IncomingMessage } from 'node:http';
import {
  activitiesRequestSchema,
  metricsRequestSchema,
  prospectsQuerySchema,
  recordsRequestSchema,
} from '../../saleswings/contract';
import { type EmulatorControl } from './control';
import { parseQuery, readJson } from './http-io';

export interface ApiRequest {
  control: EmulatorControl;
  req: IncomingMessage;
  url: URL;
  /** The emulator clock when the request arrived. */
  now: Date;
}

export interface ApiRoute {
  method: 'GET' | 'POST';
  /** Path below the base URL. */
  path: string;
  handle(request: ApiRequest): Promise<unknown>;
}

export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/tags',
    handle: async ({ control }) => ({ tags: control.state.tags() }),
  },
  {
    method: 'GET',
    path: '/scores',
    handle: async ({ control }) => ({ scores: control.state.scores() }),
  },
  {
    method: 'GET',
    path: '/prospects',
    handle: async ({ control, url, now }) => {
      const query = parseQuery(url.searchParams, prospectsQuerySchema, ['since', 'cursor', 'limit']);
      return control.store.prospectPage(query, now);
    },
  },
  {
    method: 'POST',
    path: '/prospects/activities',
    handle: async ({ control, req }) => {
      const body = await readJson(req, activitiesRequestSchema);
      return { activities: control.store.activitiesOf(body.prospectIds) };
    },
  },
  {
    method: 'POST',
    path: '/records',
    handle: async ({ control, req, now }) => {
      const body = await readJson(req, recordsRequestSchema);
      return control.store.receiveRecords(body.records, now);
    },
  },
  {
    method: 'POST',
    path: '/metrics',
    handle: async ({ control, req, now }) => {
      const body = await readJson(req, metricsRequestSchema);
      control.store.receiveMetrics(body, now);
      return { ok: true };
    },
  },
];
