/**
 * The admin API under `/__emulator/` — the in-process admin surface over HTTP for the demo
 * stack and for processes that do not share memory with the emulator. No authentication: the
 * emulator listens on loopback.
 */
import type { SalesforceEmulatorAdmin } from '../admin';
import { json, type Reply } from './api-types';

export interface AdminInfo {
  url: string;
  orgId: string;
  namespace: string;
  credentials: { clientId: string; clientSecret: string; username: string; password: string };
  integrationUserId: string;
}

function parse(body: Buffer): unknown {
  const text = body.toString('utf8');
  return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
}

export function createAdminHandler(admin: SalesforceEmulatorAdmin, info: () => AdminInfo) {
  return async (method: string, path: string, query: URLSearchParams, body: Buffer): Promise<Reply> => {
    try {
      const data = parse(body) as Record<string, unknown>;
      let m: RegExpExecArray | null;
      if (method === 'GET' && path === '/info') return json(200, info());
      if (method === 'POST' && path === '/token') return json(200, { access_token: admin.issueToken(data.username as string | undefined) });
      if (method === 'POST' && path === '/refresh-token') return json(200, { refresh_token: admin.createRefreshToken(data.username as string | undefined) });
      if ((m = /^\/records\/([A-Za-z0-9_]+)$/.exec(path))) {
        const sobject = m[1];
        if (method === 'GET') return json(200, admin.records(sobject, { includeDeleted: query.get('includeDeleted') === 'true' }));
        if (method === 'POST') {
          const records = Array.isArray(data) ? (data as Record<string, unknown>[]) : [data];
          return json(201, { ids: admin.insert(sobject, records) });
        }
        if (method === 'PATCH') {
          admin.update(sobject, Array.isArray(data) ? (data as Record<string, unknown>[]) : data);
          return json(200, { updated: true });
        }
      }
      if ((m = /^\/records\/([A-Za-z0-9_]+)\/([A-Za-z0-9_]+)$/.exec(path)) && method === 'PATCH') {
        return json(200, { ids: admin.upsert(m[1], m[2], (Array.isArray(data) ? data : [data]) as Record<string, unknown>[]) });
      }
      if (path === '/records' && method === 'DELETE') {
        admin.delete((query.get('ids') ?? '').split(',').filter(Boolean), { hard: query.get('hard') === 'true' });
        return json(200, { deleted: true });
      }
      if (path === '/query' && method === 'GET') return json(200, { records: admin.query(query.get('q') ?? '', { includeDeleted: query.get('includeDeleted') === 'true' }) });
      if ((m = /^\/leads\/([A-Za-z0-9]+)\/convert$/.exec(path)) && method === 'POST') return json(200, admin.convertLead(m[1], { accountId: data.accountId as string | undefined }));
      if (path === '/counters' && method === 'GET') return json(200, admin.counters());
      if (path === '/counters/reset' && method === 'POST') {
        admin.resetCounters();
        return json(200, admin.counters());
      }
      if (path === '/faults' && (method === 'PUT' || method === 'POST')) {
        admin.setFaults(data);
        return json(200, { faults: 'set' });
      }
      if (path === '/faults' && method === 'DELETE') {
        admin.clearFaults();
        return json(200, { faults: 'cleared' });
      }
      if (path === '/validation-rules' && method === 'POST') {
        admin.addValidationRule(data as never);
        return json(201, { added: true });
      }
      if (path === '/validation-rules' && method === 'DELETE') {
        admin.removeValidationRules();
        return json(200, { removed: true });
      }
      if (path === '/sessions/expire' && method === 'POST') {
        admin.expireSessions();
        return json(200, { expired: true });
      }
      if (path === '/events' && method === 'GET') return json(200, admin.publishedEvents(query.get('sobject') ?? undefined));
      if (path === '/events/flush' && method === 'POST') {
        await admin.flushEvents();
        return json(200, { flushed: true });
      }
      if (path === '/bulk/jobs' && method === 'GET') return json(200, admin.bulkJobs());
      if (path === '/reset' && method === 'POST') {
        admin.reset();
        return json(200, { reset: true });
      }
      if ((m = /^\/describe\/([A-Za-z0-9_]+)$/.exec(path)) && method === 'GET') return json(200, admin.describe(m[1]));
      return json(404, { error: `no admin route ${method} ${path}` });
    } catch (error) {
      return json(400, { error: error instanceof Error ? error.message : String(error) });
    }
  };
}
