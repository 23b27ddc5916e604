// UI strings of one area (zh-CN and English, same keys).
export const zh = {
  'console-actions.placeholder': '',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'console-actions.placeholder': '',
};
