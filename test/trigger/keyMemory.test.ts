import { KeyMemory } from '../../nodes/EcPayEcTicketTrigger/keyMemory';

describe('KeyMemory: the settled events a process remembers', () => {
	it('remembers a key for its time, then forgets it', () => {
		const memory = new KeyMemory(10, 1000);
		memory.add('a', 0);
		expect(memory.has('a', 999)).toBe(true);
		expect(memory.has('a', 1000)).toBe(false);
		expect(memory.has('b', 0)).toBe(false);
	});

	it('keeps at most its number of keys, dropping the oldest first', () => {
		const memory = new KeyMemory(3, 1000);
		for (const key of ['a', 'b', 'c', 'd']) memory.add(key, 0);
		expect(memory.size).toBe(3);
		expect(['a', 'b', 'c', 'd'].map((k) => memory.has(k, 1))).toEqual([false, true, true, true]);
	});

	it('a key added again counts from then, and expired keys go when others are added', () => {
		const memory = new KeyMemory(10, 1000);
		memory.add('a', 0);
		memory.add('b', 500);
		memory.add('a', 900);
		expect(memory.has('a', 1800)).toBe(true);
		memory.add('c', 1600);
		expect(memory.size).toBe(2);
		expect(memory.has('b', 1600)).toBe(false);
	});
});
