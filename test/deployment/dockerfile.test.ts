/**
 * The worker image (Dockerfile, .dockerignore): a glibc Node 20 base, a non-root user, the
 * compiled worker as its command. Dockerfile syntax and BuildKit's lint rules are checked by
 * scripts/validate-compose.sh.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, readText } from './deployment-files';

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions with continuation lines joined; comments dropped. */
function instructions(text: string): Instruction[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

const dockerfile = instructions(readText('Dockerfile'));
const stages = dockerfile.filter((i) => i.keyword === 'FROM');
const lastStageAt = dockerfile.lastIndexOf(stages[stages.length - 1]);
const finalStage = dockerfile.slice(lastStageAt);
const only = (list: Instruction[], keyword: string) => list.filter((i) => i.keyword === keyword);

describe('Dockerfile', () => {
  it('builds every stage on a Debian (glibc) Node 20 image, never Alpine', () => {
    const nodeImage = only(dockerfile, 'ARG').find((i) => i.args.startsWith('NODE_IMAGE='))?.args.split('=')[1];
    expect(nodeImage).toMatch(/^node:20[\w.-]*-bookworm(-slim)?$/);
    expect(stages.map((s) => s.args.split(' ')[0])).toEqual(['${NODE_IMAGE}', '${NODE_IMAGE}', '${NODE_IMAGE}']);
    expect(readText('Dockerfile').toLowerCase()).not.toMatch(/^from\s+\S*alpine/m);
  });

  it('compiles and bundles in a build stage and installs only production dependencies for the runtime', () => {
    const runs = only(dockerfile, 'RUN').map((i) => i.args);
    expect(runs.some((r) => r.includes('npm ci ') && !r.includes('--omit=dev'))).toBe(true);
    expect(runs.some((r) => r.includes('npm run build') && r.includes('node docker/build-workflow-bundle.mjs lib'))).toBe(true);
    expect(runs.some((r) => r.includes('npm ci --omit=dev'))).toBe(true);
    expect(only(finalStage, 'COPY').map((i) => i.args)).toEqual(
      expect.arrayContaining(['--from=deps /app/node_modules ./node_modules', '--from=build /app/lib ./lib', 'bin ./bin']),
    );
  });

  it('runs the worker as the unprivileged node user in production mode', () => {
    const users = only(finalStage, 'USER').map((i) => i.args);
    expect(users[users.length - 1]).toBe('node');
    expect(only(finalStage, 'ENV').map((i) => i.args)).toContain('NODE_ENV=production');
  });

  it('starts the compiled worker with node lib/worker.js and stops it with SIGTERM', () => {
    expect(only(finalStage, 'CMD').map((i) => i.args)).toEqual(['["node", "lib/worker.js"]']);
    expect(only(finalStage, 'STOPSIGNAL').map((i) => i.args)).toEqual(['SIGTERM']);
    expect(fs.existsSync(path.join(ROOT, 'src/worker.ts'))).toBe(true);
  });

  it('checks health on the metrics endpoint the worker serves', () => {
    const [healthcheck] = only(finalStage, 'HEALTHCHECK').map((i) => i.args);
    expect(healthcheck).toContain('process.env.METRICS_PORT');
    expect(healthcheck).toContain("'/metrics'");
  });
});

describe('.dockerignore', () => {
  const lines = readText('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('is an allow-list, so .env, secrets and local state never reach the build context', () => {
    expect(lines[0]).toBe('*');
    const allowed = lines.slice(1).map((l) => l.replace(/^!/, '').replace(/\/$/, ''));
    expect(allowed.sort()).toEqual(['bin', 'docker/build-workflow-bundle.mjs', 'package-lock.json', 'package.json', 'src', 'tsconfig.build.json', 'tsconfig.json']);
  });

  it('lets in every file the Dockerfile copies from the context', () => {
    const allowed = lines.slice(1).map((l) => l.replace(/^!/, '').replace(/\/$/, ''));
    const copied = only(dockerfile, 'COPY')
      .filter((i) => !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1))
      .map((p) => p.replace(/^\.\//, '').replace(/\/$/, ''));
    for (const source of copied) expect(allowed).toContain(source);
  });
});
