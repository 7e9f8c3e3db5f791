#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Starts the ECTicket simulator:
 *   npm run simulator -- [--port 7071] [--host 127.0.0.1] [--merchants file.json] [--dialect standard]
 *                        [--issue-delay 3] [--issue-order fifo] [--issue-wave 1] [--seed 1] [--lenient]
 *                        [--notify-interval 5] [--notify-retry-delay 2] [--notify-timeout 10]
 *                        [--escrow-days 30] [--extra-products 0] [--page-size 200] [--faults plan.json]
 *                        [--latency 0] [--request-log-limit 5000]
 * Each flag has an environment variable (ECTICKET_SIM_ + the flag in upper case with _ for -, e.g.
 * ECTICKET_SIM_NOTIFY_INTERVAL); ECTICKET_SIM_LENIENT takes 1/true. Flags win.
 */
const fs = require('node:fs');
const { startSimulator } = require('./server');
const { readFaultPlan } = require('./faults');
const { DIALECTS, isDialect } = require('./dialect');
const { ISSUE_ORDERS, isIssueOrder } = require('./issuanceJob');

const USAGE = `Usage: npm run simulator -- [options]

  --port <n>             port to listen on (default 7071; 0 picks a free one)   env ECTICKET_SIM_PORT
  --host <addr>          address to listen on (default 127.0.0.1)              env ECTICKET_SIM_HOST
  --merchants <file>     JSON array of {merchantId, hashKey, hashIV, platformId?}
                         replacing the default test merchant 3085676            env ECTICKET_SIM_MERCHANTS
  --dialect <name>       standard (default) or alt: answer every inferred fact the
                         other plausible way (EVIDENCE.md; simulator/README.md)  env ECTICKET_SIM_DIALECT
  --issue-delay <s>      seconds until scheduled issuance completes (default 3) env ECTICKET_SIM_ISSUE_DELAY
  --issue-order <mode>   fifo (default): each order issue-delay after acceptance;
                         random: uniform within issue-delay (seeded by --seed);
                         waves: the job runs every --issue-wave s           env ECTICKET_SIM_ISSUE_ORDER
  --issue-wave <s>       waves: seconds between job runs (default issue-delay/3,
                         at most issue-delay)                                 env ECTICKET_SIM_ISSUE_WAVE
  --seed <n>             seed of the random issue order (default 1)           env ECTICKET_SIM_SEED
  --lenient              also accept CheckMacValues made with encodeURIComponent
                         or PHP urlencode                                       env ECTICKET_SIM_LENIENT=1
  --notify-interval <s>  deliver queued notifications every s seconds
                         (default 5; 0 = only on POST /_simulator/notifications/deliver)
                                                                                env ECTICKET_SIM_NOTIFY_INTERVAL
  --notify-retry-delay <s>  seconds before an unacknowledged notification is
                         sent again (default 2; 5 attempts in all)              env ECTICKET_SIM_NOTIFY_RETRY_DELAY
  --notify-timeout <s>   seconds a notify URL has to answer (default 10)       env ECTICKET_SIM_NOTIFY_TIMEOUT
  --escrow-days <n>      EscrowDay of every merchant (default 30)              env ECTICKET_SIM_ESCROW_DAYS
  --extra-products <n>   add n listed products EXT00001… to the catalogue
                         (default 0; to page BatchQueryItemInfo)                env ECTICKET_SIM_EXTRA_PRODUCTS
  --page-size <n>        entries a page of TicketList / ItemList (default 200)  env ECTICKET_SIM_PAGE_SIZE
  --faults <file>        fault plan {seed?, rules:[{endpoint?, fault, probability?,
                         nth?, latencyMs?, times?}]} (see simulator/README.md)  env ECTICKET_SIM_FAULTS
  --latency <ms>         added before every API answer (default 0)            env ECTICKET_SIM_LATENCY
  --request-log-limit <n>  calls GET /_simulator/requests keeps (default 5000;
                         GET /_simulator/stats counts every call)              env ECTICKET_SIM_REQUEST_LOG_LIMIT
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
		dialect: env.ECTICKET_SIM_DIALECT,
		'issue-delay': env.ECTICKET_SIM_ISSUE_DELAY,
		'issue-order': env.ECTICKET_SIM_ISSUE_ORDER,
		'issue-wave': env.ECTICKET_SIM_ISSUE_WAVE,
		seed: env.ECTICKET_SIM_SEED,
		lenient: env.ECTICKET_SIM_LENIENT,
		'notify-interval': env.ECTICKET_SIM_NOTIFY_INTERVAL,
		'notify-retry-delay': env.ECTICKET_SIM_NOTIFY_RETRY_DELAY,
		'notify-timeout': env.ECTICKET_SIM_NOTIFY_TIMEOUT,
		'escrow-days': env.ECTICKET_SIM_ESCROW_DAYS,
		'extra-products': env.ECTICKET_SIM_EXTRA_PRODUCTS,
		'page-size': env.ECTICKET_SIM_PAGE_SIZE,
		faults: env.ECTICKET_SIM_FAULTS,
		latency: env.ECTICKET_SIM_LATENCY,
		'request-log-limit': env.ECTICKET_SIM_REQUEST_LOG_LIMIT,
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
	const issueDelay = milliseconds('issue-delay', values['issue-delay']);
	if (issueDelay !== undefined) options.issueDelayMs = issueDelay;
	if (values.dialect) {
		if (!isDialect(values.dialect)) fail(`--dialect must be one of ${DIALECTS.join(', ')}`);
		options.dialect = values.dialect;
	}
	if (values['issue-order']) {
		if (!isIssueOrder(values['issue-order'])) fail(`--issue-order must be one of ${ISSUE_ORDERS.join(', ')}`);
		options.issueOrder = values['issue-order'];
	}
	const wave = milliseconds('issue-wave', values['issue-wave']);
	if (wave !== undefined) {
		if (wave <= 0) fail('--issue-wave must be more than 0 seconds');
		options.issueWaveMs = wave;
	}
	const seed = count('seed', values.seed, 0, 2 ** 32 - 1);
	if (seed !== undefined) options.seed = seed;
	const latency = count('latency', values.latency, 0, 600000);
	if (latency !== undefined) options.latencyMs = latency;
	const logLimit = count('request-log-limit', values['request-log-limit'], 0, 10000000);
	if (logLimit !== undefined) options.requestLogLimit = logLimit;
	const interval = milliseconds('notify-interval', values['notify-interval']);
	if (interval !== undefined) options.notifyIntervalMs = interval;
	const retryDelay = milliseconds('notify-retry-delay', values['notify-retry-delay']);
	if (retryDelay !== undefined) options.notifyRetryDelayMs = retryDelay;
	const timeout = milliseconds('notify-timeout', values['notify-timeout']);
	if (timeout !== undefined) options.notifyTimeoutMs = Math.max(1, timeout);
	const escrowDays = count('escrow-days', values['escrow-days'], 0, 3650);
	if (escrowDays !== undefined) options.escrowDays = escrowDays;
	const extra = count('extra-products', values['extra-products'], 0, 99999);
	if (extra !== undefined) options.extraProducts = extra;
	const pageSize = count('page-size', values['page-size'], 1, 100000);
	if (pageSize !== undefined) options.pageSize = pageSize;
	if (values.merchants) options.merchants = readMerchants(values.merchants);
	if (values.faults) options.faults = readFaults(values.faults);
	return options;
}

/** A number of seconds given on the command line, in ms. @param {string} name @param {string | undefined} value */
function milliseconds(name, value) {
	if (value === undefined || value === '') return undefined;
	const seconds = Number(value);
	if (!Number.isFinite(seconds) || seconds < 0) fail(`--${name} must be a number of seconds`);
	return Math.round(seconds * 1000);
}

/** @param {string} name @param {string | undefined} value @param {number} min @param {number} max */
function count(name, value, min, max) {
	if (value === undefined || value === '') return undefined;
	const n = Number(value);
	if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be a whole number from ${min} to ${max}`);
	return n;
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
			(m.platformId === undefined || m.platformId === null || typeof m.platformId === 'string') &&
			(m.escrowDays === undefined || (Number.isInteger(m.escrowDays) && m.escrowDays >= 0));
		if (!ok) {
			fail(`${file}[${i}] must be {merchantId, hashKey, hashIV, platformId?, escrowDays?} with 16-character keys`);
		}
		return {
			merchantId: m.merchantId,
			hashKey: m.hashKey,
			hashIV: m.hashIV,
			platformId: m.platformId || undefined,
			escrowDays: m.escrowDays,
		};
	});
}

/** @param {string} file @returns {import('./faults').FaultPlan} */
function readFaults(file) {
	let parsed;
	try {
		parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (error) {
		fail(`cannot read the fault plan ${file}: ${error instanceof Error ? error.message : error}`);
	}
	const read = readFaultPlan(parsed);
	if (!read.ok) fail(`${file}: ${read.error}`);
	return read.plan;
}

async function main() {
	const options = parseOptions(process.argv.slice(2), process.env);
	const running = await startSimulator(options);
	const { config } = running.simulator;
	const ids = config.merchants.map((m) => m.merchantId);
	const delivery = config.notifyIntervalMs > 0 ? `every ${config.notifyIntervalMs / 1000} s` : 'on demand only';
	const rules = running.simulator.faults.plan.rules.length;
	const job = config.issueOrder === 'waves' ? `waves every ${running.simulator.issuanceJob.waveMs / 1000} s` : config.issueOrder;
	process.stdout.write(
		`ECTicket simulator listening on ${running.url} (merchant${ids.length > 1 ? 's' : ''} ${ids.join(', ')}; ` +
			`dialect ${config.dialect}; issuance job ${config.issueDelayMs / 1000} s, ${job}` +
			(config.latencyMs > 0 ? `; latency ${config.latencyMs} ms` : '') +
			`; notifications ${delivery}, retries ${config.notifyRetryDelayMs / 1000} s apart)\n` +
			(rules > 0 ? `Fault plan: ${rules} rule${rules > 1 ? 's' : ''} (GET ${running.url}/_simulator/faults)\n` : ''),
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
