package io.bingfa.multiprocessing;

import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * What a shared object becomes when it is serialised: where it is served, its id there, and what
 * kind of proxy to make of it. No auth key travels: the process that deserialises it connects
 * with the key it registered for the endpoint ({@link Manager#connect}) or its own auth key.
 *
 * @param endpoint the server holding the object
 * @param id the object's id on that server
 * @param kind "queue", "joinable", "dict", "list", "lock", "rlock", "semaphore", "event",
 *     "namespace" or "object"
 * @param maxsize a queue's capacity (0 for other kinds)
 */
record ProxyRef(Endpoint endpoint, long id, String kind, int maxsize) implements Serializable {
    private Object readResolve() throws ObjectStreamException {
        return switch (kind) {
            case "queue", "joinable" -> ProcessQueue.resolve(this);
            default -> Manager.resolve(this);
        };
    }
}
