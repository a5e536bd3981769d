package io.bingfa.multiprocessing;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;

/**
 * What a {@link Connection} end becomes when it is sent to another JVM: the rendezvous, which end
 * it is, and the pid of the JVM that sent it. Deserialising it gives a fresh, unconnected end and
 * writes this JVM's claim on it, so the peer can tell when the process holding it has died.
 */
record ConnSerialForm(PipeRendezvous rendezvous, boolean left, boolean readable, boolean writable,
        long senderPid) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    @Serial
    private Object readResolve() throws ObjectStreamException {
        long holder = rendezvous.claimant(left);
        boolean taken = holder != 0 && holder != senderPid && holder != PipeRendezvous.PID
                && PipeRendezvous.alive(holder);
        if (!taken) {
            try {
                rendezvous.claim(left);
            } catch (IOException e) {
                if (java.nio.file.Files.isDirectory(rendezvous.file(""))) {
                    var failure = new InvalidObjectException("cannot claim a pipe end in "
                            + rendezvous.dir() + ": " + e.getMessage());
                    failure.initCause(e);
                    throw failure;
                }
                // the creating JVM is gone; the first operation reports end of file
            }
        }
        return new Connection(rendezvous, left, readable, writable, taken ? holder : 0);
    }
}
