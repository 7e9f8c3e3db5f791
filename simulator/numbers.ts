/**
 * The numbers ECTicket hands out. Sequences go through a bijection so consecutive numbers look
 * unrelated yet never repeat within one simulator.
 */

const TAIWAN_OFFSET_MS = 8 * 3600_000;

/** yyyyMMddHHmm in Taiwan time (GMT+8). */
export function taiwanMinute(ms: number): string {
	return new Date(ms + TAIWAN_OFFSET_MS).toISOString().slice(0, 16).replace(/[-T:]/g, '');
}

/** yyyyMMdd in Taiwan time (GMT+8). */
export function taiwanDay(ms: number): string {
	return taiwanMinute(ms).slice(0, 8);
}

/** Multiplying by a number coprime with the modulus permutes 0..modulus-1. */
const scramble = (seq: number, modulus: number) => (seq * 7919 + 4099) % modulus;

export class NumberSequence {
	#tradeSeq = 0;
	#ticketSeq = 0;

	/** TicketTradeNo: yyyyMMddHHmm (Taiwan) + 4-digit sequence, 16 digits. */
	ticketTradeNo(ms: number): string {
		this.#tradeSeq = (this.#tradeSeq + 1) % 10_000;
		return taiwanMinute(ms) + String(this.#tradeSeq).padStart(4, '0');
	}

	/** TicketNo (16 upper-case alphanumerics, like `CB2SY20220302153`) and WriteOffNo (18 digits). */
	ticketNumbers(ms: number): { ticketNo: string; writeOffNo: string } {
		const seq = ++this.#ticketSeq;
		const prefix = scramble(seq, 36 ** 5).toString(36).toUpperCase().padStart(5, '0');
		const digits = String(scramble(seq, 10 ** 12)).padStart(12, '0');
		const minute = taiwanMinute(ms);
		return {
			ticketNo: prefix + minute.slice(0, 11),
			writeOffNo: minute.slice(2, 8) + digits,
		};
	}
}

/** yyyy/MM/dd HH:mm:ss in Taiwan time, the shape of IssueDate, WriteOffDate and RefundDate. */
export function taiwanDateTime(ms: number): string {
	const iso = new Date(ms + TAIWAN_OFFSET_MS).toISOString();
	return `${iso.slice(0, 10).replace(/-/g, '/')} ${iso.slice(11, 19)}`;
}

/** yyyyMMdd → yyyy/MM/dd. */
export const slashedDay = (day: string) => (day ? `${day.slice(0, 4)}/${day.slice(4, 6)}/${day.slice(6, 8)}` : '');

const dayToUtc = (day: string) => Date.UTC(+day.slice(0, 4), +day.slice(4, 6) - 1, +day.slice(6, 8));
const utcToDay = (ms: number) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');

/** A yyyyMMdd date moved by whole days. */
export function addDays(day: string, days: number): string {
	return utcToDay(dayToUtc(day) + days * 86_400_000);
}

/** Whole days from `from` to `to` (both yyyyMMdd). */
export function daysBetween(from: string, to: string): number {
	return Math.round((dayToUtc(to) - dayToUtc(from)) / 86_400_000);
}

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(day: string, years: number): string {
	const y = +day.slice(0, 4) + years;
	const m = +day.slice(4, 6) - 1;
	const d = +day.slice(6, 8);
	const lastOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
	return utcToDay(Date.UTC(y, m, Math.min(d, lastOfMonth)));
}
