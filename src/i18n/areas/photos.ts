// UI strings for photos (zh-CN and English, same keys): upload refusals and the photo part of the submit form.
export const zh = {
  'photo.err.empty': '照片是空的(0 字节),请重新选择。',
  'photo.err.tooLarge': '照片太大了,每张最大 {size},请压缩后再上传。',
  'photo.err.type': '只能上传 JPG、PNG 或 WebP 照片。',
  'photo.err.heic': '暂不支持 HEIC 格式的照片。请在手机“设置 → 相机 → 格式”中选择“兼容性最佳”,或截图后上传。',
  'photo.err.invalid': '这不是一张完整的图片,文件可能已损坏,请重新拍摄或选择。',
  'photo.err.tooManyPixels': '照片分辨率太高(最多 {mp} 百万像素),请缩小后再上传。',
  'photo.err.tooMany': '每条最多上传 {max} 张照片。',
  'photo.err.busy': '上传的人有点多,请稍等片刻再试。',
  'photo.label': '照片',
  'photo.hint': '选填,最多 {max} 张,JPG、PNG 或 WebP,每张不超过 {size}。照片中的位置等信息会自动去除。',
  'photo.add': '添加照片',
  'photo.remove': '删除这张照片',
  'photo.alt': '第 {n} 张照片',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'photo.err.empty': 'The photo is empty (0 bytes); please choose it again.',
  'photo.err.tooLarge': 'The photo is too large (at most {size} each); please shrink it and retry.',
  'photo.err.type': 'Only JPG, PNG or WebP photos can be uploaded.',
  'photo.err.heic': 'HEIC photos are not supported yet. On iPhone choose Settings → Camera → Formats → Most Compatible, or upload a screenshot.',
  'photo.err.invalid': 'This is not a complete image; the file may be damaged. Please take or choose it again.',
  'photo.err.tooManyPixels': 'The photo resolution is too high (at most {mp} megapixels); please shrink it and retry.',
  'photo.err.tooMany': 'At most {max} photos per item.',
  'photo.err.busy': 'Many uploads right now; please retry in a moment.',
  'photo.label': 'Photos',
  'photo.hint': 'Optional: up to {max} photos, JPG, PNG or WebP, at most {size} each. Location and other details in photos are removed automatically.',
  'photo.add': 'Add photos',
  'photo.remove': 'Remove this photo',
  'photo.alt': 'Photo {n}',
};
