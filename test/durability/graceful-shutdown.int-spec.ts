import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiProcess, freePort } from './api-server';

const HR_KEY = 'shutdown-hr-key-000000000';

const hire = (employeeId: string): string =>
  JSON.stringify({ employeeId, name: 'N', email: `${employeeId}@example.com`, level: 'L3', jobFamily: 'SDE', orgId: 'o', hireDate: '2025-01-06' });

/** Starts a POST, sends half its body, and hands back a function that sends the rest and awaits the answer. */
function halfSentHire(port: number, employeeId: string): Promise<() => Promise<number>> {
  const body = hire(employeeId);
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/v1/employees',
      headers: { authorization: `Bearer ${HR_KEY}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const answered = new Promise<number>((ok, fail) => {
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => ok(res.statusCode ?? 0));
      });
      req.on('error', fail);
    });
    req.on('error', reject);
    req.write(body.slice(0, 20), () =>
      resolve(() => {
        req.end(body.slice(20));
        return answered;
      }),
    );
  });
}

describe('graceful shutdown', () => {
  it('on SIGTERM, finishes a command already in flight, stores it, and then ends by the signal', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pm-shutdown-'));
    const api = new ApiProcess(await freePort(), { API_KEYS: `hr:${HR_KEY}`, DATA_DIR: dataDir });
    try {
      await api.start();
      const finish = await halfSentHire(api.port, 'in-flight-1');
      await new Promise((r) => setTimeout(r, 100));
      const exited = api.terminate();
      await new Promise((r) => setTimeout(r, 300));
      expect(await finish()).toBe(201);
      expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });

      await api.start();
      const stored = await fetch(`${api.url}/v1/employees/in-flight-1`, { headers: { authorization: `Bearer ${HR_KEY}` } });
      expect(stored.status).toBe(200);
    } finally {
      await api.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
