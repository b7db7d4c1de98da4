/**
 * The part of the platform's AbortSignal that ports use; declared here because lib compiles
 * without DOM or Node types, and a real AbortSignal satisfies it structurally.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
