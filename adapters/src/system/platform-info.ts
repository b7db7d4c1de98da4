/** Facts about the running process that `ork version` reports. */
export interface PlatformInfo {
  readonly node: string;
  readonly platform: string;
}

/** Reads the Node version and platform of this process. */
export function platformInfo(): PlatformInfo {
  return { node: process.version, platform: `${process.platform}/${process.arch}` };
}
