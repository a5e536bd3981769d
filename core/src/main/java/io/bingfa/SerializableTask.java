package io.bingfa;

import java.io.Serializable;

/**
 * A {@link Task} that is {@link Serializable}, so that a lambda passed where one is expected can be
 * copied into a child JVM. The lambda's capturing class must be on the child's class path.
 *
 * @param <V> the result type
 */
@FunctionalInterface
public interface SerializableTask<V> extends Task<V>, Serializable {}
