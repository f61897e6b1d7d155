import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SRC = join(__dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));
}

function matches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1]);
}

const sources = files(SRC).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
// Replay enforces the domain's replay rules (scale, window) over whole histories; its specs count too.
const specs = [SRC, join(__dirname, '..', '..', 'replay', 'src')].flatMap(files).filter((f) => f.endsWith('.spec.ts'));

/** Every rule code a decider can refuse with: ruleViolation / notFound / alreadyExists / new DomainError / a DomainError subclass. */
const rules = new Set(
  sources.flatMap((f) => {
    const text = readFileSync(f, 'utf8');
    return [
      ...matches(text, /\b(?:ruleViolation|notFound|alreadyExists)\(\s*'([a-z0-9-]+)'/g),
      ...matches(text, /new DomainError\(\s*'([a-z0-9-]+)'/g),
      ...matches(text, /extends DomainError[\s\S]*?super\(\s*'([a-z0-9-]+)'/g),
    ];
  }),
);

const asserted = new Set(specs.flatMap((f) => matches(readFileSync(f, 'utf8'), /\.thenThrows\(\s*'([a-z0-9-]+)'/g)));

describe('rule coverage', () => {
  it('finds the rules of every decider (the scan itself works)', () => {
    for (const known of [
      'employee-not-found',
      'transfer-blocked-during-pivot',
      'duplicate-goal-id',
      'review-cycle-finalized',
      'rating-not-on-scale',
      'invalid-policy',
    ]) {
      expect([...rules]).toContain(known);
    }
  });

  it('has a spec refusing a command with each rule code', () => {
    const untested = [...rules].filter((rule) => !asserted.has(rule)).sort();
    expect(untested).toEqual([]);
  });

  it('asserts no rule code that no decider throws (a typo would pass silently otherwise)', () => {
    const unknown = [...asserted].filter((rule) => !rules.has(rule)).sort();
    expect(unknown).toEqual([]);
  });
});
