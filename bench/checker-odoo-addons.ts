// Checks every community addon of an Odoo source tree with that tree as the addons path and
// prints the addon count, findings by severity and the wall time.
// Usage: ODOO_SRC=<tree> node --import tsx bench/checker-odoo-addons.ts [--show N]   (or ODOO_SRC_18)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAddons } from '../runner/addon-reader/check-addons.js';

const src = process.env.ODOO_SRC ?? process.env.ODOO_SRC_18 ?? '';
const addonsPath = [join(src, 'odoo', 'addons'), join(src, 'addons')].filter((dir) => existsSync(dir));
if (addonsPath.length === 0) {
  console.error(`no Odoo source tree at ${src} (set ODOO_SRC)`);
  process.exit(2);
}
const showIndex = process.argv.indexOf('--show');
const show = showIndex >= 0 ? Number(process.argv[showIndex + 1] ?? 50) : 0;

const cacheDir = mkdtempSync(join(tmpdir(), 'forge-bench-cache-'));
const stats = { pythonCpuSeconds: 0 };
const cpuBefore = process.cpuUsage();
const started = performance.now();
// Cold: every Python file is parsed (the cache starts empty and is filled).
const result = await checkAddons(addonsPath, { addonsPath, stats, cacheDir });
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const nodeCpu = (cpu.user + cpu.system) / 1e6;
// Warm: the same check again, Python facts read from the cache (unchanged files).
const warmStarted = performance.now();
const warm = await checkAddons(addonsPath, { addonsPath, cacheDir });
const warmSeconds = (performance.now() - warmStarted) / 1000;
rmSync(cacheDir, { recursive: true, force: true });

console.log(`odoo tree: ${src}`);
console.log(`addons checked: ${result.addons.length}`);
console.log(
  `findings: ${result.counts.error} error, ${result.counts.warning} warning, ${result.counts.info} info`,
);
const byRule = new Map<string, number>();
for (const finding of result.findings)
  byRule.set(
    `${finding.severity} ${finding.rule}`,
    (byRule.get(`${finding.severity} ${finding.rule}`) ?? 0) + 1,
  );
for (const [rule, count] of [...byRule].sort()) console.log(`  ${rule}: ${count}`);
console.log(`wall time: ${seconds.toFixed(2)} s (target < 30 s)`);
console.log(
  `cpu time: ${(nodeCpu + stats.pythonCpuSeconds).toFixed(2)} s (node ${nodeCpu.toFixed(2)} s, python ${stats.pythonCpuSeconds.toFixed(2)} s in 2 processes)`,
);
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores`,
);
console.log(
  `warm run (python facts cached): ${warmSeconds.toFixed(2)} s, ${warm.counts.error} errors, same findings: ${warm.findings.length === result.findings.length}`,
);
for (const finding of result.findings.filter((f) => f.severity === 'error').slice(0, show)) {
  console.log(`${finding.file}:${finding.line} ${finding.rule} ${finding.message}`);
}
