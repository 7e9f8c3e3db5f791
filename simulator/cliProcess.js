// @ts-check
'use strict';
/**
 * Runs simulator/cli.js in a child process, for the tests and the real-n8n suites (JavaScript: the
 * TypeScript tests may not touch processes or timers). Resolves once the simulator printed its URL.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/**
 * @param {string[]} args flags after `cli.js`
 * @param {Record<string, string>} [env] extra environment variables
 * @returns {Promise<{ url: string; pid: number | undefined; output: () => string; stop: () => Promise<void> }>}
 */
function startCli(args, env = {}) {
	const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'simulator/cli.js', ...args], {
		cwd: ROOT,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	const exited = new Promise((resolve) => child.once('exit', resolve));
	return new Promise((resolve, reject) => {
		const deadline = setTimeout(() => {
			child.kill();
			reject(new Error(`the simulator did not start within 30 s:\n${output}`));
		}, 30_000);
		const onData = (/** @type {Buffer} */ chunk) => {
			output += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(output);
			if (!match) return;
			clearTimeout(deadline);
			resolve({
				url: match[1],
				pid: child.pid,
				output: () => output,
				stop: async () => {
					child.kill('SIGTERM');
					await exited;
				},
			});
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', (/** @type {Buffer} */ chunk) => {
			output += chunk.toString();
		});
		child.once('exit', (code) => {
			clearTimeout(deadline);
			reject(new Error(`the simulator exited with ${code}:\n${output}`));
		});
	});
}

module.exports = { startCli };
