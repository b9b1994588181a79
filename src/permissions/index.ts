export * from "./catalog";
export * from "./required-permissions";
