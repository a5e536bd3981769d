package io.bingfa.multiprocessing;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A dict shared through a {@link Manager} (Python's {@code DictProxy}): a {@link Map} whose every
 * operation is a call to the manager. Keys and values are copied both ways: changing a value
 * taken out of the map does not change the map; put it back. Iteration walks a snapshot of the
 * entries taken when the iterator is created; removing through the iterator removes remotely.
 * Serialisable: a copy sent to a child JVM reaches the same dict.
 */
final class ProxyDict<K, V> extends AbstractMap<K, V> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final transient Handle handle;

    ProxyDict(ProxyRef ref) {
        this.handle = new Handle(ref);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        return (V) handle.call("get", key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V put(K key, V value) {
        return (V) handle.call("put", key, value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V remove(Object key) {
        return (V) handle.call("remove", key);
    }

    @Override
    public boolean containsKey(Object key) {
        return (Boolean) handle.call("containsKey", key);
    }

    @Override
    public boolean containsValue(Object value) {
        return (Boolean) handle.call("containsValue", value);
    }

    @Override
    public int size() {
        return (Integer) handle.call("size");
    }

    @Override
    public void clear() {
        handle.call("clear");
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> entries) {
        handle.call("putAll", new java.util.LinkedHashMap<>(entries));
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<K, V>> iterator() {
                @SuppressWarnings("unchecked")
                List<Object> snapshot = (List<Object>) handle.call("snapshot");
                return new Iterator<>() {
                    int next;
                    K last;
                    boolean canRemove;

                    @Override
                    public boolean hasNext() {
                        return next < snapshot.size();
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public Entry<K, V> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        K k = (K) snapshot.get(next);
                        V v = (V) snapshot.get(next + 1);
                        next += 2;
                        last = k;
                        canRemove = true;
                        return new SimpleEntry<>(k, v) {
                            @Override
                            public V setValue(V value) {
                                super.setValue(value);
                                return ProxyDict.this.put(getKey(), value);
                            }
                        };
                    }

                    @Override
                    public void remove() {
                        if (!canRemove) {
                            throw new IllegalStateException("next() not called");
                        }
                        canRemove = false;
                        ProxyDict.this.remove(last);
                    }
                };
            }

            @Override
            public int size() {
                return ProxyDict.this.size();
            }
        };
    }


    private Object writeReplace() throws ObjectStreamException {
        return handle.ref;
    }

    private static final class Handle extends ProxyObject {
        private static final long serialVersionUID = 1L;

        Handle(ProxyRef ref) {
            super(ref);
        }
    }
}
