// @ts-check
'use strict';
/**
 * The one-command demo (bash scripts/demo.sh): the local simulator and the pinned n8n with this
 * package installed from its tarball, the credential and the example workflows imported, the
 * notification workflow published, an owner account created, and what examples 02, 04 and 05
 * need: their Data Table, the counter login, an SMTP credential pointing at a local mail sink that
 * prints every email, examples 04 and 05 published. Ctrl-C stops both servers.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { N8n, OWNER, ROOT, packPackage } = require('./lib/n8n');
const { CREDENTIAL } = require('./workflows');
const { COUNTER_LOGIN, setUpExamples } = require('./examples');
const { startSmtpSink } = require('./lib/smtpSink');
const merchant = require('../simulator/merchants.json')[0];

const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const SIM_PORT = Number(process.env.ECTICKET_SIM_PORT ?? 7071);

async function main() {
	const simUrl = `http://127.0.0.1:${SIM_PORT}`;
	console.log('demo: building and packing the package…');
	const tarball = packPackage(fs.mkdtempSync(path.join(os.tmpdir(), 'ecticket-demo-pack-')));
	const sim = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'simulator/cli.js', '--port', String(SIM_PORT)], { cwd: ROOT, stdio: 'inherit' });
	const n8n = new N8n({ port: N8N_PORT });
	let stopping = false;
	const stop = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		console.log('\ndemo: stopping n8n and the simulator…');
		await n8n.stop();
		sim.kill('SIGTERM');
		process.exit(code);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
	sim.on('exit', (code) => {
		if (!stopping) {
			console.error(`demo: the simulator exited (${code})`);
			void stop(1);
		}
	});

	console.log(`demo: installing the package into a fresh n8n user folder ${n8n.userFolder}`);
	n8n.installPackage(tarball);
	await n8n.importJson('credentials', [
		{ ...CREDENTIAL, data: { environment: 'custom', baseUrl: simUrl, merchantId: merchant.merchantId, hashKeySecret: merchant.hashKey, hashIvSecret: merchant.hashIV } },
	]);
	for (const example of fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json'))) {
		await n8n.mustCli(['import:workflow', `--input=${path.join(ROOT, 'examples', example)}`]);
	}
	await n8n.mustCli(['publish:workflow', '--id=ecticketExample03']);
	console.log('demo: starting n8n…');
	await n8n.start();
	await n8n.setupOwner();
	const sink = await startSmtpSink({
		onMail: (mail) => console.log(`\n  ✉  email to ${mail.to.join(', ')}: ${mail.subject}\n${mail.text.replace(/\r/g, '').replace(/^/gm, '     ')}\n`),
	});
	const { shopWebhook, counterForm } = await setUpExamples(n8n, { smtpPort: sink.port });
	console.log(`
  ECTicket demo is running
  ─────────────────────────────────────────────────────────────
  n8n editor     ${n8n.baseUrl}
  sign in        ${OWNER.email} / ${OWNER.password}
  simulator      ${simUrl}   (merchant ${merchant.merchantId})
  credential     "${CREDENTIAL.name}" → Custom Base URL ${simUrl}
  workflows      examples/01 (issue → tickets), 02 (pending orders Data Table + hourly check),
                 03 (notifications), 04 (shop webhook → email), 05 (store counter form); 03-05 published
  shop webhook   ${shopWebhook}   (POST the shop's order JSON)
  counter form   ${counterForm}   (login ${COUNTER_LOGIN.user} / ${COUNTER_LOGIN.password})
  emails         printed here (SMTP sink on 127.0.0.1:${sink.port}, credential "Shop email (SMTP)")
  notify URLs    ${n8n.baseUrl}/webhook/5b2f6a1e-0c3d-4e8f-9a7b-ec71c4e70003/refund       (Refund Notify URL)
                 ${n8n.baseUrl}/webhook/5b2f6a1e-0c3d-4e8f-9a7b-ec71c4e70003/use-status   (Use Status Notify URL)

  Try: open example 01 and click "Execute workflow". To see a notification arrive, issue with the
  notify URLs above, then: curl -X POST ${simUrl}/_simulator/tickets/redeem -d '{"WriteOffNo":"…"}' \\
       -H 'content-type: application/json' && curl -X POST ${simUrl}/_simulator/notifications/deliver
  Ctrl-C stops both servers.
`);
	await new Promise(() => {});
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
