// @ts-check
'use strict';
/**
 * ECTICKET_REPORT=<file>: a suite's figures written for a closing note; nothing is written
 * otherwise. Plain JavaScript for the same reason as sourceTree.js (n8n's Cloud lint rules apply to
 * every TypeScript file).
 */
const fs = require('node:fs');

/** @param {() => object} figures computed only when a report was asked for */
function writeReport(figures) {
	const file = process.env.ECTICKET_REPORT;
	if (file) fs.writeFileSync(file, JSON.stringify(figures(), null, 2));
}

module.exports = { writeReport };
