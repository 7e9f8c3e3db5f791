// @ts-check
'use strict';
/** The real-n8n suites' checks: each printed "ok   - …" or "FAIL - …" with why, and counted. */

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
	/** @param {unknown} condition @param {string} message */
	function assert(condition, message) {
		if (!condition) throw new Error(message);
	}
	return { results, check, assert };
}

module.exports = { checklist };
