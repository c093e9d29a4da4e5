package io.github.vippscallback.address;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads choices from a fuzzer's bytes, so that fuzz tests can take plain {@code byte[]} inputs (whose
 * seed files are plain files) and still build structured values. Once the bytes run out, every choice is
 * the first option.
 */
public final class FuzzInput {

  private final byte[] data;
  private int position;

  public FuzzInput(byte[] data) {
    this.data = data;
  }

  /** A number in {@code [0, bound)}, from one byte (two when bound is above 256). */
  public int next(int bound) {
    if (bound <= 1) {
      return 0;
    }
    int value = nextByte();
    if (bound > 256) {
      value = (value << 8) | nextByte();
    }
    return value % bound;
  }

  public boolean bool() {
    return (nextByte() & 1) == 1;
  }

  /** True about one time in {@code n}. */
  public boolean oneIn(int n) {
    return next(n) == 0;
  }

  public <T> T pick(List<T> options) {
    return options.get(next(options.size()));
  }

  public byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    for (int i = 0; i < count; i++) {
      bytes[i] = (byte) nextByte();
    }
    return bytes;
  }

  public long ttl() {
    return ((long) nextByte() << 24 | (long) nextByte() << 16 | nextByte() << 8 | nextByte()) & 0x7fff_ffffL;
  }

  /** Up to {@code max} characters, each a byte as ISO-8859-1. */
  public String text(int max) {
    int length = next(max + 1);
    byte[] bytes = bytes(Math.min(length, data.length - position));
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private int nextByte() {
    return position < data.length ? data[position++] & 0xff : 0;
  }
}
