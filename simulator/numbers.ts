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

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `n` in `width` base-62 digits (0-9, A-Z, a-z), leading zeros kept. */
function base62(n: number, width: number): string {
	let out = '';
	for (let i = 0; i < width; i++, n = Math.floor(n / 62)) out = BASE62[n % 62] + out;
	return out;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

const MODULUS_62_8 = BigInt(62) ** BigInt(8);

/** A bijection of 0..62^8-1 that spreads consecutive numbers over the whole range (odd multipliers, not multiples of 31). */
const spread = (seq: number, multiplier: bigint, offset: number) =>
	Number((BigInt(seq) * multiplier + BigInt(offset)) % MODULUS_62_8);

/**
 * An 18-character WriteOffNo of letters and digits, mixed case, like ECPay's sample
 * `LEU4loiSZ9TDTWAtxL` (dialect alt): an upper-case and a lower-case letter for sure, and two
 * scrambled 8-digit base-62 parts; the first is a bijection of the sequence, so numbers never repeat.
 */
export function alphanumericWriteOffNo(seq: number): string {
	return (
		UPPER[seq % 26] +
		base62(spread(seq, BigInt('0x2545F4914F6CDD1D'), 4099), 8) +
		LOWER[Math.floor(seq / 26) % 26] +
		base62(spread(seq, BigInt('0x9E3779B97F4A7C15'), 7), 8)
	);
}

/** digits: 18 digits (dialect standard); alphanumeric: 18 letters and digits (dialect alt). */
export type WriteOffNoStyle = 'digits' | 'alphanumeric';

export class NumberSequence {
	#tradeSeq = 0;
	#ticketSeq = 0;

	constructor(private readonly writeOffNos: WriteOffNoStyle = 'digits') {}

	/** TicketTradeNo: yyyyMMddHHmm (Taiwan) + 4-digit sequence, 16 digits. */
	ticketTradeNo(ms: number): string {
		this.#tradeSeq = (this.#tradeSeq + 1) % 10_000;
		return taiwanMinute(ms) + String(this.#tradeSeq).padStart(4, '0');
	}

	/**
	 * TicketNo (16 upper-case alphanumerics, like `CB2SY20220302153`) and WriteOffNo (18 digits,
	 * or 18 letters and digits in the alphanumeric style).
	 */
	ticketNumbers(ms: number): { ticketNo: string; writeOffNo: string } {
		const seq = ++this.#ticketSeq;
		const prefix = scramble(seq, 36 ** 5).toString(36).toUpperCase().padStart(5, '0');
		const digits = String(scramble(seq, 10 ** 12)).padStart(12, '0');
		const minute = taiwanMinute(ms);
		return {
			ticketNo: prefix + minute.slice(0, 11),
			writeOffNo: this.writeOffNos === 'alphanumeric' ? alphanumericWriteOffNo(seq) : minute.slice(2, 8) + digits,
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
