import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let script: string | undefined;

/**
 * The SVG chart functions (`barChart`, `lineChart`) as an ES module's source: served to the dashboard
 * as `/dashboard/charts.js` and inlined into the CLI's offline replay report. Read once; the file
 * ships beside this module (nest-cli.json copies it into each app's build).
 */
export function chartsModuleSource(): string {
  script ??= readFileSync(join(__dirname, 'charts.js'), 'utf8');
  return script;
}
