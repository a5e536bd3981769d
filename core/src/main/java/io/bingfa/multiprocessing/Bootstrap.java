package io.bingfa.multiprocessing;

import io.bingfa.SerializableAction;
import java.io.Serializable;

/** What a parent hands a child JVM on its stdin: who it is, and what to run. */
record Bootstrap(String name, String identity, boolean daemon, long parentPid, String parentName, byte[] authKey,
        SerializableAction target) implements Serializable {}
