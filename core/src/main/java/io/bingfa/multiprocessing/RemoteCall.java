package io.bingfa.multiprocessing;

import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * One request to an {@link ObjectServer}: call {@code method} on the object registered as
 * {@code objectId} with {@code args}. Its call id travels in front of it, outside the serialised
 * body, so that the server can answer even a request whose body it refuses to deserialise.
 *
 * <p>Wire format, after the handshake of {@link Auth}: a request frame is an 8-byte call id then
 * the codec bytes of this record; call id 0 is one-way (no reply). A reply frame is the 8-byte
 * call id, a status byte ({@link #VALUE} or {@link #ERROR}) and the codec bytes of the value, or
 * for an error two length-prefixed parts: the {@link RemoteException} text form, then the
 * exception itself (which the caller may fail to decode: the text form still arrives).
 */
record RemoteCall(long objectId, String method, Object[] args) implements Serializable {
    static final byte VALUE = 0;
    static final byte ERROR = 1;
    /** The method every server answers, on every object id, with {@code null}: a barrier. */
    static final String SYNC = "#sync";

    static byte[] frame(long callId, byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putLong(callId).put(body).array();
    }

    static byte[] reply(long callId, byte status, byte[] body) {
        return ByteBuffer.allocate(9 + body.length).putLong(callId).put(status).put(body).array();
    }

    static byte[] errorBody(byte[] text, byte[] original) {
        return ByteBuffer.allocate(8 + text.length + original.length)
                .putInt(text.length).put(text).putInt(original.length).put(original).array();
    }
}
