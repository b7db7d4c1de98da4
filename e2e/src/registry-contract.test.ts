// The RegistryClient contract (lib/src/testing/registry-contract.ts) against the HTTP adapter and
// the real CNCF distribution registry with TLS and basic auth: the fake the unit tests use answers
// as this does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { registryContract } from '@orkestra/lib/testing';
import { findCredentials, registryHttpClient } from '@orkestra/adapters/oci';
import { stopRegistry, testRegistry } from './harness/registry.ts';

registryContract({ suite, assert }, 'HTTP adapter against the distribution registry', async () => {
  const reg = testRegistry();
  const client = registryHttpClient({
    host: reg.host, ca: readFileSync(reg.ca, 'utf8'), credentials: () => findCredentials(join(reg.dockerConfig, 'config.json'), reg.host),
  });
  return { client, repository: 'contract/http', cleanup: () => { client.close(); stopRegistry(); } };
});
