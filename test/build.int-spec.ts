import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** `npm start` builds the apps first: a type error there (a test file pulled into the build, say) stops the service. */
describe('the app builds that npm start and the CLI run', () => {
  it.each(['apps/api/tsconfig.app.json', 'apps/cli/tsconfig.app.json'])(
    '%s type-checks without test files',
    (project) => {
      const tsc = require.resolve('typescript/bin/tsc');
      const output = (() => {
        try {
          return execFileSync(process.execPath, [tsc, '--noEmit', '-p', project, '--listFilesOnly'], { cwd: ROOT, encoding: 'utf8' });
        } catch (error) {
          return String((error as { stdout?: string }).stdout ?? error);
        }
      })();
      expect(output.split('\n').filter((f) => /(\.spec|\.int-spec|\.e2e-spec)\.ts$|\/test\//.test(f))).toEqual([]);
      expect(() => execFileSync(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: ROOT, encoding: 'utf8' })).not.toThrow();
    },
    120_000,
  );
});
