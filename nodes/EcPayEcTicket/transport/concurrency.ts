/** How many calls an execution has in flight at most, unless the Concurrency option says otherwise. */
export const DEFAULT_CONCURRENCY = 5;

/** Runs `task` over the indices with at most `limit` in flight; stops starting new ones once `stop()` says so. */
export async function forEachLimited(
	indices: number[],
	limit: number,
	task: (index: number) => Promise<void>,
	stop: () => boolean = () => false,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < indices.length && !stop()) await task(indices[next++]);
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, indices.length)) }, worker));
}
