// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sources, read, resolveImport } = require('./harness/sourceTree') as {
	sources: (...dirs: string[]) => string[];
	read: (path: string) => string;
	resolveImport: (from: string, spec: string) => string;
};

/**
 * The shape of the code base (issue 10): each ECTicket fact written once, layers that point down
 * only, files small enough to read.
 */
const PACKAGE = sources('nodes', 'credentials', 'protocol', 'simulator');
const importsOf = (path: string) =>
	[...read(path).matchAll(/(?:from|require\()\s*'(\.[^']+)'/g)].map((m) => resolveImport(path, m[1]));

describe('architecture', () => {
	it('spells IssueType codes only in protocol/rules/issueTypes.ts', () => {
		const literal = /(?:issueType|IssueType)\b[^\n]{0,60}?['"][1-4]['"]|['"][1-4]['"][^\n]{0,20}(?:issueType|IssueType)\b|PAPER\s*=\s*['"]2['"]/;
		const offenders = PACKAGE.filter((path) => path !== 'protocol/rules/issueTypes.ts' && literal.test(read(path)));
		expect(offenders).toEqual([]);
	});

	it('keeps every source file of nodes/, credentials/, protocol/ and simulator/ at 300 lines or fewer', () => {
		const long = PACKAGE.map((path) => ({ path, lines: read(path).split('\n').length })).filter((f) => f.lines > 300);
		expect(long).toEqual([]);
	});

	it('points layers down only: protocol ← credentials ← transport ← actions ← node; the trigger beside the action node', () => {
		const forbidden: Array<[RegExp, RegExp]> = [
			[/^protocol\//, /^(?!protocol\/)/],
			[/^credentials\//, /^(nodes|simulator)\//],
			[/^simulator\//, /^(nodes|credentials)\//],
			[/^nodes\/EcPayEcTicket\/transport\//, /^nodes\/EcPayEcTicket\/(actions|EcPayEcTicket\.node)/],
			[/^nodes\/EcPayEcTicketTrigger\//, /^nodes\/EcPayEcTicket\//],
			[/^nodes\/EcPayEcTicket\//, /^nodes\/EcPayEcTicketTrigger\//],
		];
		const wrong = PACKAGE.flatMap((path) =>
			importsOf(path)
				.filter((target) => forbidden.some(([from, to]) => from.test(path) && to.test(target)))
				.map((target) => `${path} → ${target}`),
		);
		expect(wrong).toEqual([]);
	});

	it('keeps the protocol layer free of state and secrets: no module-level Map, Set or variable', () => {
		const stateful = sources('protocol').filter((path) => /^(?:export )?(?:let |var |const \w+ = new (?:Map|Set|WeakMap)\b)/m.test(read(path)));
		expect(stateful).toEqual([]);
	});
});

export {};
