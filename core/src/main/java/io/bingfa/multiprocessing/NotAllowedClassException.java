package io.bingfa.multiprocessing;

import java.io.InvalidClassException;

/**
 * Thrown when bytes from another process name a class that is not on the {@link AllowList}: the
 * object is refused before it is created.
 */
public class NotAllowedClassException extends InvalidClassException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for the refused class {@code className}. */
    public NotAllowedClassException(String className) {
        super(className, "not on bingfa's deserialisation allow-list (" + AllowList.describe()
                + "); allow it in every process with -D" + AllowList.PROPERTY + "=" + suggest(className)
                + " or AllowList.allow(\"" + suggest(className) + "\") before the processes start");
    }

    /** Returns the name of the class that was refused. */
    public String className() {
        return classname;
    }

    private static String suggest(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(0, dot) + ".*";
    }
}
