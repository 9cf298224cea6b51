// The package ships no types; only the call the folder lock uses is declared.
declare module 'fs-native-extensions' {
  /** Takes an exclusive (or shared) lock on an open file without waiting; false when someone else holds it. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
}
