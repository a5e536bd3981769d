package io.bingfa;

import java.io.Serializable;

/**
 * A {@link TaskFunction} that is {@link Serializable}; see {@link SerializableTask}.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends TaskFunction<T, R>, Serializable {}
