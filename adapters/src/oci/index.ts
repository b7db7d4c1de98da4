// The OCI registry adapter (issue 19): the RegistryClient port over HTTP, and credentials from
// Docker config files and credential helpers.
export { registryHttpClient, type RegistryClientOptions, type RegistryHttpClient } from './registry-http-client.ts';
export { dockerConfigPath, findCredentials, type CredentialLookup, type Credentials } from './docker-credentials.ts';
