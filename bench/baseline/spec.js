"use strict";
// Writes the hand-written baseline's input: for each environment, the literal values a person
// would type into a CDKTF program (names, GUIDs, mailbox definitions). Prepared before timing
// starts, from the same config, so the baseline declares exactly the resources genesys-email does.
const fs = require("node:fs");
const path = require("node:path");

const DIST = path.join(__dirname, "..", "..", "dist");

function baselineSpec(configFile) {
  const { loadConfigFile } = require(path.join(DIST, "src/config/load"));
  const { resolveEnvironments, validateEnvironment } = require(path.join(DIST, "src/config/environments"));
  const { requiredPermissions } = require(path.join(DIST, "src/permissions/required-permissions"));
  const defs = require(path.join(DIST, "constructs/private/mailbox-definitions"));
  const { passwordFlowLogins } = require(path.join(DIST, "src/model/mailbox"));
  const { secretRotation, slotRotationDays } = require(path.join(DIST, "src/model/secret-rotation"));
  const secretSpec = (r) => ({ cycleDays: slotRotationDays(r), offsetHours: r.rotationDays * 24, lifetimeHours: r.lifetimeDays * 24 });
  const { userSlugs } = require(path.join(DIST, "constructs/private/resource-names"));
  const stacks = [];
  for (const env of resolveEnvironments(loadConfigFile(configFile))) {
    const result = validateEnvironment(env);
    if (result.errors.length > 0) throw new Error(`${configFile} (${env.name}) has errors: ${result.errors[0].message}`);
    const config = result.config;
    const permissions = requiredPermissions(config);
    stacks.push({
      name: env.name,
      tenantId: config.tenant.directoryId,
      displayName: config.application.displayName,
      signInAudience: config.application.audience === "single-tenant" ? "AzureADMyOrg" : "AzureADMultipleOrgs",
      publicClient: permissions.publicClient,
      preventDestroy: config.application.preventDestroy,
      assignmentRequired: config.application.assignmentRequired,
      // The accounts that sign in with their password: each gets access to the app (assignment required).
      signInUsers: config.application.assignmentRequired ? signInUsers(passwordFlowLogins(config), userSlugs) : [],
      // Two rotating secret slots: each replaced every 2 rotation periods, b one period ahead.
      secret: permissions.clientSecret ? secretSpec(secretRotation(config)) : undefined,
      resources: permissions.byResource.map((r) => ({
        appId: r.resource.appId,
        slug: r.resource.appId === "00000003-0000-0000-c000-000000000000" ? "microsoft-graph" : r.resource.appId === "00000002-0000-0ff1-ce00-000000000000" ? "exchange-online" : r.resource.appId,
        access: r.permissions.map((p) => ({ id: p.id, type: p.type, value: p.value })),
      })),
      inbound: defs.inboundByName(config).map((m) => defs.inboundDefinition(m)),
      outbound: config.mailboxes.outbound ? defs.outboundDefinition(config.mailboxes.outbound) : undefined,
      fromAddresses: defs.fromAddressesDefinition(config),
      mailboxesOutput: defs.mailboxesOutput(config),
    });
  }
  return { stacks };
}

function signInUsers(logins, userSlugs) {
  const slugs = userSlugs(logins);
  return logins.map((upn) => ({ upn, slug: slugs.get(upn.toLowerCase()) }));
}

function writeBaselineSpec(configFile, specFile) {
  fs.writeFileSync(specFile, JSON.stringify(baselineSpec(configFile)));
  return specFile;
}

module.exports = { baselineSpec, writeBaselineSpec };
