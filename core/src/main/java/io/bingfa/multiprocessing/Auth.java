package io.bingfa.multiprocessing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mutual HMAC-SHA256 challenge-response on a shared auth key, run on a fresh connection before a
 * single byte of it is deserialised. Each side sends 32 random bytes; the other answers with
 * HMAC-SHA256(key, challenge); the challenger compares in constant time and answers "OK" or
 * "FAIL". The accepting side challenges first. Frames in the handshake are at most 64 bytes, so a
 * peer that sends garbage is cut off before anything is allocated for it.
 */
final class Auth {
    static final int MAX_HANDSHAKE_FRAME = 64;
    private static final byte[] OK = "#OK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAIL = "#FAIL".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Auth() {}

    /** Returns a new random 32-byte key. */
    static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** The accepting side: challenge the peer, then answer its challenge. */
    static void accept(FramedChannel channel, byte[] key) throws IOException {
        challenge(channel, key);
        answer(channel, key);
    }

    /** The connecting side: answer the peer's challenge, then challenge it. */
    static void connect(FramedChannel channel, byte[] key) throws IOException {
        answer(channel, key);
        challenge(channel, key);
    }

    private static void challenge(FramedChannel channel, byte[] key) throws IOException {
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        channel.write(nonce);
        byte[] response = channel.read(MAX_HANDSHAKE_FRAME);
        if (!MessageDigest.isEqual(response, hmac(key, nonce))) {
            channel.write(FAIL);
            throw new AuthenticationException("digest received was wrong");
        }
        channel.write(OK);
    }

    private static void answer(FramedChannel channel, byte[] key) throws IOException {
        byte[] nonce = channel.read(MAX_HANDSHAKE_FRAME);
        if (nonce.length != 32) {
            throw new AuthenticationException("challenge of " + nonce.length
                    + " bytes (expected: 32); the peer is not a bingfa endpoint");
        }
        channel.write(hmac(key, nonce));
        byte[] verdict = channel.read(MAX_HANDSHAKE_FRAME);
        if (!Arrays.equals(verdict, OK)) {
            throw new AuthenticationException("digest sent was rejected (wrong auth key)");
        }
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // HMAC pads keys with zeros, so the empty key equals one zero byte; SecretKeySpec
            // refuses an empty array (Python accepts b"" as an auth key: bpo-43952).
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
