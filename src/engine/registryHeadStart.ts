/**
 * The page's first script: index.html loads it `async`, beside the entry (see scripts/head-start.ts), so models.json
 * is asked for while the rest of the page's code is still on its way.
 */
import { startRegistryRequest } from './registryRequest';

startRegistryRequest();
