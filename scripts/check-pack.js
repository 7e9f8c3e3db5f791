// Fails unless `npm pack` ships exactly what n8n loads: the compiled package, its icons and
// codex files, and the package metadata — no sources, tests, simulator or tooling.
const { execFileSync } = require('node:child_process');

const [{ files }] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8' }));
const allowed = [/^package\.json$/, /^README\.md$/, /^LICENSE(\.md)?$/, /^index\.js$/, /^dist\/(nodes|credentials|protocol)\/.+\.(js|json|svg|png)$/, /^dist\/package\.json$/];
const unexpected = files.map((f) => f.path).filter((path) => !allowed.some((re) => re.test(path)));
const required = ['dist/nodes/EcPayEcTicket/EcPayEcTicket.node.js', 'dist/credentials/EcPayEcTicketApi.credentials.js', 'dist/nodes/EcPayEcTicket/ecpay.svg', 'dist/nodes/EcPayEcTicket/EcPayEcTicket.node.json'];
const missing = required.filter((path) => !files.some((f) => f.path === path));
console.log(`npm pack: ${files.length} files, ${unexpected.length} unexpected, ${missing.length} missing`);
for (const path of unexpected) console.log(`  unexpected: ${path}`);
for (const path of missing) console.log(`  missing: ${path}`);
process.exit(unexpected.length || missing.length ? 1 : 0);
