package io.github.vippscallback.samples.allowlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.github.vippscallback.allowlist.VippsAllowlist;
import io.github.vippscallback.settings.Setting;
import io.github.vippscallback.settings.SettingException;
import io.github.vippscallback.settings.SettingReader;
import io.github.vippscallback.test.LoopbackDnsExtension;
import io.github.vippscallback.test.LoopbackDnsServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tool run in-process, as a user runs it, against a DNS server on loopback. */
class AllowlistCommandTest {

  @RegisterExtension
  final LoopbackDnsExtension dns = new LoopbackDnsExtension()
      .answer("callback-mt-1.vipps.no", 60, "192.0.2.10", "2001:db8::10")
      .answer("callback-mt-2.vipps.no", 60, "192.0.2.11");

  private String[] test(String... more) {
    String[] args = new String[5 + more.length];
    args[0] = "--environment";
    args[1] = "test";
    args[2] = "--dns-server";
    args[3] = dns.address();
    args[4] = "--accept-special-purpose-addresses"; // the scripted answers are documentation addresses
    System.arraycopy(more, 0, args, 5, more.length);
    return args;
  }

  @Test
  void printsEveryAddressOfTheEnvironmentOneALineByDefault() {
    ToolRun tool = ToolRun.create();

    assertThat(tool.run(test())).isEqualTo(ExitCode.OK);

    assertThat(tool.out()).isEqualTo("192.0.2.10\n192.0.2.11\n2001:db8::10\n");
  }

  @Test
  void printsCidrsWithFormatCidr() {
    ToolRun tool = ToolRun.create();

    assertThat(tool.run(test("--format", "cidr"))).isEqualTo(ExitCode.OK);

    assertThat(tool.out()).isEqualTo("192.0.2.10/32\n192.0.2.11/32\n2001:db8::10/128\n");
  }

  @Test
  void printsNginxAllowLinesEndingWithDenyAll() {
    ToolRun tool = ToolRun.create();

    assertThat(tool.run(test("--format=nginx"))).isEqualTo(ExitCode.OK);

    assertThat(tool.out()).endsWith("""
        allow 192.0.2.10;
        allow 192.0.2.11;
        allow 2001:db8::10;
        deny all;
        """).startsWith("# Vipps MobilePay request servers (test)");
  }

  @Test
  void printsAnNftScriptThatDefinesAndRefillsOneSetPerAddressFamily() {
    ToolRun tool = ToolRun.create();

    assertThat(tool.run(test("--format", "nftables"))).isEqualTo(ExitCode.OK);

    assertThat(tool.out()).endsWith("""
        add table inet vipps_callback
        add set inet vipps_callback test_ipv4 { type ipv4_addr; flags interval; auto-merge; }
        flush set inet vipps_callback test_ipv4
        add element inet vipps_callback test_ipv4 { 192.0.2.10, 192.0.2.11 }
        add set inet vipps_callback test_ipv6 { type ipv6_addr; flags interval; auto-merge; }
        flush set inet vipps_callback test_ipv6
        add element inet vipps_callback test_ipv6 { 2001:db8::10 }
        """);
  }

  @Test
  void printsIptablesRestoreAcceptLinesForIpv4AndNotesTheLeftOutIpv6() {
    ToolRun tool = ToolRun.create();

    assertThat(tool.run(test("--format", "iptables"))).isEqualTo(ExitCode.OK);

    assertThat(tool.out()).endsWith("""
        *filter
        :VIPPS-CALLBACK-TEST - [0:0]
        -F VIPPS-CALLBACK-TEST
        -A VIPPS-CALLBACK-TEST -s 192.0.2.10/32 -j ACCEPT
        -A VIPPS-CALLBACK-TEST -s 192.0.2.11/32 -j ACCEPT
        COMMIT
        """);
    assertThat(tool.err()).contains("1 IPv6 entries are left out", "--format ip6tables");
  }

  @Test
  void printsIp6tablesRestoreAcceptLinesForIpv6() {
    ToolRun tool = ToolRun.create();

    assertThat(tool.run(test("--format", "ip6tables"))).isEqualTo(ExitCode.OK);

    assertThat(tool.out()).contains("-A VIPPS-CALLBACK-TEST -s 2001:db8::10/128 -j ACCEPT\nCOMMIT\n")
        .doesNotContain("192.0.2.");
  }

  @Test
  void printsOneJsonObjectWithEnvironmentAndAddresses() {
    ToolRun tool = ToolRun.create();

    assertThat(tool.run(test("--format", "JSON"))).isEqualTo(ExitCode.OK);

    assertThat(tool.out()).isEqualTo(
        "{\"environment\":\"test\",\"addresses\":[\"192.0.2.10\",\"192.0.2.11\",\"2001:db8::10\"]}\n");
  }

  @Test
  void resolvesProductionAndDisasterRecoveryHostsForProd() {
    dns.answer("callback-1.vipps.no", 60, "192.0.2.1");
    dns.answer("callback-dr-4.vipps.no", 60, "192.0.2.84");
    ToolRun tool = ToolRun.create();

    assertThat(tool.run("--environment", "prod", "--dns-server", dns.address(),
        "--accept-special-purpose-addresses")).isEqualTo(ExitCode.OK);

    assertThat(tool.out()).isEqualTo("192.0.2.1\n192.0.2.84\n");
  }

  @Test
  void exitsWithThreeAndNamesEveryHostWhenNothingCouldBeResolved() {
    ToolRun tool = ToolRun.create();

    assertThat(tool.run("--environment", "prod", "--dns-server", dns.address(),
        "--accept-special-purpose-addresses")).isEqualTo(ExitCode.NOTHING_RESOLVED);

    assertThat(tool.out()).isEmpty();
    assertThat(tool.err()).contains("none of the request servers of prod could be resolved",
        "callback-1.vipps.no: the DNS answer has no A or AAAA record",
        "callback-dr-4.vipps.no: the DNS answer has no A or AAAA record");
  }

  @Test
  void exitsWithThreeAndNamesTheDnsErrorWhenTheServerFails() {
    dns.behave("callback-mt-1.vipps.no", LoopbackDnsServer.Behaviour.SERVFAIL);
    dns.behave("callback-mt-2.vipps.no", LoopbackDnsServer.Behaviour.REFUSED);
    ToolRun tool = ToolRun.create();

    assertThat(tool.run(test())).isEqualTo(ExitCode.NOTHING_RESOLVED);

    assertThat(tool.out()).isEmpty();
    assertThat(tool.err()).contains("callback-mt-1.vipps.no: ", "SERVFAIL", "callback-mt-2.vipps.no: ", "REFUSED");
  }

  @Test
  void helpGivesTheFormsOfADnsServerFromTheSettingsTableAndAcceptsEachOfThem() throws UsageException {
    String help = Usage.TEXT.substring(Usage.TEXT.indexOf("--dns-server"), Usage.TEXT.indexOf("--format"));

    assertThat(Setting.DNS_SERVERS.validValues()).contains(VippsAllowlist.DNS_SERVER_FORMS);
    assertThat(help).contains(VippsAllowlist.DNS_SERVER_FORMS, "never host names").doesNotContain("host:port");
    assertThat(OptionsParser.parse(new String[] {"--environment", "test", "--dns-server", "10.0.0.53",
        "--dns-server", "127.0.0.1:5353", "--dns-server", "[::1]:5353"}).settings())
        .containsEntry("--dns-server", "10.0.0.53,127.0.0.1:5353,[::1]:5353");
    assertThatThrownBy(() -> OptionsParser.parse(new String[] {"--environment", "test", "--dns-server", "ns1.example"}))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'ns1.example'")
        .hasMessageEndingWith(Setting.DNS_SERVERS.validValues());
  }

  @Test
  void printsUsageToStdoutAndExitsWithZeroForHelp() {
    ToolRun tool = ToolRun.create();

    assertThat(tool.run("--help")).isEqualTo(ExitCode.OK);

    assertThat(tool.out()).isEqualTo(Usage.TEXT);
    assertThat(dns.server().queryCount("callback-mt-1.vipps.no")).isZero();
  }

  @Test
  void exitsWithTwoAndNamesTheMissingEnvironment() {
    assertUsageError(new String[] {"--format", "nginx"},
        "--environment is required; valid values are");
  }

  @Test
  void exitsWithTwoAndNamesABadEnvironmentAndTheValidOnes() {
    assertUsageError(new String[] {"--environment", "staging"},
        "--environment 'staging' is not an environment; valid values are", "prod", "test");
  }

  @Test
  void exitsWithTwoAndNamesABadFormatAndTheValidOnes() {
    assertUsageError(test("--format", "pf"),
        "--format 'pf' is not a format; valid values are plain, cidr, nginx, nftables, iptables, ip6tables, json");
  }

  @Test
  void exitsWithTwoAndNamesAnUnknownOption() {
    assertUsageError(test("--verbose"), "unknown option '--verbose'; valid options are");
  }

  @Test
  void exitsWithTwoWhenAnOptionLacksItsValue() {
    assertUsageError(new String[] {"--environment"}, "--environment needs a value");
    assertUsageError(new String[] {"--environment", "test", "--dns-server", "--watch"}, "--dns-server needs a value");
  }

  @Test
  void exitsWithTwoAndNamesABadDnsServer() {
    assertUsageError(new String[] {"--environment", "test", "--dns-server", "127.0.0.1:99999"},
        "--dns-server", "127.0.0.1:99999");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"--min-ttl, soon", "--min-ttl, 500ms", "--max-ttl, 0s", "--environment, staging",
      "--dns-server, 127.0.0.1:99999", "--dns-server, dns.example"})
  void exitsWithTwoWordingABadSettingAsTheSettingsTableDoes(String flag, String value) {
    Map<String, String> flags = new HashMap<>(Map.of("--environment", "test"));
    flags.put(flag, value);
    SettingException table = catchThrowableOfType(SettingException.class,
        () -> SettingReader.of(Setting.Spelling.FLAG, flags::get).allowlist());

    assertThat(table.name()).isEqualTo(flag);
    assertThat(table.getMessage()).startsWith(flag + " ").contains(table.reason())
        .endsWith(table.setting().validValues());
    String[] args = flags.entrySet().stream().flatMap(entry -> Stream.of(entry.getKey(), entry.getValue()))
        .toArray(String[]::new);
    assertUsageError(args, "error: " + table.getMessage() + "\n");
  }

  @Test
  void exitsWithTwoForOnChangeWithoutWatch() {
    assertUsageError(test("--on-change", "cat"), "--on-change needs --watch");
  }

  @Test
  void exitsWithTwoForABadDuration() {
    assertUsageError(test("--min-ttl", "soon"), "--min-ttl 'soon' is not a duration; valid values look like");
  }

  @Test
  void leavesAddressesTheAddressPolicyRefusesOutAndNamesThemOnStandardError() {
    dns.answer("callback-mt-1.vipps.no", 60, "93.184.216.34", "127.0.0.1");
    dns.answer("callback-mt-2.vipps.no", 60, "10.0.0.1");
    ToolRun tool = ToolRun.create();

    // No --accept-special-purpose-addresses: only the public address is printed.
    assertThat(tool.run("--environment", "test", "--dns-server", dns.address())).isEqualTo(ExitCode.OK);

    assertThat(tool.out()).isEqualTo("93.184.216.34\n");
    assertThat(tool.err())
        .contains("warning: callback-mt-1.vipps.no: DNS answered addresses the address policy refused, left out of"
            + " the set: 127.0.0.1 in 127.0.0.0/8 Loopback (RFC 1122)")
        .contains("warning: callback-mt-2.vipps.no: DNS answered addresses the address policy refused, left out of"
            + " the set: 10.0.0.1 in 10.0.0.0/8 Private-Use (RFC 1918)");
  }

  @Test
  void printsSpecialPurposeAddressesWithTheAcceptSpecialPurposeAddressesFlag() {
    dns.answer("callback-mt-1.vipps.no", 60, "93.184.216.34", "127.0.0.1");
    dns.answer("callback-mt-2.vipps.no", 60, "10.0.0.1");
    ToolRun tool = ToolRun.create();

    assertThat(tool.run("--environment", "test", "--dns-server", dns.address(), "--accept-special-purpose-addresses"))
        .isEqualTo(ExitCode.OK);

    assertThat(tool.out()).isEqualTo("10.0.0.1\n93.184.216.34\n127.0.0.1\n");
    assertThat(tool.err()).doesNotContain("refused");
  }

  @Test
  void exitsWithThreeAndSaysWhyWhenEveryAnswerIsRefused() {
    dns.answer("callback-mt-1.vipps.no", 60, "127.0.0.1");
    dns.answer("callback-mt-2.vipps.no", 60, "0.0.0.0");
    ToolRun tool = ToolRun.create();

    assertThat(tool.run("--environment", "test", "--dns-server", dns.address())).isEqualTo(ExitCode.NOTHING_RESOLVED);

    assertThat(tool.out()).isEmpty();
    assertThat(tool.err())
        .contains("callback-mt-1.vipps.no: A: every address of the answer was refused by the address policy:"
            + " [127.0.0.1 in 127.0.0.0/8 Loopback (RFC 1122)]")
        .contains("0.0.0.0 in 0.0.0.0/32 \"This host on this network\" (RFC 1122), never accepted");
  }

  @Test
  void exitsWithTwoForARepeatedOption() {
    assertUsageError(test("--format", "json", "--format", "plain"), "--format is given more than once");
  }

  private void assertUsageError(String[] args, String... messageParts) {
    ToolRun tool = ToolRun.create();

    assertThat(tool.run(args)).isEqualTo(ExitCode.USAGE);

    assertThat(tool.out()).isEmpty();
    assertThat(tool.err()).startsWith("error: ").contains(messageParts).endsWith(Usage.TEXT);
  }

  @Test
  void printsTheSetAgainWhenDnsChangesItWhileWatching() throws Exception {
    ToolRun tool = ToolRun.create();
    CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(
        () -> tool.run(test("--format", "cidr", "--watch", "--min-ttl", "1s", "--max-ttl", "1s")));
    await().atMost(Duration.ofSeconds(20)).until(() -> tool.out().contains("192.0.2.11/32"));

    dns.answer("callback-mt-2.vipps.no", 1, "192.0.2.12");

    await().atMost(Duration.ofSeconds(20)).until(() -> tool.out().contains("192.0.2.12/32"));
    tool.stop();
    assertThat(exitCode.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
    assertThat(tool.out()).isEqualTo("""
        192.0.2.10/32
        192.0.2.11/32
        2001:db8::10/128
        192.0.2.10/32
        192.0.2.12/32
        2001:db8::10/128
        """);
    assertThat(tool.err()).contains("allowlist changed: 1 added, 1 removed, 3 now");
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the command below is a POSIX shell command")
  void runsTheOnChangeCommandWithTheSetOnStdinAndTheChangeInVariables(@TempDir Path dir) throws Exception {
    Path set = dir.resolve("set.txt");
    Path added = dir.resolve("added.txt");
    String command = "cat > '" + set + "'; printf '%s|%s|%s' \"$VIPPS_ENVIRONMENT\" \"$VIPPS_ALLOWLIST_ADDED\""
        + " \"$VIPPS_ALLOWLIST_REMOVED\" > '" + added + "'";
    ToolRun tool = ToolRun.create();
    CompletableFuture<Integer> exitCode = CompletableFuture.supplyAsync(() -> tool.run(
        test("--format", "nginx", "--watch", "--min-ttl", "1s", "--max-ttl", "1s", "--on-change", command)));
    await().atMost(Duration.ofSeconds(20)).until(() -> read(added).startsWith("test|"));
    assertThat(read(set)).contains("allow 192.0.2.11;\n");

    dns.answer("callback-mt-2.vipps.no", 1, "192.0.2.12");

    await().atMost(Duration.ofSeconds(20)).until(() -> read(added).equals("test|192.0.2.12/32|192.0.2.11/32"));
    assertThat(read(set)).contains("allow 192.0.2.12;\n").doesNotContain("192.0.2.11");
    tool.stop();
    assertThat(exitCode.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
    assertThat(tool.out()).isEmpty();
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
