// @ts-check
'use strict';
/** The real-n8n suites' checks: each printed "ok   - …" or "FAIL - …" with why, and counted; their assertions. */

/**
 * @param {{ stack?: boolean, lines?: number }} [options] print the failing error's stack (else its
 * message), at most `lines` lines of it
 */
function checklist({ stack = false, lines = 6 } = {}) {
	/** @type {Array<{ name: string, ok: boolean }>} */
	const results = [];
	/** @param {string} name @param {() => any} fn */
	async function check(name, fn) {
		try {
			await fn();
			results.push({ name, ok: true });
			console.log(`ok   - ${name}`);
		} catch (error) {
			results.push({ name, ok: false });
			const why = error instanceof Error ? ((stack && error.stack) || error.message) : String(error);
			console.log(`FAIL - ${name}\n       ${why.split('\n').slice(0, lines).join('\n       ')}`);
		}
	}
	return { results, check, assert };
}

/** @param {unknown} condition @param {string} message */
function assert(condition, message) {
	if (!condition) throw new Error(message);
}

/** Equal as JSON. @param {unknown} actual @param {unknown} expected @param {string} what */
function equal(actual, expected, what) {
	assert(JSON.stringify(actual) === JSON.stringify(expected), `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

module.exports = { assert, checklist, equal };
