package io.bingfa;

import java.io.Serializable;

/** An {@link Action} that is {@link Serializable}; see {@link SerializableTask}. */
@FunctionalInterface
public interface SerializableAction extends Action, Serializable {}
