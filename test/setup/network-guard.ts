// Every test process: non-loopback DNS or connections fail loudly; child processes inherit it.
import { installNetworkGuard } from '../../src/util/net-guard.mjs';

installNetworkGuard();
process.env.GOVSCAN_NETWORK_GUARD = '1';
const guardUrl = new URL('../../src/util/net-guard.mjs', import.meta.url).href;
if (!(process.env.NODE_OPTIONS ?? '').includes('net-guard.mjs'))
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${guardUrl}`.trim();
