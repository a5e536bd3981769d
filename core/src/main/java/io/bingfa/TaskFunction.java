package io.bingfa;

/**
 * A function of one argument that may throw: what {@code map} applies to each item.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface TaskFunction<T, R> {
    /**
     * Applies the function.
     *
     * @param value the argument
     * @return the result
     * @throws Exception if the function fails
     */
    R apply(T value) throws Exception;
}
