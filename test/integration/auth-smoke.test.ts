import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app';

const t = useTestApp();

describe('resident sign-in through the routes', () => {
  it('signs in with the code shown in demo mode and sees the masked phone', async () => {
    const client = t.client();
    await client.signInResident('+86 139 0000 1111');
    const res = await client.get('/account');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('139****1111');
  });
});
