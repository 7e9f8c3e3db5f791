// @ts-check
'use strict';
/** The local ECTicket simulator as its own process (simulator/cli.js), for the real-n8n suites. */
const { spawn } = require('node:child_process');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');

const ROOT = path.join(__dirname, '..', '..');

/**
 * Starts the simulator on 127.0.0.1:`port` with the given command-line options and waits until it
 * answers its health check.
 * @param {number} port @param {string[]} args @returns {Promise<import('node:child_process').ChildProcess>}
 */
async function startSimulator(port, args) {
	const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'simulator/cli.js', '--port', String(port), ...args], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	for (let i = 0; i < 150; i++) {
		if (child.exitCode !== null) throw new Error(`the simulator exited (${child.exitCode}); is port ${port} free?`);
		try {
			if ((await fetch(`http://127.0.0.1:${port}/_simulator/health`)).ok) return child;
		} catch {
			// not up yet
		}
		await sleep(200);
	}
	child.kill();
	throw new Error('the simulator did not start');
}

module.exports = { startSimulator };
