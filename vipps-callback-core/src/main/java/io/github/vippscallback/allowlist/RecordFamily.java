package io.github.vippscallback.allowlist;

import org.xbill.DNS.Type;

/** The two address record types each host is resolved for; each keeps its own state. */
enum RecordFamily {
  A(Type.A),
  AAAA(Type.AAAA);

  private final int type;

  RecordFamily(int type) {
    this.type = type;
  }

  /** The dnsjava record type. */
  int type() {
    return type;
  }
}
