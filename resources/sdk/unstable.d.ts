// The `Unstable` namespace: reserved for experimental APIs. It is empty in this SDK version.
export {};
