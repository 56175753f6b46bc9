import { findPrototypeKey } from './validation';

describe('findPrototypeKey', () => {
  it('should name the path of an own __proto__, constructor or prototype key', () => {
    expect(findPrototypeKey(JSON.parse('{"a":[{"b":{"__proto__":{}}}]}'))).toBe('a.0.b.__proto__');
    expect(findPrototypeKey(JSON.parse('{"constructor":1}'))).toBe('constructor');
    expect(findPrototypeKey({ a: { prototype: 1 } })).toBe('a.prototype');
    expect(findPrototypeKey({ title: 'constructor', list: ['__proto__'] })).toBeNull();
  });

  it('should walk a deeply nested payload without overflowing the stack, and stop at cycles', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    expect(findPrototypeKey(deep)).toBeNull();
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(findPrototypeKey(cyclic)).toBeNull();
  });

  it('should leave class instances (a socket, a request) alone', () => {
    class Socket {
      constructor(readonly server: object) {}
    }
    expect(findPrototypeKey(new Socket({ prototype: 1 }))).toBeNull();
  });
});
