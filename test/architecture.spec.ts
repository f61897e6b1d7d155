import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');

function sourceFiles(dir: string, { withSpecs = false } = {}): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path, { withSpecs });
    return entry.name.endsWith('.ts') && (withSpecs || !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)) ? [path] : [];
  });
}

function readIfPresent(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

/** Dependencies point inward (docs/architecture.md): each lib's README says what it must never import. */
const RULES: { layer: string; forbidden: RegExp; why: string }[] = [
  {
    layer: 'libs/domain/src',
    forbidden: /^(@nestjs\/|@pm\/(event-store|platform)|node:|fs$|pg$|better-sqlite3|@eventstore\/|\.\.\/\.\.\/\.\.\/)/,
    why: 'the domain is pure: no Nest, no store, no I/O',
  },
  { layer: 'libs/event-store/src', forbidden: /^(@nestjs\/|@pm\/)/, why: 'the store knows nothing of Nest or the business' },
  { layer: 'libs/projections/src', forbidden: /^(@nestjs\/|@pm\/platform|\.\.\/\.\.\/\.\.\/)/, why: 'the read side knows nothing of Nest or the apps' },
  {
    layer: 'libs/simulator/src',
    forbidden: /^(@nestjs\/|@pm\/(platform|projections|replay)|\.\.\/\.\.\/\.\.\/)/,
    why: 'the simulator drives the deciders; it knows no Nest, no read side',
  },
  {
    layer: 'libs/replay/src',
    forbidden: /^(@nestjs\/|@pm\/(platform|event-store\/src\/(sqlite|postgres|eventstoredb))|pg$|better-sqlite3$|\.\.\/\.\.\/\.\.\/)/,
    why: 'replay is pure and in memory: no Nest, no store, never writes',
  },
  {
    layer: 'libs/commands/src',
    forbidden: /^(@nestjs\/|@pm\/(platform|projections|replay)|\.\.\/\.\.\/\.\.\/)/,
    why: 'the write side is plain TypeScript over the domain and the store port: no Nest, no read side',
  },
  { layer: 'libs/charts/src', forbidden: /^(@nestjs\/|@pm\/|\.\.\/\.\.\/)/, why: 'the charts draw what they are given: no Nest, no other lib' },
  { layer: 'libs/platform/src', forbidden: /^(\.\.\/)+apps\//, why: 'platform serves the apps, never the reverse' },
];

describe('layer rules', () => {
  it.each(RULES)('$layer: $why', ({ layer, forbidden }) => {
    const offences = sourceFiles(layer).flatMap((file) =>
      importsOf(file)
        .filter((spec) => forbidden.test(spec))
        .map((spec) => `${relative(ROOT, join(ROOT, file))} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  it('tests never reach into the benchmarks', () => {
    const offences = sourceFiles('test', { withSpecs: true }).flatMap((file) =>
      importsOf(file)
        .filter((spec) => /(^|\/)bench\//.test(spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  it('apps never reach into each other’s files', () => {
    const offences = ['api', 'cli'].flatMap((app) => {
      const other = app === 'api' ? 'cli' : 'api';
      const reference = new RegExp(`(\\.\\./)+(apps/)?${other}/|['"]${other}', 'src'`);
      return sourceFiles(`apps/${app}/src`).filter((file) => reference.test(readFileSync(join(ROOT, file), 'utf8')));
    });
    expect(offences).toEqual([]);
  });

  it('only the domain creates domain errors: business refusals are its rules', () => {
    const creates = /new DomainError\(|\b(ruleViolation|notFound|alreadyExists)\(/;
    const offences = ['apps', 'libs']
      .flatMap((dir) => sourceFiles(dir))
      .filter((file) => !file.startsWith(join('libs', 'domain')) && creates.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(offences).toEqual([]);
  });

  it('every lib says in a README what it is for and what it must not import', () => {
    const libs = readdirSync(join(ROOT, 'libs'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    const missing = libs
      .filter((lib) => !/must not import|never imports?|imports nothing/i.test(readIfPresent(join(ROOT, 'libs', lib.name, 'README.md'))))
      .map((lib) => lib.name);
    expect(libs.length).toBeGreaterThan(5);
    expect(missing).toEqual([]);
  });

  it('finds the files it checks', () => {
    expect(sourceFiles('libs/domain/src').length).toBeGreaterThan(10);
    expect(importsOf('libs/domain/src/employee/employee.decider.ts')).toContain('../core/decider');
  });
});
