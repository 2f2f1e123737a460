import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

describe('SalesWings emulator CLI', () => {
  test('serves a generated dataset on the given token, prints where, and stops on SIGINT', async () => {
    const child = spawn(process.execPath, ['scripts/run-ts.js', 'src/emulators/saleswings/cli.ts', '--port', '0', '--prospects', '50', '--seed', '42', '--token', 'cli-token'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('Press Ctrl-C')) resolve(text);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${text}`)));
      });
      const url = /url: +(\S+)/.exec(output)?.[1] ?? '';

      const prospects = await fetch(`${url}/prospects?limit=1000`, { headers: { authorization: 'Bearer cli-token' } });
      const unauthorized = await fetch(`${url}/tags`);

      expect(output).toMatch(/token: +cli-token/);
      expect(output).toMatch(/data: +50 prospects, 12 tags, 4 scores/);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/salesforce\/v2$/);
      expect(((await prospects.json()) as { prospects: unknown[] }).prospects).toHaveLength(50);
      expect(unauthorized.status).toBe(401);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  });
});
