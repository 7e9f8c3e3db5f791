// @ts-check
'use strict';
/**
 * Fills in and submits an n8n form over HTTP the way its page's own script does in a browser
 * (n8n 2.41's form-trigger.handlebars and form-trigger-completion.handlebars): load the form,
 * POST its fields as multipart form data with the page's x-auth-token, follow formWaitingUrl by
 * polling n8n-execution-status, open the ending page, and send the ending page's closing POST.
 */

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'", '#x60': '`', '#x3D': '=' };
const decode = (html) => html.replace(/&(amp|lt|gt|quot|#x27|#39|#x60|#x3D);/g, (_, e) => entities[e]).replace(/<br\s*\/?>/gi, '\n');

/**
 * @param {string} formUrl  the form's Production URL, e.g. http://127.0.0.1:5690/form/ticket-counter
 * @param {string[]} values the value of each form field, in the form's order
 * @param {{ user: string, password: string }} [basicAuth] the login a browser asks for once
 * @returns {Promise<{ title: string, message: string, status: string, executionId: string }>}
 */
async function submitN8nForm(formUrl, values, basicAuth) {
	const authorization = basicAuth ? { authorization: `Basic ${Buffer.from(`${basicAuth.user}:${basicAuth.password}`).toString('base64')}` } : {};
	const page = await fetch(formUrl, { headers: authorization });
	const html = await page.text();
	if (page.status !== 200) throw new Error(`GET ${formUrl}: HTTP ${page.status} ${html.slice(0, 200)}`);
	const fields = [...new Set([...html.matchAll(/name='(field-\d+)'/g)].map((m) => m[1]))];
	if (fields.length !== values.length) throw new Error(`the form has ${fields.length} fields (${fields.join(', ')}), ${values.length} values given`);
	const authToken = (/const authToken = '([^']*)'/.exec(html) ?? [])[1] ?? '';

	const body = new FormData();
	fields.forEach((name, i) => body.append(name, values[i]));
	const posted = await fetch(formUrl, { method: 'POST', body, headers: authToken ? { 'x-auth-token': authToken } : {} });
	const answer = await posted.text();
	if (posted.status !== 200) throw new Error(`POST ${formUrl}: HTTP ${posted.status} ${answer.slice(0, 200)}`);
	const { formWaitingUrl } = JSON.parse(answer);
	if (!formWaitingUrl) throw new Error(`the form answered without formWaitingUrl: ${answer.slice(0, 200)}`);

	const waiting = new URL(formWaitingUrl);
	const executionId = waiting.pathname.split('/').pop() ?? '';
	const statusUrl = new URL(waiting);
	statusUrl.pathname += '/n8n-execution-status';
	let status = '';
	for (let interval = 1000, deadline = Date.now() + 120_000; Date.now() < deadline; interval = Math.round(interval * 1.1)) {
		status = (await (await fetch(statusUrl)).text()).trim();
		if (status !== 'running' && status !== 'new') break;
		await new Promise((r) => setTimeout(r, interval));
	}
	if (status !== 'form-waiting') return { title: '', message: '', status, executionId };

	const ending = await fetch(waiting);
	const endingHtml = await ending.text();
	if (ending.status !== 200) throw new Error(`GET ${waiting}: HTTP ${ending.status} ${endingHtml.slice(0, 200)}`);
	const title = decode((/<h1>([\s\S]*?)<\/h1>/.exec(endingHtml) ?? [])[1] ?? '').trim();
	const message = decode((/<p style="white-space: pre-line;">([\s\S]*?)<\/p>/.exec(endingHtml) ?? [])[1] ?? '').trim();
	// The ending page's script POSTs back at once (its body `{}` goes out as "[object Object]"):
	// that completes the execution.
	const signature = encodeURIComponent(waiting.searchParams.get('signature') ?? '');
	await fetch(`${waiting.origin}${waiting.pathname}?signature=${signature}`, { method: 'POST', body: String({}) });
	return { title, message, status, executionId };
}

module.exports = { submitN8nForm };
