package io.github.vippscallback.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import org.jspecify.annotations.Nullable;

/**
 * Hands a body that was already read whole (and verified, or in report-only mode checked) on to the
 * rest of the chain: {@link #getInputStream()} and {@link #getReader()} each start again at the first
 * byte, as often as asked.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

  private final byte[] body;

  BufferedBodyRequest(HttpServletRequest request, byte[] body) {
    super(request);
    this.body = body;
  }

  @Override
  public ServletInputStream getInputStream() {
    return new BodyInputStream(body);
  }

  /** Decodes with the request's character encoding, or UTF-8 (JSON's) when it names none. */
  @Override
  public BufferedReader getReader() throws UnsupportedEncodingException {
    return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
  }

  @Override
  public int getContentLength() {
    return body.length;
  }

  @Override
  public long getContentLengthLong() {
    return body.length;
  }

  private Charset charset() throws UnsupportedEncodingException {
    return charsetOf(getCharacterEncoding());
  }

  /** The named charset, or UTF-8 (JSON's) when none is named. */
  static Charset charsetOf(@Nullable String encoding) throws UnsupportedEncodingException {
    if (encoding == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(encoding);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new UnsupportedEncodingException(encoding);
    }
  }

  private static final class BodyInputStream extends ServletInputStream {

    private final ByteArrayInputStream in;

    BodyInputStream(byte[] body) {
      this.in = new ByteArrayInputStream(body);
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      return in.read(buffer, offset, length);
    }

    @Override
    public int available() {
      return in.available();
    }

    @Override
    public boolean isFinished() {
      return in.available() == 0;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      try {
        if (!isFinished()) {
          listener.onDataAvailable();
        }
        if (isFinished()) {
          listener.onAllDataRead();
        }
      } catch (IOException e) {
        listener.onError(e);
      }
    }
  }
}
