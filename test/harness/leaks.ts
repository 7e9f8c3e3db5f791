/**
 * Everything the suite's executions produced (output items, errors, HTTP replies, log lines),
 * kept so that test/setup/leakScan.js can check none of it holds a HashKey or HashIV.
 */
export const produced: string[] = [];

export function record(value: unknown): void {
	if (value instanceof Error) {
		const { message, stack } = value;
		const extra = value as Error & { description?: unknown; context?: unknown };
		produced.push(JSON.stringify({ message, stack, description: extra.description, context: extra.context }));
		return;
	}
	produced.push(typeof value === 'string' ? value : JSON.stringify(value) ?? String(value));
}
