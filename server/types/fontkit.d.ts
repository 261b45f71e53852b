/** fontkit 2 ships no types: the one call server/platform/files/fontkit.ts makes (the font object is typed there). */
declare module "fontkit" {
  export function create(data: Uint8Array): object;
}
