// @ts-check
'use strict';
/**
 * Reads the run data out of what `n8n execute --rawOutput` prints. n8n writes the run as
 * pretty-printed JSON, but its logger shares stdout: start-up warnings come before it, task-runner
 * and shutdown messages may come after it, and a log line may itself be JSON. So every object that
 * starts a line is cut out by matching its braces (strings respected) and the first one shaped
 * like a run (`data.resultData`) wins; anything around it is ignored.
 */

/**
 * The end (exclusive) of the JSON value that opens with `{` at `start`, or -1 if it never closes.
 * @param {string} text @param {number} start
 */
function objectEnd(text, start) {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === '{' || c === '[') depth++;
		else if (c === '}' || c === ']') {
			depth--;
			if (depth === 0) return i + 1;
		}
	}
	return -1;
}

const isObject = (/** @type {any} */ value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The run object in `stdout`, or undefined when none is there.
 * @param {string} stdout
 * @returns {any}
 */
function runFromExecuteOutput(stdout) {
	for (const match of stdout.matchAll(/^[ \t]*\{/gm)) {
		const start = match.index + match[0].length - 1;
		const end = objectEnd(stdout, start);
		if (end < 0) continue;
		let value;
		try {
			value = JSON.parse(stdout.slice(start, end));
		} catch {
			continue;
		}
		if (isObject(value) && isObject(value.data) && isObject(value.data.resultData)) return value;
	}
	return undefined;
}

module.exports = { runFromExecuteOutput };
