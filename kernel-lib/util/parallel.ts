import { availableParallelism } from 'node:os';

/** How many notebooks run at once by default: one per core, at most two (each kernel holds its own TypeScript compiler and library in memory). */
export const DEFAULT_JOBS = Math.max(1, Math.min(2, availableParallelism()));

/**
 * `each` over `items` with at most `width` calls in flight; the results in the items' order. The
 * first failure rejects once every started call has settled (none is left running behind it).
 */
export async function mapInParallel<T, R>(
  items: readonly T[],
  width: number,
  each: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        results[index] = await each(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, lane));
  if (failure) throw failure.error;
  return results;
}
