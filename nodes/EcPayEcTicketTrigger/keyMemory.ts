/**
 * The event keys a process knows to be settled, so that ECPay's resends of them (and deliveries
 * to the other notify URL) are answered without asking n8n again: main remembers the events whose
 * execution n8n started or already held; a webhook processor remembers the events main
 * acknowledged. At most MAX_KEYS per process (the oldest go first), each for KEEP_MS (ECPay
 * resends within the same day). Only a shortcut: a process that forgot a key (restarted, or the
 * key aged out) asks n8n, whose database refuses a second execution of an event.
 */
export const MAX_KEYS = 50_000;
export const KEEP_MS = 36 * 3600_000;

export class KeyMemory {
	readonly #until = new Map<string, number>();

	constructor(
		private readonly maxKeys = MAX_KEYS,
		private readonly keepMs = KEEP_MS,
	) {}

	has(key: string, now = Date.now()): boolean {
		const until = this.#until.get(key);
		if (until === undefined) return false;
		if (until > now) return true;
		this.#until.delete(key);
		return false;
	}

	add(key: string, now = Date.now()): void {
		this.#until.delete(key);
		this.#until.set(key, now + this.keepMs);
		for (const [oldest, until] of this.#until) {
			if (this.#until.size <= this.maxKeys && until > now) break;
			this.#until.delete(oldest);
		}
	}

	get size(): number {
		return this.#until.size;
	}
}
