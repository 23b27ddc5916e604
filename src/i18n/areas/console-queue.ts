// UI strings of one area (zh-CN and English, same keys).
export const zh = {
  'console-queue.placeholder': '',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'console-queue.placeholder': '',
};
