'use strict';
/**
 * Runs around every test file: records every log line the code under test writes, and after the
 * file fails it if any recorded output, error or log line contains a merchant's HashKey or
 * HashIV (also reversed: the suites' "wrong key" values are keys too).
 */
const { produced, record } = require('../harness/leaks');
const { defaultConfig } = require('../../simulator/config');

const SECRETS = defaultConfig().merchants.flatMap((m) => [m.hashKey, m.hashIV]).flatMap((k) => [k, [...k].reverse().join('')]);

// n8n's logger prints every node error it sees; the lines are scanned, and shown only on request.
const showLogs = process.env.ECTICKET_TEST_LOGS === '1';
for (const method of /** @type {const} */ (['log', 'info', 'warn', 'error', 'debug'])) {
	const original = console[method].bind(console);
	console[method] = (...args) => {
		record(args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.message}\n${a.stack}` : JSON.stringify(a))).join(' '));
		if (showLogs) original(...args);
	};
}
for (const stream of [process.stdout, process.stderr]) {
	const write = stream.write.bind(stream);
	// @ts-expect-error: the overloads of write are kept by passing everything through
	stream.write = (chunk, ...rest) => {
		record(String(chunk));
		return write(chunk, ...rest);
	};
}

afterAll(() => {
	const leaks = produced.filter((text) => SECRETS.some((secret) => text.includes(secret)));
	produced.length = 0;
	if (leaks.length) {
		const masked = SECRETS.reduce((text, secret) => text.split(secret).join('<SECRET>'), leaks[0]);
		throw new Error(`A HashKey or HashIV appeared in ${leaks.length} output(s), e.g. ${masked.slice(0, 300)}`);
	}
});
