package io.bingfa.multiprocessing;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;

/**
 * A list shared through a {@link Manager} (Python's {@code ListProxy}): a {@link List} whose every
 * operation is a call to the manager; values are copied both ways. Iteration reads element by
 * element, so it sees changes made meanwhile (and fails with {@link
 * java.util.ConcurrentModificationException} or {@link IndexOutOfBoundsException} if the list
 * shrinks under it); {@link #snapshot()} copies the whole list in one call. Serialisable: a copy
 * sent to a child JVM reaches the same list.
 */
final class ProxyList<E> extends AbstractList<E> implements RandomAccess, Serializable {
    private static final long serialVersionUID = 1L;
    private final transient Handle handle;

    ProxyList(ProxyRef ref) {
        this.handle = new Handle(ref);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        return (E) handle.call("get", index);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E set(int index, E element) {
        return (E) handle.call("set", index, element);
    }

    @Override
    public void add(int index, E element) {
        handle.call("add", index, element);
        modCount++;
    }

    @Override
    public boolean add(E element) {
        handle.call("addAll", new java.util.ArrayList<>(java.util.Collections.singletonList(element)));
        modCount++;
        return true;
    }

    @Override
    public boolean addAll(Collection<? extends E> values) {
        modCount++;
        return (Boolean) handle.call("addAll", new java.util.ArrayList<>(values));
    }

    @Override
    @SuppressWarnings("unchecked")
    public E remove(int index) {
        modCount++;
        return (E) handle.call("removeAt", index);
    }

    @Override
    public int size() {
        return (Integer) handle.call("size");
    }

    @Override
    public void clear() {
        modCount++;
        handle.call("clear");
    }

    /** A copy of the whole list, taken in one call. */
    @SuppressWarnings("unchecked")
    public List<E> snapshot() {
        return (List<E>) handle.call("snapshot");
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
