// @ts-check
'use strict';
/**
 * The queue-mode stack as the suite sees it: scripts/queue.sh (up, down, start, stop), its
 * folder (PID files, logs), Postgres through psql, n8n's JSON logs, and CPU time per process
 * from /proc.
 */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const env = process.env;
const PORTS = {
	pg: Number(env.ECTICKET_QUEUE_PG_PORT ?? 55432),
	redis: Number(env.ECTICKET_QUEUE_REDIS_PORT ?? 56379),
	main: Number(env.ECTICKET_QUEUE_MAIN_PORT ?? 5980),
	w1: Number(env.ECTICKET_QUEUE_W1_PORT ?? 5982),
	w2: Number(env.ECTICKET_QUEUE_W2_PORT ?? 5984),
	wh1: Number(env.ECTICKET_QUEUE_WH1_PORT ?? 5990),
	wh2: Number(env.ECTICKET_QUEUE_WH2_PORT ?? 5991),
};

/**
 * Runs scripts/queue.sh; its progress lines (stderr) are passed on. Throws when it fails.
 * @param {string[]} args @param {NodeJS.ProcessEnv} [extraEnv]
 */
function queueSh(args, extraEnv = {}) {
	const result = spawnSync('bash', [path.join(ROOT, 'scripts/queue.sh'), ...args], {
		cwd: ROOT,
		env: { ...process.env, ...extraEnv },
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`scripts/queue.sh ${args.join(' ')} failed (${result.status ?? result.signal})`);
	return result.stdout.trim();
}

class Stack {
	constructor() {
		/** The stack's folder (set after up). */
		this.dir = '';
	}

	/** @param {NodeJS.ProcessEnv} extraEnv */
	up(extraEnv) {
		queueSh(['up'], extraEnv);
		this.dir = queueSh(['dir']);
		if (!this.dir) throw new Error('queue.sh up recorded no folder');
	}

	/** Never throws: used on every exit path. */
	down() {
		try {
			queueSh(['down']);
		} catch (error) {
			console.error(`queue.sh down: ${error instanceof Error ? error.message : error}`);
		}
	}

	/** @param {string} role */
	start(role) {
		queueSh(['start', role]);
	}

	/** @param {string} role */
	stop(role) {
		queueSh(['stop', role]);
	}

	/** @param {string} role main, w1, w2, wh1, wh2, redis */
	pid(role) {
		const file = path.join(this.dir, 'pids', role);
		return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').trim()) : undefined;
	}

	postmasterPid() {
		const file = path.join(this.dir, 'pg/data/postmaster.pid');
		return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').split('\n')[0]) : undefined;
	}

	/** The n8n binary the stack runs. */
	n8nBin() {
		return fs.readFileSync(path.join(this.dir, 'n8n-bin'), 'utf8').trim();
	}

	/** @param {string} role */
	logFile(role) {
		return path.join(this.dir, 'logs', `${role}.log`);
	}

	/**
	 * n8n's JSON log lines of one role (N8N_LOG_FORMAT=json); other lines are skipped.
	 * @param {string} role @returns {Array<{ level: string, message: string, metadata?: any }>}
	 */
	log(role) {
		const file = this.logFile(role);
		if (!fs.existsSync(file)) return [];
		return fs
			.readFileSync(file, 'utf8')
			.split('\n')
			.filter((line) => line.startsWith('{'))
			.flatMap((line) => {
				try {
					return [JSON.parse(line)];
				} catch {
					return [];
				}
			});
	}

	/**
	 * One SQL query through psql, answered as JSON rows.
	 * @param {string} sql a SELECT @returns {any[]}
	 */
	sql(sql) {
		const out = execFileSync('psql', ['-h', '127.0.0.1', '-p', String(PORTS.pg), '-U', 'n8n', '-d', 'n8n', '-Atqc', `SELECT coalesce(json_agg(t), '[]') FROM (${sql}) t`], {
			env: { ...process.env, PGPASSWORD: 'n8n-queue-pw' },
			encoding: 'utf8',
			maxBuffer: 256 * 1024 * 1024,
		});
		return JSON.parse(out);
	}
}

/**
 * CPU seconds (user + system) of a process and its live descendants, plus the children they
 * already reaped (Postgres backends, for instance), from /proc.
 * @param {number | undefined} pid
 */
function cpuSeconds(pid) {
	if (!pid) return 0;
	const hz = 100;
	/** @type {Map<number, number[]>} */
	const children = new Map();
	/** @type {Map<number, number>} */
	const ticks = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const ppid = Number(fields[1]);
			ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
			children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
		} catch {
			// gone meanwhile
		}
	}
	let total = 0;
	const stack = [pid];
	while (stack.length) {
		const p = /** @type {number} */ (stack.pop());
		total += ticks.get(p) ?? 0;
		stack.push(...(children.get(p) ?? []));
	}
	return total / hz;
}

/** The PIDs of a process's session (setsid by queue.sh: n8n and its task-runner child). @param {number} sid */
function sessionMembers(sid) {
	const members = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[3]) === sid && fields[0] !== 'Z') members.push({ pid: Number(entry), cmd: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 120) });
		} catch {
			// gone meanwhile
		}
	}
	return members;
}

module.exports = { ROOT, PORTS, Stack, cpuSeconds, sessionMembers };
