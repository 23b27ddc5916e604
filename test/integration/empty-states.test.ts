// Issue 9 item 11: an empty 我的积分 offered a button to /report/new without a code ("找不到这个二维码"). Every empty state a
// resident meets must lead somewhere that works: each of their links is followed and must answer a useful 200.
import { describe, expect, it, beforeAll } from 'vitest';
import { useTestApp, type TestClient } from '../helpers/app';
import { demoWorld, residentPhone } from './me-helpers';

const t = useTestApp();
let me: TestClient;

beforeAll(async () => {
  await demoWorld(t.deps.database);
  me = t.client();
  await me.signInResident(residentPhone());
});

/** The links inside a page's empty-state block. */
function emptyStateLinks(html: string): string[] {
  const at = html.search(/class="(card )?empty"/);
  if (at < 0) return [];
  const rest = html.slice(at);
  const end = Math.min(...['</div>', '</section>'].map((tag) => rest.indexOf(tag)).filter((i) => i >= 0));
  return [...rest.slice(0, end).matchAll(/href="([^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));
}

/** GET, following same-site redirects, as a browser would. */
async function follow(client: TestClient, path: string): Promise<{ status: number; html: string; path: string }> {
  let at = path;
  for (let hops = 0; hops < 5; hops++) {
    const res = await client.get(at);
    const to = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && to) {
      at = to.replace(/^https?:\/\/[^/]+/, '');
      continue;
    }
    return { status: res.status, html: await res.text(), path: at };
  }
  throw new Error(`too many redirects from ${path}`);
}

describe('empty states lead somewhere that works', () => {
  it.each(['/me/points', '/me/submissions', '/me/inbox', '/wishes'])('%s: every link of the empty state answers a useful 200', async (page) => {
    const res = await me.get(page);
    expect(res.status).toBe(200);
    const links = emptyStateLinks(await res.text());
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) {
      const got = await follow(me, href);
      expect(got.status, `${page} → ${href}`).toBe(200);
      expect(got.html).not.toContain('找不到这个二维码');
      expect(got.html).toMatch(/<h1>[^<]+<\/h1>/);
    }
  });

  it('the how-to page says where the posters hang and takes a printed code', async () => {
    const { status, html } = await follow(me, '/report');
    expect(status).toBe(200);
    expect(html).toContain('怎样反映问题、许个心愿');
    expect(html).toMatch(/data-poster-area="[^"]+"/);
    expect(html).toContain('action="/q"');
    // Where, never which code: a resident still has to stand at the poster.
    expect(html).not.toMatch(/\/q\/[0-9A-Z]{13}/);
  });

  it('/report/new without a code explains instead of "not found"; a bad code is still not found', async () => {
    const bare = await me.get('/report/new');
    expect(bare.status).toBe(303);
    expect(bare.headers.get('location')).toBe('/report');
    expect((await t.client().get('/report')).status).toBe(200); // signed out too
    const bad = await me.get('/report/new?qr=NOPE');
    expect(bad.status).toBe(404);
    expect(await bad.text()).toContain('找不到这个二维码');
  });
});
