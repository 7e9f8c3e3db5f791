'use strict';
/**
 * For jest.dialects.config.js: runs before each test file of a project and sets the simulator
 * dialect that project's `globals.ECTICKET_SIM_DIALECT` names (the environment of this test file
 * only; test/harness/simDialect.js reads it).
 */
const dialect = /** @type {{ ECTICKET_SIM_DIALECT?: string }} */ (globalThis).ECTICKET_SIM_DIALECT;
if (dialect) process.env.ECTICKET_SIM_DIALECT = dialect;
