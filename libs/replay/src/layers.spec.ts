import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = __dirname;
const sources = readdirSync(SOURCE).filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'));
const importsOf = (name: string): { spec: string; typeOnly: boolean }[] =>
  [...readFileSync(join(SOURCE, name), 'utf8').matchAll(/^import (type )?[^;]*? from '([^']+)';/gms)].map((m) => ({
    spec: m[2],
    typeOnly: m[1] !== undefined,
  }));

describe('libs/replay layer rules', () => {
  it('imports no Nest, no platform, no app, no store driver, and nothing doing I/O', () => {
    const forbidden =
      /^(@nestjs\/|@pm\/platform|@pm\/projections$|@pm\/projections\/(store|runner)|pg$|better-sqlite3|@eventstore\/|node:|fs$|(\.\.\/)+apps\/)/;
    const offences = sources.flatMap((name) =>
      importsOf(name)
        .filter(({ spec }) => forbidden.test(spec))
        .map(({ spec }) => `${name} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  it('takes only types from the event store (its index loads the drivers)', () => {
    const offences = sources.flatMap((name) =>
      importsOf(name)
        .filter(({ spec, typeOnly }) => spec.startsWith('@pm/event-store') && !typeOnly)
        .map(() => name),
    );
    expect(offences).toEqual([]);
  });

  it('finds the files it checks', () => {
    expect(sources).toContain('replay.ts');
    expect(importsOf('replay-history.ts').map((i) => i.spec)).toContain('@pm/projections/workforce');
  });
});
