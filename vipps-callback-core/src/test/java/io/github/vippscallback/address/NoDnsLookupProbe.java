package io.github.vippscallback.address;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Run by {@link NoDnsLookupTest} in a JVM of its own whose name service records every lookup: feeds
 * every hostile input through the parsing and resolving code, then makes one real lookup as a control
 * that the recording works.
 */
final class NoDnsLookupProbe {

  static final String INPUTS_DONE = "INPUTS DONE";
  static final String CONTROL_HOST = "control-lookup.invalid";
  static final String CONTROL_DONE = "CONTROL DONE";

  private NoDnsLookupProbe() {}

  /** Installs the recorder class named by {@code args[0]}, then runs the inputs and the control. */
  public static void main(String[] args) throws Exception {
    Class.forName(args[0]).getMethod("install").invoke(null);

    List<String> inputs = AddressLiteralTable.inputs().collect(Collectors.toList());
    AddressSet everything = AddressSet.of(List.of(IpRange.parse("0.0.0.0/0"), IpRange.parse("::/0")));
    ClientAddressResolver resolver = ClientAddressResolver.trusting(List.of("10.0.0.0/8", "::1"));
    int accepted = 0;
    for (String input : inputs) {
      IpAddress address = IpAddress.tryParse(input);
      if (address != null) {
        accepted++;
        InetAddress inet = address.toInetAddress();
        IpAddress.of(inet);
      }
      try {
        IpAddress.parse(input);
      } catch (IllegalArgumentException expected) {
        // not an address
      }
      try {
        IpRange.parse(input);
        IpRange.parse(input + "/8");
      } catch (IllegalArgumentException expected) {
        // not a range
      }
      try {
        ClientAddressResolver.trusting(List.of(input));
      } catch (IllegalArgumentException expected) {
        // not a proxy entry
      }
      everything.contains(input);
      resolver.resolve("10.0.0.1", List.of(input), List.of("for=" + input));
      resolver.resolve("10.0.0.1", List.of(input + ", 10.0.0.2"), List.of("for=\"[" + input + "]:80\""));
      resolver.resolve("::1", List.of("[" + input + "]:443"), List.of("for=\"" + input + ":80\""));
      resolver.resolve(input, List.of(input), List.of(input));
    }
    System.out.println(INPUTS_DONE + " " + inputs.size() + " inputs, " + accepted + " addresses");

    try {
      InetAddress.getAllByName(CONTROL_HOST);
    } catch (UnknownHostException | SecurityException expected) {
      // the recorder refuses every lookup
    }
    System.out.println(CONTROL_DONE);
  }
}
