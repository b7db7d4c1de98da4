import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fakeRegistry } from './fake-registry.ts';
import { registryContract } from './registry-contract.ts';

registryContract({ suite, assert }, 'in-memory fake', async () => ({ client: fakeRegistry(), repository: 'contract/fake' }));
