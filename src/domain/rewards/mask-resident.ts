// Pure: how the counter shows a resident: 张** from their 称呼, else 尾号 8000 from their phone; never the whole of either.
import { maskName } from '../wishes/mask-name';

export const maskResident = (displayName: string | null, phone: string | null): string =>
  maskName(displayName) ?? (phone ? `尾号 ${phone.slice(-4)}` : '—');
