import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/**
 * Writes a throwaway OpenPGP signing key for the release dry run ({@code -Prelease,dry-run}), so that the
 * whole release path, signing included, runs on a machine with nothing configured and no gpg binary.
 *
 * <p>Usage: {@code java -cp <bcpg, bcprov, bcutil> DryRunSigningKey.java <directory>}. Writes {@code
 * secret-key.asc} (armored, not protected by a passphrase) and {@code public-key.asc} into the directory,
 * unless {@code secret-key.asc} is there already (every published module asks; the first one makes it).
 * The key is new on every clean build: a signature made with it proves nothing, and Maven Central would
 * refuse it, since the public key is on no key server.
 */
public final class DryRunSigningKey {

  static final String USER_ID = "vipps-callback release dry run (throwaway key, NOT for publishing)";

  public static void main(String[] args) throws IOException, PGPException, java.security.GeneralSecurityException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: DryRunSigningKey <directory>");
    }
    Path directory = Path.of(args[0]);
    Path secretFile = directory.resolve("secret-key.asc");
    if (Files.exists(secretFile)) {
      return;
    }
    Files.createDirectories(directory);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(3072, new SecureRandom());
    PGPKeyPair pair = new JcaPGPKeyPair(
        PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL, generator.generateKeyPair(), new Date());
    PGPDigestCalculator sha1 = new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1);
    PGPSecretKey secret = new PGPSecretKey(
        PGPSignature.DEFAULT_CERTIFICATION, pair, USER_ID, sha1, null, null,
        new JcaPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256), null);
    Path partial = directory.resolve("secret-key.asc.partial");
    try (OutputStream out = new ArmoredOutputStream(Files.newOutputStream(partial))) {
      secret.encode(out);
    }
    try (OutputStream out = new ArmoredOutputStream(Files.newOutputStream(directory.resolve("public-key.asc")))) {
      secret.getPublicKey().encode(out);
    }
    Files.move(partial, secretFile);
    System.out.printf("Dry run: generated a throwaway signing key %016X (%s) in %s%n",
        secret.getKeyID(), USER_ID, directory);
  }
}
