package io.github.vippscallback.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Hands on a request whose body was partly read: its stream gives the bytes already read, then the
 * rest of the container's stream, so the application sees the whole body once, as sent. Used in
 * report-only mode for a body over the size limit, which is never buffered whole.
 *
 * <p>Like the container's own stream it can be read once: {@link #getInputStream()} returns the same
 * stream each time, and {@link #getReader()} one reader over it. Non-blocking reading is handed to the
 * container's stream, with the bytes already read served first.
 */
final class PrefixedBodyRequest extends HttpServletRequestWrapper {

  private final byte[] prefix;
  private @Nullable PrefixedInputStream stream;
  private @Nullable BufferedReader reader;

  PrefixedBodyRequest(HttpServletRequest request, byte[] prefix) {
    super(request);
    this.prefix = prefix;
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    PrefixedInputStream current = stream;
    if (current == null) {
      current = new PrefixedInputStream(prefix, super.getInputStream());
      stream = current;
    }
    return current;
  }

  /** Decodes with the request's character encoding, or UTF-8 (JSON's) when it names none. */
  @Override
  public BufferedReader getReader() throws IOException {
    BufferedReader current = reader;
    if (current == null) {
      current = new BufferedReader(
          new InputStreamReader(getInputStream(), BufferedBodyRequest.charsetOf(getCharacterEncoding())));
      reader = current;
    }
    return current;
  }

  private static final class PrefixedInputStream extends ServletInputStream {

    private final byte[] prefix;
    private final ServletInputStream rest;
    private int position;

    PrefixedInputStream(byte[] prefix, ServletInputStream rest) {
      this.prefix = prefix;
      this.rest = rest;
    }

    @Override
    public int read() throws IOException {
      if (position < prefix.length) {
        return prefix[position++] & 0xff;
      }
      return rest.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      int left = prefix.length - position;
      if (left > 0) {
        int count = Math.min(left, length);
        System.arraycopy(prefix, position, buffer, offset, count);
        position += count;
        return count;
      }
      return rest.read(buffer, offset, length);
    }

    @Override
    public int available() throws IOException {
      int left = prefix.length - position;
      return left > 0 ? left : rest.available();
    }

    @Override
    public boolean isFinished() {
      return position >= prefix.length && rest.isFinished();
    }

    @Override
    public boolean isReady() {
      return position < prefix.length || rest.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      rest.setReadListener(listener);
    }

    @Override
    public void close() throws IOException {
      rest.close();
    }
  }
}
