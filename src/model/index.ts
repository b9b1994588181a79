export * from "./config";
export * from "./mailbox";
export * from "./path";
export * from "./order";
export * from "./terraform-outputs";
