// eslint-disable-next-line @typescript-eslint/no-require-imports
const { render, FILE } = require('../../scripts/rules-doc.js') as { render: () => string; FILE: string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { read } = require('../harness/sourceTree') as { read: (path: string) => string };

describe('docs/RULES.md', () => {
	it('is what the rule tables of protocol/rules/ say (run `node scripts/rules-doc.js --write` after changing them)', () => {
		expect(FILE.endsWith('docs/RULES.md')).toBe(true);
		expect(read('docs/RULES.md')).toBe(render());
	});

	it('names every inferred fact as inferred, with its source', () => {
		const text = render();
		for (const fact of ['`WriteOffNo`', '`Operator`', '`CancelReason`', '`PaymentProvider`', '`EndDate`', 'Ticket `UseStatus`']) {
			const row = text.split('\n').find((line) => line.includes(fact) && line.includes('inferred'));
			expect({ fact, row }).toEqual({ fact, row: expect.stringMatching(/inferred/) });
		}
	});
});

export {};
