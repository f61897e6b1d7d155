import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.includes('.spec.') ? [path] : [];
  });
}

function markdownUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : markdownUnder(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** Every event type the domain declares (`DomainEvent<'Type', …>`). */
const eventTypes = sourcesUnder('libs/domain/src').flatMap((file) => [...read(file).matchAll(/DomainEvent<\s*'([A-Za-z]+)'/g)].map((m) => m[1]));

describe('the docs stand with the code', () => {
  it('the API guide catalogues every event the domain declares', () => {
    const guide = read('docs/api-guide.md');
    const catalogued = new Set([...guide.matchAll(/^#### `([A-Za-z]+)`/gm)].map((m) => m[1]));
    expect(eventTypes.length).toBeGreaterThan(20);
    expect(eventTypes.filter((type) => !catalogued.has(type))).toEqual([]);
    expect([...catalogued].filter((type) => !eventTypes.includes(type))).toEqual([]);
  });

  it('README, docs and lib READMEs link only to files inside the repository, and those exist', () => {
    const markdown = ['README.md', ...markdownUnder('docs'), ...markdownUnder('libs')];
    const broken = markdown.flatMap((file) =>
      [...read(file).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
        .map((m) => m[1])
        .filter((target) => !/^https?:/.test(target) && !existsSync(join(ROOT, dirname(file), target)))
        .map((target) => `${file} links to ${target}`),
    );
    expect(markdown.length).toBeGreaterThan(15);
    expect(broken).toEqual([]);
  });
});
