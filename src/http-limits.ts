// Request size limits shared by the listener (http-server.ts) and the app's own checks (server.tsx, static assets).

/** Request line + headers. Node's default is 16 KB; URLs over MAX_URL_BYTES get the app's 414 page below this. */
export const MAX_HEADER_BYTES = 32 * 1024;
/** Longer URLs are refused by the app with a 414 page (see server.tsx); nothing the app links to comes close. */
export const MAX_URL_BYTES = 8 * 1024;
