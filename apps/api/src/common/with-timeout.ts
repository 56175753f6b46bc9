/**
 * `work`, or an error once `ms` have passed. ioredis and BullMQ queue commands while Redis is away; a caller
 * holding a transaction, a moderator's command or a handshake must not wait for ever.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
