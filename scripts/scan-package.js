// n8n's community-package scanner rules, run here on the source and on the packed tarball.
//
// `npx @n8n/scan-community-package <name>` (0.32.0) only scans a package already on npm: it
// requires an npm provenance attestation, downloads the attested GitHub commit and the published
// tarball, then lints both with ESLint. This script does the lint part on what `npm publish`
// would ship today, with the project's own devDependencies (no network):
//   source:  package.json + {nodes,credentials}/**/*.{js,ts,json} of this folder
//   tarball: **/*.js + package.json of `npm pack`'s output, extracted into a temporary folder
// Config, as the scanner builds it: the @n8n/eslint-plugin-community-nodes `recommended` preset,
// `no-console: error`, eslint-plugin-n8n-nodes-base's community rules on package.json, its
// credentials and nodes rules on **/credentials/**/*.ts and **/nodes/**/*.ts with the same rules
// turned off, the TypeScript parser for .ts and .json, and `allowInlineConfig: false` (eslint-disable
// comments do not count). Differences: the plugin versions are the ones installed with
// @n8n/node-cli (the scanner pins community-nodes 0.29.0, which lacks one rule the newer plugin
// has, no-unsafe-connection-type-cast), and the provenance and download steps are left out.
// Prints every finding; exits 1 on any error (the scanner fails on errors, warnings pass).
// Needs a built dist/ (npm run build). SCAN_KEEP=1 keeps the temporary folder.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createRequire } = require('node:module');
const { execFileSync } = require('node:child_process');
const { ESLint } = require('eslint');
const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');
// the TypeScript parser @n8n/node-cli's own lint config uses
const tsParser = createRequire(require.resolve('@n8n/node-cli/eslint'))('typescript-eslint').parser;

const root = path.resolve(__dirname, '..');

async function scanConfig() {
	const { n8nCommunityNodesPlugin } = await import('@n8n/eslint-plugin-community-nodes');
	return [
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
		{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
		{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
	];
}

// Files under dir (relative paths), skipping node_modules and dot-entries as the scanner's glob does.
function walk(dir, rel = '') {
	const out = [];
	for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
		if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
		const child = rel ? `${rel}/${entry.name}` : entry.name;
		if (entry.isDirectory()) out.push(...walk(dir, child));
		else if (entry.isFile()) out.push(child);
	}
	return out;
}

function sourceFiles(dir) {
	return walk(dir).filter(
		(f) => f === 'package.json' || /^(nodes|credentials)\/.+\.(js|ts|json)$/.test(f),
	);
}

function tarballFiles(dir) {
	return walk(dir).filter((f) => f === 'package.json' || f.endsWith('.js'));
}

function packAndExtract(tmp) {
	execFileSync('npm', ['pack', '--silent', '--pack-destination', tmp], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = fs.readdirSync(tmp).find((f) => f.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	const dir = path.join(tmp, 'package');
	fs.mkdirSync(dir);
	execFileSync('tar', ['-xzf', path.join(tmp, tarball), '-C', dir, '--strip-components=1']);
	const { n8n = {} } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	const missing = [...(n8n.nodes ?? []), ...(n8n.credentials ?? [])].filter((f) => !fs.existsSync(path.join(dir, f)));
	if (missing.length) throw new Error(`the tarball lacks ${missing.join(', ')}: run npm run build first`);
	return { tarball, dir };
}

async function lint(label, dir, files, config) {
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: config });
	const results = await eslint.lintFiles(files.map((f) => path.join(dir, f)));
	let errors = 0;
	let warnings = 0;
	for (const result of results) {
		for (const m of result.messages) {
			const severity = m.severity === 2 ? 'error' : 'warning';
			if (m.severity === 2) errors++;
			else warnings++;
			const where = `${path.relative(dir, result.filePath)}:${m.line ?? 0}:${m.column ?? 0}`;
			console.log(`  ${label} ${where}  ${severity}  ${m.message}  (${m.ruleId ?? 'parse'})`);
		}
	}
	console.log(`${label}: ${files.length} files, ${errors} errors, ${warnings} warnings`);
	return errors;
}

async function main() {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecticket-scan-'));
	try {
		const config = await scanConfig();
		const { tarball, dir } = packAndExtract(tmp);
		console.log(`scanner rules on the source and on ${tarball}`);
		const errors =
			(await lint('source', root, sourceFiles(root), config)) +
			(await lint('tarball', dir, tarballFiles(dir), config));
		return errors ? 1 : 0;
	} finally {
		if (process.env.SCAN_KEEP === '1') console.log(`kept ${tmp}`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(`scan-package: ${error.message}`);
		process.exit(1);
	},
);
