// One autocannon run against a server: a fixed number of connections, each sending the next
// request of the shared workload as soon as its previous answer arrives. Latency is autocannon's
// own per-response time (request written to response complete), kept per request kind.
import { KINDS, HEADERS, type Kind, type Workload } from './workload';

// autocannon ships no types; this is the part of its API used here.
interface AutocannonRequest {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
}
interface AutocannonClient {
  requestIterator: { context: { kind?: Kind } };
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: AutocannonClient, status: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (
  opts: {
    url: string;
    connections: number;
    duration: number;
    headers: Record<string, string>;
    requests: { setupRequest(req: AutocannonRequest, context: { kind?: Kind }): AutocannonRequest; onResponse(status: number, body: string): void }[];
  },
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

export interface KindStats {
  responses: number;
  non2xx: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LoadResult {
  durationSeconds: number;
  responses: number;
  reqPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  /** Connection errors and timeouts: requests that never got an answer. */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  byKind: Record<Kind, KindStats>;
  /** autocannon's own summary (per-second mean, integer-ms histogram), for reference. */
  autocannon: { reqPerSecAvg: number; p50Ms: number; p99Ms: number };
  /** A few answers that were not 2xx, to tell what went wrong. */
  errorSamples: string[];
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function summarize(latencies: number[]): { p50: number; p90: number; p99: number; max: number } {
  const sorted = Float64Array.from(latencies).sort();
  return {
    p50: round2(percentile(sorted, 50)),
    p90: round2(percentile(sorted, 90)),
    p99: round2(percentile(sorted, 99)),
    max: round2(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

export function runLoad(url: string, workload: Workload, connections: number, seconds: number): Promise<LoadResult> {
  const all: number[] = [];
  const perKind: Record<Kind, number[]> = { hire: [], feedback: [], rating: [] };
  const non2xxByKind: Record<Kind, number> = { hire: 0, feedback: 0, rating: 0 };
  const errorSamples: string[] = [];

  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        headers: HEADERS,
        requests: [
          {
            setupRequest: (req, context) => {
              const next = workload.next();
              context.kind = next.kind;
              return { ...req, method: next.method, path: next.path, body: next.body };
            },
            onResponse: (status, body) => {
              if ((status < 200 || status > 299) && errorSamples.length < 5) errorSamples.push(`${status} ${body.slice(0, 300)}`);
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const overall = summarize(all);
        const byKind = Object.fromEntries(
          KINDS.map((k) => {
            const s = summarize(perKind[k]);
            return [k, { responses: perKind[k].length, non2xx: non2xxByKind[k], p50Ms: s.p50, p99Ms: s.p99 }];
          }),
        ) as Record<Kind, KindStats>;
        resolve({
          durationSeconds: result.duration,
          responses: all.length,
          reqPerSec: Math.round(all.length / result.duration),
          p50Ms: overall.p50,
          p90Ms: overall.p90,
          p99Ms: overall.p99,
          maxMs: overall.max,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
          byKind,
          autocannon: { reqPerSecAvg: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 },
          errorSamples,
        });
      },
    );
    // Fired before the connection moves on to its next request, so the context still names this one.
    instance.on('response', (client, status, _bytes, ms) => {
      const kind = client.requestIterator.context.kind;
      all.push(ms);
      if (!kind) return;
      perKind[kind].push(ms);
      if (status < 200 || status > 299) non2xxByKind[kind]++;
    });
  });
}
