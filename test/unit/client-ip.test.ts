// forwardedClient: the X-Forwarded-For entry the trusted proxy wrote, never what the client put in front of it.
import { describe, expect, it } from 'vitest';
import { forwardedClient } from '../../src/middleware/client-ip';

describe('forwardedClient', () => {
  it.each([
    // [header, hops, address]
    ['203.0.113.7', 1, '203.0.113.7'],
    ['1.1.1.1, 203.0.113.7', 1, '203.0.113.7'],
    ['forged, 9.9.9.9,  203.0.113.7 ', 1, '203.0.113.7'],
    ['1.1.1.1, 203.0.113.7, 10.0.0.2', 2, '203.0.113.7'],
    ['203.0.113.7, 10.0.0.2', 2, '203.0.113.7'],
    // A shorter chain than configured: the leftmost is as far as any proxy saw.
    ['203.0.113.7', 2, '203.0.113.7'],
    ['2001:db8::1', 1, '2001:db8::1'],
  ] as const)('%j with %d hop(s) → %s', (header, hops, address) => {
    expect(forwardedClient(header, hops)).toBe(address);
  });

  it.each([undefined, '', '1.1.1.1, not-an-address', '1.1.1.1, ', '203.0.113.7:443'])('%j gives no address (the socket is used)', (header) => {
    expect(forwardedClient(header, 1)).toBeUndefined();
  });
});
