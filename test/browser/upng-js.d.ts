// upng-js 2.1.0 ships no types: the three calls test/browser/docs-screenshots.ts makes.
declare module 'upng-js' {
  interface DecodedImage {
    width: number;
    height: number;
  }
  const UPNG: {
    decode(buffer: ArrayBuffer): DecodedImage;
    toRGBA8(image: DecodedImage): ArrayBuffer[];
    /** `colours` 0 = lossless; 1–256 = quantised to a palette of that many. */
    encode(frames: ArrayBuffer[], width: number, height: number, colours: number): ArrayBuffer;
  };
  export default UPNG;
}
