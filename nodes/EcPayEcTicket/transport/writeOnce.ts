import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { ENDPOINTS, type Endpoint } from '../../../protocol/rules/endpoints';
import type { EcTicketClient } from './client';
import { attemptCall, callEcTicket, FIRST_BACKOFF_MS, requireRtnCode1, type CallFailure } from './request';

/** Sends of one write at most, re-sends included (each only after ECPay showed it had not acted). */
const WRITE_SENDS = 3;

/** What a write does to its ticket. */
export type WriteEffect = 'redeemed' | 'unredeemed' | 'refunded' | 'unrefunded';

/**
 * Whether a ticket, as QueryTicketStatus shows it, carries the write's effect. Told by its dates
 * (a redeemed ticket has a WriteOffDate, a refunded one a RefundDate), which every reading of
 * ECPay's answers shows, rather than by UseStatus, whose codes are contested. undefined: the
 * answer does not show that date, so nothing can be concluded.
 */
function carries(ticket: IDataObject, effect: WriteEffect): boolean | undefined {
	const field = effect === 'redeemed' || effect === 'unredeemed' ? 'WriteOffDate' : 'RefundDate';
	if (!(field in ticket)) return undefined;
	const dated = String(ticket[field] ?? '').trim() !== '';
	return effect === 'redeemed' || effect === 'refunded' ? dated : !dated;
}

/** The ticket a write names, as QueryTicketStatus takes it (both fields, the unused one empty). */
const ticketOf = (data: IDataObject): IDataObject => ({ TicketNo: data.TicketNo ?? '', WriteOffNo: data.WriteOffNo ?? '' });

/** The ticket's status now, and whether it carries the effect. */
async function effectNow(client: EcTicketClient, data: IDataObject, effect: WriteEffect, itemIndex: number) {
	const ticket = await callEcTicket(client, ENDPOINTS.queryTicketStatus, ticketOf(data), itemIndex);
	return { ticket, done: ticket.RtnCode === 1 ? carries(ticket, effect) : undefined };
}

/**
 * Redeem, Cancel Redemption, Refund or Cancel Refund, never blindly sent twice: when the answer to
 * a write is lost (the connection was cut or timed out, ECPay answered 5xx, the answer arrived
 * garbled), ECPay may have acted, so the node asks QueryTicketStatus first. If the ticket shows
 * the write's effect, the item succeeds with `confirmedAfter` saying what went wrong; only if it
 * does not is the write sent again. A refusal after a lost answer is checked the same way. For a
 * cancellation the wanted state (unredeemed, unrefunded) may also be the ticket's state before
 * it: the item is then confirmed too, since the ticket is as the cancellation asked.
 */
export async function writeOnce(
	client: EcTicketClient,
	endpoint: Endpoint,
	data: IDataObject,
	effect: WriteEffect,
	itemIndex: number,
): Promise<IDataObject> {
	let lost: CallFailure | undefined;
	for (let send = 1; ; send++) {
		const result = await attemptCall(client, endpoint, data, itemIndex);
		if (result.ok) {
			if (result.data.RtnCode !== 1 && lost) {
				const { ticket, done } = await effectNow(client, data, effect, itemIndex);
				if (done) return { ...ticket, confirmedAfter: lost.error.message };
			}
			return requireRtnCode1(client, result.data, endpoint, itemIndex);
		}
		if (!result.transient && !result.ambiguous) throw result.error;
		if (result.ambiguous) {
			let now: Awaited<ReturnType<typeof effectNow>>;
			try {
				now = await effectNow(client, data, effect, itemIndex);
			} catch (error) {
				result.error.description = `${result.error.description ?? ''} Whether ECPay acted could not be confirmed (${(error as Error).message}): check the ticket with Ticket › Get before trying again.`.trim();
				throw result.error;
			}
			if (now.done === undefined) {
				result.error.description = `${result.error.description ?? ''} Whether ECPay acted could not be confirmed: its ticket status does not show it. Check the ticket with Ticket › Get before trying again.`.trim();
				throw result.error;
			}
			if (now.done) return { ...now.ticket, confirmedAfter: result.error.message };
			if (!result.transient) {
				result.error.description = `${result.error.description ?? ''} ECPay's ticket status shows the ticket unchanged.`.trim();
				throw result.error;
			}
			lost = result;
		}
		if (send >= WRITE_SENDS) throw result.error;
		await sleep(FIRST_BACKOFF_MS * 2 ** (send - 1));
	}
}
