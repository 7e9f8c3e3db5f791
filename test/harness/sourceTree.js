// @ts-check
'use strict';
/**
 * The repository's files for the suites that check the code base itself (architecture, generated
 * docs). Plain JavaScript: n8n's lint applies the Cloud rules (no node:fs, no __dirname) to every
 * TypeScript file, tests included.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');

/**
 * The .ts and .js files below the given top-level folders, as paths relative to the repository.
 * @param {...string} dirs
 * @returns {string[]}
 */
function sources(...dirs) {
	/** @type {(dir: string) => string[]} */
	const walk = (dir) =>
		fs.readdirSync(path.join(ROOT, dir)).flatMap((name) => {
			const relative = path.posix.join(dir, name);
			if (fs.statSync(path.join(ROOT, relative)).isDirectory()) return walk(relative);
			return /\.(ts|js)$/.test(name) ? [relative] : [];
		});
	return dirs.flatMap(walk);
}

/** A file's text, by its path relative to the repository. @type {(relative: string) => string} */
const read = (relative) => fs.readFileSync(path.join(ROOT, relative), 'utf8');

/** The repository-relative path an import of `spec` in `from` points at. @type {(from: string, spec: string) => string} */
const resolveImport = (from, spec) => path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));

module.exports = { sources, read, resolveImport };
