export * from "../model/catalog";
export * from "./required-permissions";
export * from "./adoption";
export * from "./roles";
