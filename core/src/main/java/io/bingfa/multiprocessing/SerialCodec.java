package io.bingfa.multiprocessing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.StreamCorruptedException;

/** JDK serialisation with {@link AllowList#filter()} installed on every input stream. */
final class SerialCodec implements Codec {
    static final SerialCodec INSTANCE = new SerialCodec();

    private SerialCodec() {}

    @Override
    public byte[] encode(Object value) throws IOException {
        var bytes = new ByteArrayOutputStream(256);
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object decode(byte[] bytes, int offset, int length) throws IOException {
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes, offset, length))) {
            in.setObjectInputFilter(AllowList.filter());
            return in.readObject();
        } catch (InvalidClassException rejected) {
            String refused = AllowList.lastRejected();
            if (refused != null) {
                throw new NotAllowedClassException(refused);
            }
            throw rejected;
        } catch (ClassNotFoundException missing) {
            var failure = new InvalidClassException(missing.getMessage(),
                    "class not found in this JVM (is it on the class path of every process?)");
            failure.initCause(missing);
            throw failure;
        } catch (StreamCorruptedException | RuntimeException garbage) {
            var failure = new StreamCorruptedException(
                    "not a serialised value (" + length + " bytes): " + garbage.getMessage());
            failure.initCause(garbage);
            throw failure;
        } finally {
            AllowList.clearRejected();
        }
    }

    @Override
    public String toString() {
        return "Codec[JDK serialisation, " + AllowList.describe() + "]";
    }
}
