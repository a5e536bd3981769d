package io.bingfa.multiprocessing;

import java.io.ObjectStreamException;
import java.io.Serializable;

/** What the {@link Manager} proxies share: the reference they serialise to, and calls on it. */
abstract class ProxyObject implements Serializable {
    private static final long serialVersionUID = 1L;

    final transient ProxyRef ref;
    final transient ProxyClient client;

    ProxyObject(ProxyRef ref) {
        this.ref = ref;
        this.client = ProxyClient.of(ref.endpoint());
    }

    /** A call that does not wait on the server. */
    final Object call(String method, Object... args) {
        return client.invokeQuick(ref.id(), method, args);
    }

    /** A call that may wait on the server. */
    final Object callWaiting(String method, Object... args) throws InterruptedException {
        return client.invoke(ref.id(), method, args);
    }

    final Object writeReplace() throws ObjectStreamException {
        return ref;
    }

    /** {@code Kind[endpoint#id]}. */
    final String where() {
        return ref.endpoint() + "#" + ref.id();
    }
}
