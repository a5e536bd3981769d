package io.bingfa.multiprocessing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What a {@link Manager} serves for a shared list: every method under the list's monitor. */
final class RemoteList {
    private final List<Object> list;

    RemoteList() {
        this(new ArrayList<>());
    }

    RemoteList(List<Object> list) {
        this.list = list;
    }

    public Object get(Integer index) {
        synchronized (list) {
            return list.get(index);
        }
    }

    public Object set(Integer index, Object value) {
        synchronized (list) {
            return list.set(index, value);
        }
    }

    public void add(Integer index, Object value) {
        synchronized (list) {
            list.add(index, value);
        }
    }

    public boolean addAll(Collection<?> values) {
        synchronized (list) {
            return list.addAll(values);
        }
    }

    public Object removeAt(Integer index) {
        synchronized (list) {
            return list.remove((int) index);
        }
    }

    public int size() {
        synchronized (list) {
            return list.size();
        }
    }

    public void clear() {
        synchronized (list) {
            list.clear();
        }
    }

    public ArrayList<Object> snapshot() {
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }
}
