package io.bingfa.multiprocessing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Manager} serves for a shared dict (and a {@link Namespace}): a map in insertion
 * order, as Python's dict, every method under the map's monitor. Values leave as copies.
 */
final class RemoteDict {
    private final Map<Object, Object> map;

    RemoteDict() {
        this(new LinkedHashMap<>());
    }

    RemoteDict(Map<Object, Object> map) {
        this.map = map;
    }

    public Object get(Object key) {
        synchronized (map) {
            return map.get(key);
        }
    }

    public Object put(Object key, Object value) {
        synchronized (map) {
            return map.put(key, value);
        }
    }

    public Object remove(Object key) {
        synchronized (map) {
            return map.remove(key);
        }
    }

    public boolean containsKey(Object key) {
        synchronized (map) {
            return map.containsKey(key);
        }
    }

    public boolean containsValue(Object value) {
        synchronized (map) {
            return map.containsValue(value);
        }
    }

    public int size() {
        synchronized (map) {
            return map.size();
        }
    }

    public void clear() {
        synchronized (map) {
            map.clear();
        }
    }

    public void putAll(Map<?, ?> entries) {
        synchronized (map) {
            map.putAll(entries);
        }
    }

    /** A copy of the entries, in order, as [key, value, key, value, ...]. */
    public ArrayList<Object> snapshot() {
        synchronized (map) {
            var all = new ArrayList<>(map.size() * 2);
            for (var e : map.entrySet()) {
                all.add(e.getKey());
                all.add(e.getValue());
            }
            return all;
        }
    }

    @Override
    public String toString() {
        synchronized (map) {
            return map.toString();
        }
    }

    static List<Object> keysOf(List<Object> snapshot) {
        var keys = new ArrayList<>(snapshot.size() / 2);
        for (int i = 0; i < snapshot.size(); i += 2) {
            keys.add(snapshot.get(i));
        }
        return keys;
    }
}
