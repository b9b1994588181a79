export * from "../model/catalog";
export * from "./required-permissions";
