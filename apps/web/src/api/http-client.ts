import type { ApiErrorBody } from '@rostrum/contracts';
import { sessionEnded } from '../auth/session-events';

/** A contract error `{statusCode, code, message}`, or NETWORK when the API could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Routes whose 401 answers a form (wrong credentials), or is the session check itself. */
const NOT_A_SESSION_END = new Set(['/auth/login', '/auth/me', '/auth/logout']);

/** JSON over HTTP under /api; signed in by the session cookie, which the browser sends by itself. */
export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : 'Network error');
  }
  if (res.ok) {
    const text = await res.text(); // 202 and 204 answers have no body
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const error = await readError(res);
  // An expired or revoked session: the app checks who is signed in, and shows the signed-out view.
  if (error.code === 'UNAUTHENTICATED' && !NOT_A_SESSION_END.has(path)) sessionEnded();
  throw error;
}

async function readError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as Partial<ApiErrorBody>;
    return new ApiError(res.status, body.code ?? `HTTP_${res.status}`, body.message ?? res.statusText);
  } catch {
    return new ApiError(res.status, `HTTP_${res.status}`, res.statusText);
  }
}
