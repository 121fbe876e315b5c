import { canonicalContent } from './record-content';
import { contentTable, ZONE } from './content-table.testing';

const x = (n: number) => 'x'.repeat(n);
/** é and 😀 as stored: their UTF-8 bytes as \DDD. */
const E = String.raw`\195\169`;
const SMILE = String.raw`\240\159\152\128`;

describe('text content', () => {
  contentTable(
    'TXT',
    [
      // Unquoted text is one literal string.
      ['v=spf1 include:_spf.example.net ~all', '"v=spf1 include:_spf.example.net ~all"'],
      ['hello', '"hello"'],
      ['  padded  ', '"padded"'],
      [String.raw`say "hi" to C:\dir`, String.raw`"say \"hi\" to C:\\dir"`],
      // Quoted strings keep their boundaries; spacing between them is normalised.
      ['"v=spf1 -all"', '"v=spf1 -all"'],
      ['"a" "b"', '"a" "b"'],
      ['"a"   "b"', '"a" "b"'],
      ['""', '""'],
      ['"" ""', '"" ""'],
      // Escapes are decoded and printed back in one form.
      [String.raw`"x\"y\\z"`, String.raw`"x\"y\\z"`],
      [String.raw`"a\065"`, '"aA"'],
      [String.raw`"semi\;colon"`, '"semi;colon"'],
      ['"tab\there"', String.raw`"tab\009here"`],
      ['"line\nbreak"', String.raw`"line\010break"`],
      // Non-ASCII is stored as \DDD bytes, whether written as text or already escaped.
      ['"café"', String.raw`"caf\195\169"`],
      [String.raw`"caf\195\169"`, String.raw`"caf\195\169"`],
      ['"€ 中"', String.raw`"\226\130\172 \228\184\173"`],
      ['"😀 ok"', String.raw`"\240\159\152\128 ok"`],
      ['grüße', String.raw`"gr\195\188\195\159e"`],
      // Bytes that are not valid UTF-8, and control characters, are kept as they are.
      [String.raw`"\255\000"`, String.raw`"\255\000"`],
      [String.raw`"\226\130"`, String.raw`"\226\130"`],
      [String.raw`"\194\133"`, String.raw`"\194\133"`],
      [String.raw`"\127"`, String.raw`"\127"`],
      // Strings longer than 255 bytes are split into several; 255 is one string.
      [`"${x(255)}"`, `"${x(255)}"`],
      [`"${x(256)}"`, `"${x(255)}" "x"`],
      [x(300), `"${x(255)}" "${x(45)}"`],
      [`"${x(600)}"`, `"${x(255)}" "${x(255)}" "${x(90)}"`],
      [`"${x(300)}" "${x(10)}"`, `"${x(255)}" "${x(45)}" "${x(10)}"`],
      // An escape is one byte: 255 escaped quotes fit in one string.
      [`"${'\\"'.repeat(255)}"`, `"${'\\"'.repeat(255)}"`],
      [`"${'\\"'.repeat(256)}"`, `"${'\\"'.repeat(255)}" "\\""`],
      [`"${'\\000'.repeat(256)}"`, `"${'\\000'.repeat(255)}" "\\000"`],
      // Never split inside a UTF-8 character: é is 2 bytes, 😀 is 4.
      [`${x(254)}é`, `"${x(254)}" "${E}"`],
      [`${x(253)}é`, `"${x(253)}${E}"`],
      [`${x(253)}😀`, `"${x(253)}" "${SMILE}"`],
      [`${x(251)}😀`, `"${x(251)}${SMILE}"`],
      ['é'.repeat(200), `"${E.repeat(127)}" "${E.repeat(73)}"`],
      // Already-escaped UTF-8 is split at the same character boundaries.
      [`"${x(254)}\\195\\169"`, `"${x(254)}" "${E}"`],
    ],
    [
      ['', 'TXT content is empty'],
      ['   ', 'TXT content is empty'],
      ['"abc', 'never closed'],
      [String.raw`"abc\"`, 'never closed'],
      ['"a" b', "has 'b' outside double quotes"],
      ['"a"b', 'right after a closing quote'],
      [String.raw`"\25"`, String.raw`not \DDD with a number from 000 to 255`],
      [String.raw`"\256"`, String.raw`not \DDD`],
      [x(70000), 'at most 65535 fit in one record'],
    ],
  );

  it('splits long unquoted DKIM keys into 255-byte strings', () => {
    const key = `v=DKIM1; k=rsa; p=${'A'.repeat(392)}`;
    const result = canonicalContent('TXT', key, ZONE);
    expect(result).toEqual({ content: `"${key.slice(0, 255)}" "${key.slice(255)}"` });
  });

  it('keeps stored content under the column limit', () => {
    expect(canonicalContent('TXT', x(63500), ZONE)).toEqual({
      error: expect.stringContaining('longer than 64000 bytes'),
    });
  });

  contentTable(
    'CAA',
    [
      ['0 issue "letsencrypt.org"', '0 issue "letsencrypt.org"'],
      ['0 issue letsencrypt.org', '0 issue "letsencrypt.org"'],
      ['0 ISSUE "letsencrypt.org"', '0 issue "letsencrypt.org"'],
      ['0   issue    "letsencrypt.org"', '0 issue "letsencrypt.org"'],
      ['128 issue "ca.example.net; account=230123"', '128 issue "ca.example.net; account=230123"'],
      ['0 issuewild ";"', '0 issuewild ";"'],
      ['0 issue ""', '0 issue ""'],
      ['0 issuemail "ca.example.net"', '0 issuemail "ca.example.net"'],
      ['0 iodef "mailto:security@example.com"', '0 iodef "mailto:security@example.com"'],
      ['0 iodef https://iodef.example.com/report', '0 iodef "https://iodef.example.com/report"'],
      ['0 contactemail "dns@example.com"', '0 contactemail "dns@example.com"'],
    ],
    [
      ['256 issue "letsencrypt.org"', 'CAA flags must be a number from 0 to 255'],
      ['issue "letsencrypt.org"', 'CAA flags must be a number from 0 to 255'],
      ['0 iss_ue "x"', 'CAA tag must be 1 to 15 letters or digits'],
      ['0 "issue" "x"', 'CAA tag must be 1 to 15 letters or digits'],
      ['0 issue', 'CAA issue value is missing'],
      ['0 issue "lets encrypt"', "CAA issue value must be a CA's domain name"],
      ['0 issue "https://letsencrypt.org"', "CAA issue value must be a CA's domain name"],
      ['0 issue "a" "b"', 'CAA value must be one quoted string'],
      ['0 issue "letsencrypt.org', 'never closed'],
      ['0 iodef "security@example.com"', 'CAA iodef value must be a mailto: or https:// URL'],
      ['0', 'CAA content must be \'<flags> <tag> "<value>"\''],
    ],
  );

  contentTable(
    'NAPTR',
    [
      [
        '100 10 "S" "SIP+D2U" "" _sip._udp.example.com.',
        '100 10 "S" "SIP+D2U" "" _sip._udp.example.com.',
      ],
      [
        '100 10 "s" "SIP+D2U" "" _SIP._udp.Example.com.',
        '100 10 "S" "SIP+D2U" "" _sip._udp.example.com.',
      ],
      ['100 10 S SIP+D2U "" _sip._udp', '100 10 "S" "SIP+D2U" "" _sip._udp.example.com.'],
      [
        '100 10 "U" "E2U+sip" "!^.*$!sip:info@example.com!" .',
        '100 10 "U" "E2U+sip" "!^.*$!sip:info@example.com!" .',
      ],
      [
        String.raw`10 100 "u" "E2U+sip" "!^\\+1(.*)$!sip:\\1@example.com!i" .`,
        String.raw`10 100 "U" "E2U+sip" "!^\\+1(.*)$!sip:\\1@example.com!i" .`,
      ],
      ['0 0 "" "" "" next.example.net.', '0 0 "" "" "" next.example.net.'],
    ],
    [
      ['100 10 "S" "SIP+D2U" ""', "NAPTR content must be '<order> <preference>"],
      ['100 10 "S" "SIP+D2U" "!^.*$!x!" _sip._udp.example.com.', 'not both'],
      ['100 10 "S" "SIP+D2U" "" .', 'both are empty'],
      ['70000 10 "S" "SIP+D2U" "" _sip._udp.example.com.', 'NAPTR order must be a number'],
      ['100 x "S" "SIP+D2U" "" _sip._udp.example.com.', 'NAPTR preference must be a number'],
      ['100 10 "S!" "SIP+D2U" "" _sip._udp.example.com.', 'NAPTR flags must be letters or digits'],
      ['100 10 "S" "SIP D2U" "" _sip._udp.example.com.', 'NAPTR services must be'],
      ['100 10 "U" "E2U+sip" "^.*$" .', 'NAPTR regexp must look like'],
      ['100 10 "U" "E2U+sip" "!^.*$!x!!" .', 'NAPTR regexp must look like'],
      ['100 10 "S" "SIP+D2U" "" "_sip._udp.example.com."', 'must not be quoted'],
      ['100 10 "S" "SIP+D2U" "" 192.0.2.1', 'NAPTR replacement must be a host name, not an IP'],
    ],
  );
});
