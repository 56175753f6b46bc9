import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it). */
const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
export const SCREENSHOT_DIR = join(__dirname, '../../../../test-artifacts/screenshots');

/**
 * Headless Chromium for the browser tests. Playwright's `launch` gives every browser a fresh temporary
 * user-data-dir; each actor (delegate, moderator, public…) gets its own context, so storage never leaks.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = CHROMIUM_PATHS.find((p) => existsSync(p));
  if (!executablePath) throw new Error('Chromium not found: apt-get install -y chromium');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface Actor {
  context: BrowserContext;
  page: Page;
  /** Errors thrown in the page (uncaught): a test asserts there are none. */
  errors: string[];
}

/**
 * A browser context on the API under test, signed in when given a token (as the HttpOnly session cookie the
 * sign-in sets), in the given UI language. `tablet` gives an iPad-sized, touch viewport.
 */
export async function newActor(
  browser: Browser,
  baseURL: string,
  options: {
    token?: string;
    language?: 'en' | 'fr' | 'zh';
    tablet?: boolean;
    /** A given screen (e.g. a phone's 390 × 844); touch when narrower than a desktop. */
    viewport?: { width: number; height: number };
    serviceWorkers?: 'allow' | 'block';
  } = {},
): Promise<Actor> {
  const viewport =
    options.viewport ?? (options.tablet ? { width: 1024, height: 1366 } : { width: 1366, height: 900 });
  const context = await browser.newContext({
    baseURL,
    viewport,
    hasTouch: options.tablet ?? viewport.width < 1024,
    isMobile: viewport.width < 600,
    locale: 'en-GB',
    timezoneId: 'Europe/Zurich',
    reducedMotion: 'reduce',
    serviceWorkers: options.serviceWorkers ?? 'allow',
  });
  if (options.token) {
    await context.addCookies([
      { name: 'rostrum_session', value: options.token, url: baseURL, httpOnly: true, sameSite: 'Lax' },
    ]);
  }
  await context.addInitScript(
    ({ language }) => {
      // Once per tab: a language switch made by the test must survive a reload.
      if (sessionStorage.getItem('rostrum.test.prepared')) return;
      sessionStorage.setItem('rostrum.test.prepared', '1');
      localStorage.setItem('rostrum.language', language);
    },
    { language: options.language ?? 'en' },
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  // A resource the Content-Security-Policy blocked fails the test like a thrown error.
  page.on('console', (m) => m.text().includes('Content Security Policy') && errors.push(m.text()));
  return { context, page, errors };
}

/** Keeps a full-page screenshot of what the test sees, as a test artifact. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/** Retries an assertion (a jest `expect` inside) until it passes or the time is up, like a user waiting. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The actors of one test: opened as needed, closed together, failing the test if any page threw. */
export class ActorPool {
  private readonly actors: Actor[] = [];

  constructor(
    private readonly browser: () => Browser,
    private readonly baseURL: () => string,
  ) {}

  async open(options: Parameters<typeof newActor>[2] = {}): Promise<Actor> {
    const actor = await newActor(this.browser(), this.baseURL(), options);
    this.actors.push(actor);
    return actor;
  }

  async closeAll(): Promise<void> {
    const errors = this.actors.flatMap((a) => a.errors);
    await Promise.all(this.actors.map((a) => a.context.close()));
    this.actors.length = 0;
    expect(errors).toEqual([]);
  }
}
