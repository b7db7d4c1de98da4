// The OCI image config of an image we assemble: linux/amd64, a fixed creation time (the same
// inputs give the same digests), the runtime settings given.

/** An OCI image config from Docker-style runtime settings (User, Env, Entrypoint, Cmd, ...). */
export function imageConfig(settings, history = []) {
  return {
    created: '1970-01-01T00:00:00Z',
    architecture: 'amd64',
    os: 'linux',
    config: Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)),
    ...(history.length ? { history } : {}),
  };
}
