// @ts-check
'use strict';
/**
 * Loads the TypeScript sources (node, credential, protocol, simulator, test harness) through
 * ts-node without type checking. `.ts` is tried before `.json`, as jest does: the node's codex
 * file `EcPayEcTicket.node.json` would otherwise shadow `EcPayEcTicket.node.ts`.
 */
require('ts-node').register({ transpileOnly: true });
const extensions = require.extensions;
for (const ext of ['.js', '.json', '.node']) {
	const handler = extensions[ext];
	delete extensions[ext];
	extensions[ext] = handler;
}
