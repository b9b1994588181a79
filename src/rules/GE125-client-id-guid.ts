import type { Rule } from "./rule";
import { quote } from "../text/terminal";
import { GUID } from "../model/guid";

export const clientIdGuid: Rule = {
  id: "GE125",
  name: "client-id-guid",
  severity: "error",
  description: "application.clientId (bring your own app) is the Application (client) ID, a GUID.",
  fix: "copy the Application (client) ID from the app registration's Overview page, or remove clientId to let the stack create the app",
  source: "Microsoft Entra app registration: Application (client) ID",
  suppressible: false,
  check: (config) => {
    const id = config.application.clientId;
    return id === undefined || GUID.test(id)
      ? []
      : [{ path: ["application", "clientId"], message: `Client ID must be a GUID; ${quote(id)} given.` }];
  },
};
