// @ts-check
'use strict';
/**
 * The simulator dialect the node, credential, reliability and trigger suites run against:
 * ECTICKET_SIM_DIALECT (`standard`, the default, or `alt`: simulator/dialect.ts). Plain
 * JavaScript: n8n's lint forbids the `process` global in every TypeScript file, tests included.
 */
const DIALECTS = ['standard', 'alt'];

/** @type {'standard' | 'alt'} */
const SIM_DIALECT = /** @type {'standard' | 'alt'} */ (process.env.ECTICKET_SIM_DIALECT || 'standard');
if (!DIALECTS.includes(SIM_DIALECT)) {
	throw new Error(`ECTICKET_SIM_DIALECT must be one of ${DIALECTS.join(', ')}, not "${SIM_DIALECT}"`);
}

module.exports = { SIM_DIALECT };
