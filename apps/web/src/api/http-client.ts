import type { ApiErrorBody } from '@rostrum/contracts';
import { sessionEnded } from '../auth/session-events';

/** A contract error `{statusCode, code, message}`, or NETWORK when the API could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole error body (some carry more than the code, e.g. an import's report of bad rows). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Routes whose 401 answers a form (wrong credentials), or is the session check itself. */
const NOT_A_SESSION_END = new Set(['/auth/login', '/auth/me', '/auth/logout']);

/** JSON over HTTP under /api; signed in by the session cookie, which the browser sends by itself. */
export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return (await apiExchange<T>(method, path, body)).data;
}

/** A list page and the route's `X-Total-Count` (CONTRACT.md, "Lists"). */
export async function apiPage<T>(path: string): Promise<{ data: T[]; total: number }> {
  const { data, headers } = await apiExchange<T[]>('GET', path);
  const total = Number(headers.get('X-Total-Count'));
  return { data, total: Number.isFinite(total) && headers.has('X-Total-Count') ? total : data.length };
}

/** A file sent as it is (e.g. `text/csv`), answered in JSON. */
export class RawBody {
  constructor(
    readonly contentType: string,
    readonly content: Blob | string,
  ) {}
}

async function apiExchange<T>(
  method: Method,
  path: string,
  body?: unknown,
): Promise<{ data: T; headers: Headers }> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const raw = body instanceof RawBody;
  if (body !== undefined) headers['Content-Type'] = raw ? body.contentType : 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? body.content : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : 'Network error');
  }
  if (res.ok) {
    const text = await res.text(); // 202 and 204 answers have no body
    return { data: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
  }
  const error = await readError(res);
  // An expired or revoked session: the app checks who is signed in, and shows the signed-out view.
  if (error.code === 'UNAUTHENTICATED' && !NOT_A_SESSION_END.has(path)) sessionEnded();
  throw error;
}

async function readError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as Partial<ApiErrorBody> & Record<string, unknown>;
    return new ApiError(res.status, body.code ?? `HTTP_${res.status}`, body.message ?? res.statusText, body);
  } catch {
    return new ApiError(res.status, `HTTP_${res.status}`, res.statusText);
  }
}
