package io.bingfa.multiprocessing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bag of named attributes served by a {@link Manager} (Python's {@code Namespace}): {@code
 * ns.set("x", 10)} in one process, {@code ns.get("x")} in another. Values are copied both ways.
 * Serialisable: a copy sent to a child JVM reaches the same namespace.
 */
public final class Namespace implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final transient Handle handle;

    Namespace(ProxyRef ref) {
        this.handle = new Handle(ref);
    }

    /**
     * Returns the value of attribute {@code name}.
     *
     * @throws IllegalArgumentException if there is no such attribute (Python's AttributeError)
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        Object value = handle.call("get", name);
        if (value == null && !has(name)) {
            throw new IllegalArgumentException("'Namespace' object has no attribute '" + name + "'");
        }
        return (T) value;
    }

    /** Sets attribute {@code name} to (a copy of) {@code value}. */
    public void set(String name, Object value) {
        handle.call("put", name, value);
    }

    /** Whether attribute {@code name} exists. */
    public boolean has(String name) {
        return (Boolean) handle.call("containsKey", name);
    }

    /** Removes attribute {@code name}; does nothing if there is none. */
    public void delete(String name) {
        handle.call("remove", name);
    }

    /** A copy of every attribute, in the order they were first set. */
    public Map<String, Object> toMap() {
        @SuppressWarnings("unchecked")
        List<Object> all = (List<Object>) handle.call("snapshot");
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < all.size(); i += 2) {
            map.put((String) all.get(i), all.get(i + 1));
        }
        return map;
    }

    /** {@code Namespace(x=10, y='hello')}, as Python prints it. */
    @Override
    public String toString() {
        var parts = new StringBuilder("Namespace(");
        String sep = "";
        for (var e : toMap().entrySet()) {
            Object v = e.getValue();
            parts.append(sep).append(e.getKey()).append('=')
                    .append(v instanceof String s ? "'" + s + "'" : String.valueOf(v));
            sep = ", ";
        }
        return parts.append(')').toString();
    }

    private Object writeReplace() {
        return handle.ref;
    }

    private static final class Handle extends ProxyObject {
        private static final long serialVersionUID = 1L;

        Handle(ProxyRef ref) {
            super(ref);
        }
    }
}
