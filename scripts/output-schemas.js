#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * The ECTicket node's output schemas (n8n's `__schema__` convention: nodes/EcPayEcTicket/
 * __schema__/v<version>/<resource>/<operation>.json), inferred from one real run of every
 * operation against the simulator (test/harness/outputSamples.ts). `node scripts/output-schemas.js
 * --write` rewrites them; test/node/outputSchemas.test.ts fails when they differ from the node.
 */
const fs = require('node:fs');
const path = require('node:path');
require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
// The node's codex file EcPayEcTicket.node.json must not shadow EcPayEcTicket.node.ts.
for (const ext of ['.js', '.json', '.node']) {
	const handler = require.extensions[ext];
	delete require.extensions[ext];
	require.extensions[ext] = handler;
}

const DIR = path.join(__dirname, '..', 'nodes', 'EcPayEcTicket', '__schema__');

/** The schema folder of a node version, as n8n pads it (1 → v1.0.0). @param {number} version */
const versionDir = (version) => `v${String(version).split('.').concat(['0', '0']).slice(0, 3).join('.')}`;

/** Every `resource/operation` → its schema file's path and text. @param {Record<string, unknown>} schemas @param {number} version */
function files(schemas, version) {
	return Object.entries(schemas).map(([key, schema]) => ({ file: path.join(DIR, versionDir(version), `${key}.json`), text: `${JSON.stringify(schema, null, '\t')}\n` }));
}

async function main() {
	const { startSimulator } = require('../simulator/server');
	const { outputSamples, schemasOf } = require('../test/harness/outputSamples');
	const { EcPayEcTicket } = require('../nodes/EcPayEcTicket/EcPayEcTicket.node');
	const sim = await startSimulator({ port: 0, issueDelayMs: 0, notifyIntervalMs: 0 });
	try {
		const schemas = schemasOf(await outputSamples(sim.url));
		fs.rmSync(DIR, { recursive: true, force: true });
		for (const { file, text } of files(schemas, new EcPayEcTicket().description.version)) {
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, text);
		}
		console.log(`wrote ${Object.keys(schemas).length} schemas under ${path.relative(process.cwd(), DIR)}`);
	} finally {
		await sim.close();
	}
}

if (require.main === module) {
	if (!process.argv.includes('--write')) {
		console.error('usage: node scripts/output-schemas.js --write');
		process.exit(2);
	}
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

module.exports = { DIR, files, versionDir };
