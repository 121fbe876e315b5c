import type { MigrationInterface, QueryRunner } from 'typeorm';

interface SeededTemplate {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly records: readonly { name: string; type: string; content: string; ttl: number }[];
  readonly variables: readonly { name: string; description: string; required: boolean }[];
}

/**
 * Two more system templates (a literal copy: later changes go in new migrations): mail
 * authentication (SPF, DMARC and DKIM, for any mail provider) and a CAA policy for an ACME CA. A
 * record that needs an optional variable which an apply does not give is left out of that apply.
 */
export const MAIL_AND_CAA_TEMPLATES: readonly SeededTemplate[] = [
  {
    id: '00000000-0000-4000-8000-000000000104',
    name: 'Mail authentication (SPF, DMARC, DKIM)',
    description:
      "SPF, a DMARC policy that reports and quarantines, and your mail provider's DKIM key. Add the provider's MX records yourself (or with its own template). Without dkim_public_key the DKIM record is left out: apply again once the provider shows the key.",
    records: [
      { name: '@', type: 'TXT', content: '"v=spf1 ${spf_senders} -all"', ttl: 3600 },
      {
        name: '_dmarc',
        type: 'TXT',
        content: '"v=DMARC1; p=quarantine; rua=mailto:${dmarc_reports}; adkim=r; aspf=r"',
        ttl: 3600,
      },
      {
        name: '${dkim_selector}._domainkey',
        type: 'TXT',
        content: '"v=DKIM1; k=rsa; p=${dkim_public_key}"',
        ttl: 3600,
      },
    ],
    variables: [
      {
        name: 'spf_senders',
        description:
          'The SPF mechanisms of the servers that send your mail, before -all: mx, include:_spf.google.com, ip4:192.0.2.25 …',
        required: true,
      },
      {
        name: 'dmarc_reports',
        description: 'The mailbox that receives DMARC aggregate reports (dmarc@example.com).',
        required: true,
      },
      {
        name: 'dkim_selector',
        description:
          'The DKIM selector your provider signs with (the label before ._domainkey: default, s1, google …).',
        required: true,
      },
      {
        name: 'dkim_public_key',
        description: 'The DKIM public key: the base64 p= value your provider shows.',
        required: false,
      },
    ],
  },
  {
    id: '00000000-0000-4000-8000-000000000105',
    name: "Let's Encrypt CAA (ACME)",
    description:
      "CAA records that let only Let's Encrypt issue certificates for the domain (and its wildcards), the CA ACME clients such as certbot, lego and acme.sh use by default. With iodef_contact, CAs report refused requests there.",
    records: [
      { name: '@', type: 'CAA', content: '0 issue "letsencrypt.org"', ttl: 3600 },
      { name: '@', type: 'CAA', content: '0 issuewild "letsencrypt.org"', ttl: 3600 },
      { name: '@', type: 'CAA', content: '0 iodef "mailto:${iodef_contact}"', ttl: 3600 },
    ],
    variables: [
      {
        name: 'iodef_contact',
        description:
          'A mailbox for reports of certificate requests the CAA records refused (optional).',
        required: false,
      },
    ],
  },
];

export class MailAndCaaTemplates1795600000002 implements MigrationInterface {
  name = 'MailAndCaaTemplates1795600000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const template of MAIL_AND_CAA_TEMPLATES) {
      await queryRunner.query(
        "INSERT INTO `templates` (`id`, `tenant_id`, `name`, `description`, `template_type`, `records`, `variables`, `created_by`) VALUES (?, NULL, ?, ?, 'system', ?, ?, NULL)",
        [
          template.id,
          template.name,
          template.description,
          JSON.stringify(template.records),
          JSON.stringify(template.variables),
        ],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM \`templates\` WHERE \`id\` IN (${MAIL_AND_CAA_TEMPLATES.map(() => '?').join(', ')})`,
      MAIL_AND_CAA_TEMPLATES.map((template) => template.id),
    );
  }
}
