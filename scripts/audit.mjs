// `npm run audit`: Electronegativity over electron/, every finding matched against the reviewed
// table in docs/security-audit.md, then `npm audit --omit=dev`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reviewed = new Set(
  readFileSync('docs/security-audit.md', 'utf8')
    .split('\n')
    .map((line) => /^\| ([A-Z_]+) \| (\S+) \|/.exec(line))
    .filter(Boolean)
    .map((m) => `${m[1]} ${m[2]}`),
);

const dir = mkdtempSync(join(tmpdir(), 'shotput-audit-'));
const sarif = join(dir, 'electronegativity.sarif');
const scan = spawnSync(process.execPath, ['node_modules/@doyensec/electronegativity/dist/index.js', '-i', 'electron', '-r', '-o', sarif], { encoding: 'utf8' });
let findings;
try {
  findings = JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results.map((r) => ({
    rule: r.ruleId,
    file: r.locations[0].physicalLocation.artifactLocation.uri,
    line: r.locations[0].physicalLocation.region.startLine,
  }));
} catch {
  console.error(`Electronegativity did not produce a report:\n${scan.stdout}\n${scan.stderr}`);
  process.exit(1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const unexplained = findings.filter((f) => !reviewed.has(`${f.rule} ${f.file}`));
console.log(`Electronegativity: ${findings.length} finding(s), ${findings.length - unexplained.length} reviewed in docs/security-audit.md.`);
for (const f of unexplained) console.log(`  NOT REVIEWED: ${f.rule} at ${f.file}:${f.line}`);

const npmAudit = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let auditFailed = false;
try {
  const report = JSON.parse(npmAudit.stdout);
  if (report.error) throw new Error(report.error.summary ?? 'error');
  const counts = report.metadata?.vulnerabilities ?? {};
  const serious = (counts.high ?? 0) + (counts.critical ?? 0) + (counts.moderate ?? 0);
  console.log(`npm audit --omit=dev: ${JSON.stringify(counts)}`);
  auditFailed = serious > 0;
} catch (err) {
  console.log(`npm audit --omit=dev: the registry did not answer the advisory query (${err.message.split('\n')[0]}); see docs/security-audit.md.`);
}
process.exit(unexplained.length > 0 || auditFailed ? 1 : 0);
