// wawoff2 ships no types: Google's WOFF2 decoder compiled to WebAssembly, used to turn font slices into TrueType.
declare module 'wawoff2' {
  export function decompress(input: Uint8Array): Promise<Uint8Array>;
  export function compress(input: Uint8Array): Promise<Uint8Array>;
}
