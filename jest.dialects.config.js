/**
 * The node, credential, reliability and trigger suites against both simulator dialects
 * (simulator/README.md "Dialects"), in one run: `npx jest -c jest.dialects.config.js`.
 * Each project sets ECTICKET_SIM_DIALECT for its test files (test/setup/simDialect.js), which
 * test/harness/simDialect.js hands to the suites' simulators.
 * @type {import('jest').Config}
 */
const base = require('./jest.config');

const SUITES = ['node', 'credentials', 'reliability', 'trigger'];

/** @param {'standard' | 'alt'} dialect @returns {import('jest').Config} */
const project = (dialect) => ({
	...base,
	displayName: `dialect ${dialect}`,
	testMatch: SUITES.map((suite) => `<rootDir>/test/${suite}/**/*.test.ts`),
	globals: { ECTICKET_SIM_DIALECT: dialect },
	setupFiles: ['<rootDir>/test/setup/simDialect.js'],
});

module.exports = { testTimeout: base.testTimeout, projects: [project('standard'), project('alt')] };
