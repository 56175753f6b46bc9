import type { ApiErrorBody } from '@rostrum/contracts';
import { currentToken, writeToken } from '../auth/token-store';

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

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** JSON over HTTP under /api, with the bearer token when signed in. */
export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const token = currentToken();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
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
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
  const error = await readError(res);
  // An expired or revoked token: sign out, so the app shows the signed-out view instead of failing everywhere.
  if (error.code === 'UNAUTHENTICATED' && token && path !== '/auth/login') writeToken(null);
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

/** Fetches a protected file (e.g. a recording) as a blob URL, for when the media worker is not available. */
export async function fetchBlobUrl(path: string): Promise<string> {
  const token = currentToken();
  const res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw await readError(res);
  return URL.createObjectURL(await res.blob());
}
