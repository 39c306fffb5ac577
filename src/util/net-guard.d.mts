export function installNetworkGuard(): void;
