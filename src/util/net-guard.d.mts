export function installNetworkGuard(): void;
export function networkGuardViolations(): string[];
