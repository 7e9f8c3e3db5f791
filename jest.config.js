/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	moduleFileExtensions: ['ts', 'js', 'json'],
	testTimeout: 60000,
	setupFilesAfterEnv: ['<rootDir>/test/setup/leakScan.js'],
};
