package io.bingfa.multiprocessing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Forwards the calls on a {@link java.lang.reflect.Proxy} made by {@link Manager#proxy} to the
 * object served under {@code ref}, by method name (Python's {@code BaseProxy._callmethod}).
 * {@code equals}, {@code hashCode} and {@code toString} are answered locally.
 */
final class ProxyHandler implements InvocationHandler {
    private final ProxyRef ref;
    private final ProxyClient client;
    private final Class<?> iface;

    ProxyHandler(ProxyRef ref, Class<?> iface) {
        this.ref = ref;
        this.client = ProxyClient.of(ref.endpoint());
        this.iface = iface;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> iface.getSimpleName() + "Proxy[" + ref.endpoint() + "#" + ref.id() + "]";
            };
        }
        try {
            return client.call(ref.id(), method.getName(), args == null ? new Object[0] : args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            if (Arrays.stream(method.getExceptionTypes()).anyMatch(t -> t.isInstance(e))) {
                throw e;
            }
            if (e instanceof IOException lost) {
                throw new UncheckedIOException(lost.getMessage(), lost);
            }
            var wrapped = new RemoteException(e.toString());
            wrapped.initCause(e);
            throw wrapped;
        }
    }
}
