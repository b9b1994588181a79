export * from "./config";
export * from "./mailbox";
export * from "./path";
