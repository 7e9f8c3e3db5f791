// Fails unless `npm pack` ships exactly what n8n loads: the compiled package, its icons and
// codex files, its output schemas (every operation's), and the package metadata — no sources,
// tests, simulator or tooling.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const [{ files }] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8' }));
const allowed = [/^package\.json$/, /^README\.md$/, /^LICENSE(\.md)?$/, /^index\.js$/, /^dist\/(nodes|credentials|protocol)\/.+\.(js|json|svg|png)$/, /^dist\/package\.json$/];
const unexpected = files.map((f) => f.path).filter((file) => !allowed.some((re) => re.test(file)));
const required = ['dist/nodes/EcPayEcTicket/EcPayEcTicket.node.js', 'dist/credentials/EcPayEcTicketApi.credentials.js', 'dist/nodes/EcPayEcTicket/ecpay.svg', 'dist/nodes/EcPayEcTicket/EcPayEcTicket.node.json'];
// Every output schema of the source tree, at the same place under dist/ (where n8n looks).
const schemas = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? schemas(path.join(dir, e.name)) : [path.join(dir, e.name)]));
required.push(...schemas('nodes/EcPayEcTicket/__schema__').map((file) => `dist/${file.split(path.sep).join('/')}`));
const missing = required.filter((file) => !files.some((f) => f.path === file));
console.log(`npm pack: ${files.length} files, ${unexpected.length} unexpected, ${missing.length} missing`);
for (const file of unexpected) console.log(`  unexpected: ${file}`);
for (const file of missing) console.log(`  missing: ${file}`);
process.exit(unexpected.length || missing.length ? 1 : 0);
