// @ts-check
'use strict';
/**
 * A tiny SMTP server on 127.0.0.1 that keeps every message it receives: enough of RFC 5321 for
 * nodemailer (n8n's Send Email node) without TLS or authentication. For the e2e suite and the
 * demo; no dependencies. Messages come out decoded: headers, the text body (quoted-printable or
 * base64 undone, UTF-8) and the envelope (MAIL FROM, RCPT TO).
 */
const net = require('node:net');

/**
 * @typedef {{ from: string, to: string[], headers: Record<string, string>, subject: string, text: string, raw: string, receivedAt: number }} Mail
 * `raw` holds the message's bytes one character each (latin1), as it came after DATA.
 */

/** Decodes RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) in a header value. */
function decodeWords(value) {
	return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (_, _charset, encoding, text) =>
		encoding.toUpperCase() === 'B'
			? Buffer.from(text, 'base64').toString('utf8')
			: Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
	);
}

/** Undoes a Content-Transfer-Encoding. */
function decodeBody(body, encoding) {
	switch ((encoding ?? '').toLowerCase()) {
		case 'base64':
			return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
		case 'quoted-printable': {
			const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex) => String.fromCharCode(parseInt(hex, 16)));
			return Buffer.from(bytes, 'latin1').toString('utf8');
		}
		default: // 7bit or 8bit: the bytes as they came
			return Buffer.from(body, 'latin1').toString('utf8');
	}
}

/** Parses one message (a single text part, as Send Email's Text format produces). */
function parseMessage(raw) {
	const split = raw.indexOf('\r\n\r\n');
	const head = split === -1 ? raw : raw.slice(0, split);
	const body = split === -1 ? '' : raw.slice(split + 4);
	/** @type {Record<string, string>} */
	const headers = {};
	for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
	}
	return { headers, subject: headers.subject ?? '', text: decodeBody(body, headers['content-transfer-encoding']) };
}

/**
 * Starts the sink on a free port (or `port`).
 * @param {{ port?: number, onMail?: (mail: Mail) => void }} [options]
 */
async function startSmtpSink(options = {}) {
	/** @type {Mail[]} */
	const mails = [];
	/** @type {Array<() => void>} */
	const waiters = [];
	/** @type {Set<import('node:net').Socket>} */
	const sockets = new Set();
	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.setEncoding('latin1');
		let buffer = '';
		let inData = false;
		let from = '';
		/** @type {string[]} */
		let to = [];
		const reply = (line) => socket.write(`${line}\r\n`);
		reply('220 127.0.0.1 ECTicket e2e SMTP sink');
		socket.on('data', (chunk) => {
			buffer += chunk;
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end === -1) return;
					const raw = buffer.slice(0, end).replace(/\r\n\.\./g, '\r\n.');
					buffer = buffer.slice(end + 5);
					inData = false;
					/** @type {Mail} */
					const mail = { from, to, raw, receivedAt: Date.now(), ...parseMessage(raw) };
					mails.push(mail);
					options.onMail?.(mail);
					waiters.splice(0).forEach((wake) => wake());
					reply(`250 2.0.0 queued as ${mails.length}`);
					continue;
				}
				const eol = buffer.indexOf('\r\n');
				if (eol === -1) return;
				const line = buffer.slice(0, eol);
				buffer = buffer.slice(eol + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO') reply('250-127.0.0.1 greets you\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 10485760');
				else if (verb === 'HELO') reply('250 127.0.0.1');
				else if (verb === 'MAIL') {
					from = (/<([^>]*)>/.exec(line) ?? [])[1] ?? '';
					to = [];
					reply('250 2.1.0 OK');
				} else if (verb === 'RCPT') {
					to.push((/<([^>]*)>/.exec(line) ?? [])[1] ?? '');
					reply('250 2.1.5 OK');
				} else if (verb === 'DATA') {
					inData = true;
					reply('354 End data with <CR><LF>.<CR><LF>');
				} else if (verb === 'RSET') {
					from = '';
					to = [];
					reply('250 2.0.0 OK');
				} else if (verb === 'NOOP') reply('250 2.0.0 OK');
				else if (verb === 'QUIT') {
					reply('221 2.0.0 Bye');
					socket.end();
					return;
				} else reply('502 5.5.2 Command not implemented');
			}
		});
		socket.on('error', () => {});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined));
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		port,
		mails,
		/** The first mail (already received or arriving within `timeoutMs`) that `match` accepts. */
		async waitFor(/** @type {(mail: Mail) => boolean} */ match, timeoutMs = 60_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const found = mails.find(match);
				if (found) return found;
				const left = deadline - Date.now();
				if (left <= 0) throw new Error(`no matching mail within ${timeoutMs / 1000} s (${mails.length} received)`);
				await new Promise((resolve) => {
					const timer = setTimeout(resolve, left);
					waiters.push(() => {
						clearTimeout(timer);
						resolve(undefined);
					});
				});
			}
		},
		close: () =>
			new Promise((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve(undefined));
			}),
	};
}

module.exports = { startSmtpSink, parseMessage };
