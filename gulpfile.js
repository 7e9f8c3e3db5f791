// The build: clean dist/, compile with tsc (package.json "build"), copy the icons next to the
// compiled node and credential files that reference them, and the nodes' output schemas
// (__schema__, n8n's convention) next to the compiled nodes, where n8n looks for them.
const { rmSync } = require('node:fs');
const { src, dest } = require('gulp');

function clean(done) {
	rmSync('dist', { recursive: true, force: true });
	done();
}

function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

function buildSchemas() {
	return src(['nodes/**/__schema__/**/*.json'], { base: '.' }).pipe(dest('dist'));
}

exports.clean = clean;
exports['build:schemas'] = buildSchemas;
exports['build:icons'] = buildIcons;
