import { isOriginAllowed } from './origin-policy';

describe('origin policy', () => {
  it('should let clients without an Origin through', () => {
    expect(isOriginAllowed(undefined, 'api.example.org', [])).toBe(true);
  });

  it('should allow the same origin when no origins are configured', () => {
    expect(isOriginAllowed('https://rostrum.example.org', 'rostrum.example.org', [])).toBe(true);
    expect(isOriginAllowed('http://localhost:3000', 'localhost:3000', [])).toBe(true);
  });

  it('should refuse another origin when no origins are configured', () => {
    expect(isOriginAllowed('https://evil.example', 'rostrum.example.org', [])).toBe(false);
  });

  it('should allow configured origins, whatever their trailing slash or case', () => {
    const allowed = ['https://App.Example.org/'];
    expect(isOriginAllowed('https://app.example.org', 'api.example.org', allowed)).toBe(true);
    expect(isOriginAllowed('https://app.example.org:8443', 'api.example.org', allowed)).toBe(false);
  });

  it('should refuse malformed and non-web origins', () => {
    expect(isOriginAllowed('null', 'api.example.org', ['*'])).toBe(false);
    expect(isOriginAllowed('file:///tmp/x.html', 'api.example.org', [])).toBe(false);
  });
});
