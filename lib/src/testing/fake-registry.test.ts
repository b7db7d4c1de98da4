import { fakeRegistry } from './fake-registry.ts';
import { registryContract } from './registry-contract.ts';

registryContract('in-memory fake', async () => ({ client: fakeRegistry(), repository: 'contract/fake' }));
