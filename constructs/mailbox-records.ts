import { Construct } from "constructs";
import type { EmailConfig } from "../src/model/config";
import { fromAddressesDefinition, inboundByName, inboundDefinition, outboundDefinition } from "./private/mailbox-definitions";
import { TerraformData, checkTerraform } from "./private/terraform-data";
import { TERRAFORM_NEEDS, type TerraformNeed } from "../src/terraform/version";

export interface MailboxRecordsProps {
  /** The validated config whose mailboxes and From addresses are recorded. */
  readonly config: EmailConfig;
  /**
   * Whether to check, once, that the Terraform on the PATH knows `terraform_data` (1.4 or later).
   * @default true
   */
  readonly checkTerraformVersion?: boolean;
}

/**
 * Genesys E-mail Server mailboxes have no Terraform provider, so each inbound mailbox, the
 * outbound mailbox and the From-address folder become a `terraform_data` resource whose
 * `input` is the non-secret definition: a pull request's plan shows what changes.
 *
 * A Mailbox Name is create-only in Genesys: the name is part of the construct ID (so of the
 * Terraform address) and of `triggers_replace`, so a rename always plans as a replacement.
 */
export class MailboxRecords extends Construct {
  /** One record per inbound mailbox, by Mailbox Name. */
  readonly inbound: Readonly<Record<string, TerraformData>>;
  /** The outbound mailbox's record; absent when the config has no outbound mailbox. */
  readonly outbound?: TerraformData;
  /** The From-address folder and its addresses; absent when the config has neither a folder nor an address. */
  readonly fromAddresses?: TerraformData;
  /** What the records use that older Terraform lacks: `terraform_data` (Terraform 1.4). */
  readonly terraformNeeds: readonly TerraformNeed[] = [TERRAFORM_NEEDS.terraformData];

  constructor(scope: Construct, id: string, props: MailboxRecordsProps) {
    super(scope, id);
    // One Terraform version check for all records (CDKTF's DataResource runs one per resource).
    if (props.checkTerraformVersion ?? true) checkTerraform(this, this.terraformNeeds);
    const inbound: Record<string, TerraformData> = {};
    for (const m of inboundByName(props.config)) {
      inbound[m.name] = new TerraformData(this, `inbound-${m.name}`, {
        input: inboundDefinition(m),
        triggersReplace: { name: m.name },
      });
    }
    this.inbound = inbound;
    const outbound = props.config.mailboxes.outbound;
    if (outbound) {
      this.outbound = new TerraformData(this, "outbound", {
        input: outboundDefinition(outbound),
        triggersReplace: { name: outbound.name },
      });
    }
    const from = fromAddressesDefinition(props.config);
    if (from) this.fromAddresses = new TerraformData(this, "from-addresses", { input: from });
  }
}
