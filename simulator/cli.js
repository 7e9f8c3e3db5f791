#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Starts the ECTicket simulator:
 *   npm run simulator -- [--port 7071] [--host 127.0.0.1] [--merchants file.json] [--issue-delay 3] [--lenient]
 * Each flag has an environment variable: ECTICKET_SIM_PORT, ECTICKET_SIM_HOST,
 * ECTICKET_SIM_MERCHANTS, ECTICKET_SIM_ISSUE_DELAY, ECTICKET_SIM_LENIENT (1/true). Flags win.
 */
const fs = require('node:fs');
const { startSimulator } = require('./server');

const USAGE = `Usage: npm run simulator -- [options]

  --port <n>             port to listen on (default 7071; 0 picks a free one)   env ECTICKET_SIM_PORT
  --host <addr>          address to listen on (default 127.0.0.1)              env ECTICKET_SIM_HOST
  --merchants <file>     JSON array of {merchantId, hashKey, hashIV, platformId?}
                         replacing the default test merchant 3085676            env ECTICKET_SIM_MERCHANTS
  --issue-delay <s>      seconds until scheduled issuance completes (default 3) env ECTICKET_SIM_ISSUE_DELAY
  --lenient              also accept CheckMacValues made with encodeURIComponent
                         or PHP urlencode                                       env ECTICKET_SIM_LENIENT=1
  --help                 show this text`;

/** @param {string} message @returns {never} */
function fail(message) {
	process.stderr.write(`ecticket-simulator: ${message}\n\n${USAGE}\n`);
	process.exit(2);
}

/**
 * @param {string[]} argv
 * @param {NodeJS.ProcessEnv} env
 */
function parseOptions(argv, env) {
	/** @type {Record<string, string | undefined>} */
	const values = {
		port: env.ECTICKET_SIM_PORT,
		host: env.ECTICKET_SIM_HOST,
		merchants: env.ECTICKET_SIM_MERCHANTS,
		'issue-delay': env.ECTICKET_SIM_ISSUE_DELAY,
		lenient: env.ECTICKET_SIM_LENIENT,
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') {
			process.stdout.write(`${USAGE}\n`);
			process.exit(0);
		}
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
		if (!match || !(match[1] in values)) fail(`unknown argument ${arg}`);
		const [, name, inline] = match;
		if (name === 'lenient') values.lenient = inline ?? 'true';
		else if (inline !== undefined) values[name] = inline;
		else if (i + 1 < argv.length) values[name] = argv[++i];
		else fail(`--${name} needs a value`);
	}

	/** @type {import('./server').StartOptions} */
	const options = {
		port: wholeNumber('port', values.port ?? '7071'),
		host: values.host || '127.0.0.1',
		lenientEncoding: /^(1|true|yes)$/i.test(values.lenient ?? ''),
	};
	if (values['issue-delay'] !== undefined) {
		const seconds = Number(values['issue-delay']);
		if (!Number.isFinite(seconds) || seconds < 0) fail('--issue-delay must be a number of seconds');
		options.issueDelayMs = Math.round(seconds * 1000);
	}
	if (values.merchants) options.merchants = readMerchants(values.merchants);
	return options;
}

/** @param {string} name @param {string} value */
function wholeNumber(name, value) {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`--${name} must be a port number`);
	return n;
}

/** @param {string} file @returns {import('./config').SimulatedMerchant[]} */
function readMerchants(file) {
	let parsed;
	try {
		parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (error) {
		fail(`cannot read merchants from ${file}: ${error instanceof Error ? error.message : error}`);
	}
	if (!Array.isArray(parsed) || parsed.length === 0) fail(`${file} must hold a non-empty JSON array`);
	return parsed.map((m, i) => {
		const ok =
			m &&
			typeof m.merchantId === 'string' &&
			m.merchantId !== '' &&
			[m.hashKey, m.hashIV].every((k) => typeof k === 'string' && /^[\x21-\x7e]{16}$/.test(k)) &&
			(m.platformId === undefined || m.platformId === null || typeof m.platformId === 'string');
		if (!ok) {
			fail(`${file}[${i}] must be {merchantId, hashKey, hashIV, platformId?} with 16-character keys`);
		}
		return { merchantId: m.merchantId, hashKey: m.hashKey, hashIV: m.hashIV, platformId: m.platformId || undefined };
	});
}

async function main() {
	const options = parseOptions(process.argv.slice(2), process.env);
	const running = await startSimulator(options);
	const ids = running.simulator.config.merchants.map((m) => m.merchantId);
	process.stdout.write(
		`ECTicket simulator listening on ${running.url} (merchant${ids.length > 1 ? 's' : ''} ${ids.join(', ')})\n`,
	);
	const stop = () => {
		running.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error) => {
	process.stderr.write(`ecticket-simulator: ${error instanceof Error ? error.message : error}\n`);
	process.exit(1);
});
