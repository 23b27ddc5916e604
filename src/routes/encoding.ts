// Content-Encoding negotiation for what the app compresses itself: brotli when offered, else gzip, else none.
export type Encoding = 'br' | 'gzip' | 'identity';

/** Honours an explicit q=0 ("br;q=0"); ignores finer preferences, which no browser sends between br and gzip. */
export function pickEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const h = header.toLowerCase();
  if (offered(h, 'br')) return 'br';
  if (offered(h, 'gzip')) return 'gzip';
  return 'identity';
}

function offered(h: string, enc: string): boolean {
  const i = h.indexOf(enc);
  if (i < 0) return false;
  const rest = h.slice(i + enc.length).split(',')[0];
  return !/;\s*q=0(?:\.0*)?\s*$/.test(rest);
}
