// Pure: how organisers see a team member — their 称呼 and the phone's last four digits (never the whole number).
export const personLabel = (displayName: string | null, phone: string | null) =>
  `${(displayName ?? '').trim() || '居民'}${phone ? `(尾号${phone.slice(-4)})` : ''}`;
