// @ts-check
'use strict';
/**
 * A real n8n with this package installed the way users get it (npm pack → the community-nodes
 * folder of a fresh user folder), driven headless: CLI imports and executions, `n8n start`,
 * the owner account and the REST API. Used by the end-to-end suite and by the demo.
 */
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { runFromExecuteOutput } = require('./executeOutput');

const ROOT = path.resolve(__dirname, '../..');
const OWNER = { email: 'owner@ecticket.test', firstName: 'ECTicket', lastName: 'Demo', password: 'EcTicket2026!' };

/** The pinned n8n binary, installed on first use by scripts/n8n-host.sh. */
function n8nBinary() {
	return execFileSync('bash', [path.join(ROOT, 'scripts/n8n-host.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/** Builds the package and packs it as users get it; returns the tarball path. */
function packPackage(outDir) {
	execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], { cwd: ROOT, encoding: 'utf8' }));
	return path.join(outDir, filename);
}

class N8n {
	/**
	 * @param {{ port: number, userFolder?: string, bin?: string, log?: string }} options
	 */
	constructor(options) {
		this.port = options.port;
		this.bin = options.bin ?? n8nBinary();
		this.userFolder = options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ecticket-n8n-'));
		this.baseUrl = `http://127.0.0.1:${this.port}`;
		this.logFile = options.log ?? path.join(this.userFolder, 'n8n.log');
		/** @type {import('node:child_process').ChildProcess | undefined} */
		this.server = undefined;
		this.cookie = '';
		/** Everything the CLI printed, for the suite's key-leak check. */
		this.transcript = [];
	}

	env(extra = {}) {
		return {
			...process.env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'ecticket-e2e-encryption-key-0001',
			N8N_PORT: String(this.port),
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			WEBHOOK_URL: `${this.baseUrl}/`,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.port + 1),
			N8N_PUBLIC_API_DISABLED: 'true',
			...extra,
		};
	}

	/** Installs the package tarball into <user folder>/.n8n/nodes, as n8n's installer does. */
	installPackage(tarball) {
		const nodes = path.join(this.userFolder, '.n8n', 'nodes');
		fs.mkdirSync(nodes, { recursive: true });
		fs.writeFileSync(path.join(nodes, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
		execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', tarball], { cwd: nodes, stdio: ['ignore', 'ignore', 'inherit'] });
	}

	/** Runs an n8n CLI command (with its own task-broker port, so it can run beside `start`). */
	cli(args) {
		return new Promise((resolve) => {
			const child = spawn(this.bin, args, { env: this.env({ N8N_RUNNERS_BROKER_PORT: String(this.port + 2) }) });
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d) => (stdout += d));
			child.stderr.on('data', (d) => (stderr += d));
			child.on('close', (code) => {
				this.transcript.push(stdout, stderr);
				resolve({ code: code ?? 1, stdout, stderr });
			});
		});
	}

	async mustCli(args) {
		const result = await this.cli(args);
		if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
		return result;
	}

	/** Writes `data` to a file in the user folder and imports it. */
	async importJson(kind, data) {
		const file = path.join(this.userFolder, `import-${kind}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
		fs.writeFileSync(file, JSON.stringify(data));
		return this.mustCli([`import:${kind}`, `--input=${file}`]);
	}

	/** `n8n execute --id`: the exit code and the run data (e2e/lib/executeOutput.js finds it among n8n's log lines). */
	async execute(workflowId) {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		return { ...result, run: runFromExecuteOutput(result.stdout) };
	}

	async start() {
		const log = fs.openSync(this.logFile, 'a');
		this.server = spawn(this.bin, ['start'], { env: this.env(), stdio: ['ignore', log, log] });
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline) {
			if (this.server.exitCode !== null) throw new Error(`n8n start exited (${this.server.exitCode}); see ${this.logFile}`);
			try {
				const r = await fetch(`${this.baseUrl}/healthz/readiness`);
				if (r.ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 500));
		}
		throw new Error(`n8n did not become ready in 120 s; see ${this.logFile}`);
	}

	async stop() {
		const server = this.server;
		if (!server || server.exitCode !== null) return;
		await new Promise((resolve) => {
			const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
			server.once('exit', () => {
				clearTimeout(timer);
				resolve(undefined);
			});
			server.kill('SIGTERM');
		});
	}

	/** Creates the owner account (a fresh instance shows nothing else) and logs in. */
	async setupOwner() {
		await fetch(`${this.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		const login = await fetch(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		if (!login.ok) throw new Error(`login failed: HTTP ${login.status} ${await login.text()}`);
		this.cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
		return OWNER;
	}

	/** A call to n8n's internal REST API as the owner; returns the parsed body's `data`. */
	async rest(method, urlPath, body) {
		const response = await fetch(`${this.baseUrl}/rest${urlPath}`, {
			method,
			headers: { 'content-type': 'application/json', cookie: this.cookie, 'browser-id': 'ecticket-e2e' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let parsed;
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = text;
		}
		if (!response.ok) throw new Error(`${method} /rest${urlPath}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed;
	}

	/** The executions n8n recorded for a workflow, newest first (every page of 100). */
	async executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const all = [];
		for (let cursor = ''; ; ) {
			const data = await this.rest('GET', `/executions?filter=${filter}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
			all.push(...(data.results ?? data));
			if (!data.nextCursor) return all;
			cursor = data.nextCursor;
		}
	}

	/** A stored execution, its run data parsed into `run.data` (n8n keeps it as a `flatted` string). */
	async execution(id) {
		const stored = await this.rest('GET', `/executions/${id}`);
		const { parse } = require(path.join(path.dirname(path.dirname(this.bin)), 'flatted'));
		return { ...stored, run: { data: typeof stored.data === 'string' ? parse(stored.data) : stored.data } };
	}
}

/** The items a node output in a run (`n8n execute --rawOutput` JSON, or a stored execution's `run`). */
function outputOf(run, node, output = 0) {
	return (run?.data?.resultData?.runData?.[node]?.[0]?.data?.main?.[output] ?? []).map((i) => i.json);
}

module.exports = { N8n, OWNER, ROOT, n8nBinary, outputOf, packPackage };
