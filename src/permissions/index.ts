export * from "./catalog";
export * from "./required-permissions";
export * from "./roles";
